import { ACTIVITIES } from "../app/reference/activities";
import { DEPARTMENTS } from "../app/reference/departments";
import { EMPLOYMENT_FORMS } from "../app/reference/employment-forms";

/** What a table of listings (fallback-memory.server.ts) reads of each listing's codes. */
export type CodesEntry = {
  id: string;
  publishedAt: Date | null;
  prefectureCode: string | null;
  kind: string | null;
  supervisorAvailable: boolean | null;
  learningTimeProtected: boolean | null;
  scheduleAdjustment: boolean | null;
  programSupport: boolean | null;
  departmentCodes: string[];
  employmentFormCodes: string[];
  activityCodes: string[];
};

/**
 * The snapshot's filter fields as typed columns (one entry per listing, newest first): codes as
 * bits, so one search is a tight loop of integer tests. Up to 64 codes per list (departments 37,
 * activities 41, employment forms 2).
 */
export class Bits {
  private readonly index: Map<string, number>;
  readonly codes: string[];
  constructor(codes: readonly string[]) {
    this.codes = [...codes];
    this.index = new Map(codes.map((c, i) => [c, i]));
  }
  /** [low 32 bits, high 32 bits]; an unknown code gives null. */
  mask(codes: readonly string[]): [number, number] | null {
    let lo = 0;
    let hi = 0;
    for (const c of codes) {
      const i = this.index.get(c);
      if (i === undefined) return null;
      if (i < 32) lo |= 1 << i;
      else hi |= 1 << (i - 32);
    }
    return [lo >>> 0, hi >>> 0];
  }
  decode(lo: number, hi: number) {
    return this.codes.filter((_, i) => (i < 32 ? lo & (1 << i) : hi & (1 << (i - 32))));
  }
}

export const DEPT_BITS = new Bits(DEPARTMENTS.map((d) => d.code));
export const ACTIVITY_BITS = new Bits(ACTIVITIES.map((a) => a.code));
export const EMPLOYMENT_BITS = new Bits(EMPLOYMENT_FORMS.map((f) => f.code));
export const KINDS = ["", "HOSPITAL", "CLINIC"];
export const LEARNING_FLAGS: Record<string, number> = { time: 2, schedule: 4, program: 8 };

export type Columns = {
  pref: Uint8Array;
  kind: Uint8Array;
  flags: Uint8Array;
  dead: Uint8Array;
  employment: Uint32Array;
  deptLo: Uint32Array;
  deptHi: Uint32Array;
  actLo: Uint32Array;
  actHi: Uint32Array;
};

export function columnsFor(capacity: number): Columns {
  return {
    pref: new Uint8Array(capacity),
    kind: new Uint8Array(capacity),
    flags: new Uint8Array(capacity),
    dead: new Uint8Array(capacity),
    employment: new Uint32Array(capacity),
    deptLo: new Uint32Array(capacity),
    deptHi: new Uint32Array(capacity),
    actLo: new Uint32Array(capacity),
    actHi: new Uint32Array(capacity),
  };
}

export function grownColumns(c: Columns, capacity: number): Columns {
  const grown = columnsFor(capacity);
  for (const key of Object.keys(c) as Array<keyof Columns>) grown[key].set(c[key]);
  return grown;
}

const knownMask = (bits: Bits, codes: string[]) => bits.mask(codes.filter((x) => bits.mask([x]))) ?? [0, 0];

export function setColumns(c: Columns, i: number, r: CodesEntry) {
  c.pref[i] = Number(r.prefectureCode) || 0;
  c.kind[i] = Math.max(0, KINDS.indexOf(r.kind ?? ""));
  c.flags[i] = (r.supervisorAvailable ? 1 : 0) | (r.learningTimeProtected ? 2 : 0) | (r.scheduleAdjustment ? 4 : 0) | (r.programSupport ? 8 : 0);
  c.dead[i] = 0;
  c.employment[i] = knownMask(EMPLOYMENT_BITS, r.employmentFormCodes)[0];
  [c.deptLo[i], c.deptHi[i]] = knownMask(DEPT_BITS, r.departmentCodes);
  [c.actLo[i], c.actHi[i]] = knownMask(ACTIVITY_BITS, r.activityCodes);
}

/**
 * A table's codes as bitsets, one bit per slot for each code (about 17 KB per code at 113,000
 * listings, 136 codes): a search without words is counted from them (countCodes). Each chosen
 * filter is a few word-wide ORs or ANDs, and only the slots in the result set, or for a facet
 * counted apart in the set without its own choice, are visited. One pass over every slot
 * (fallback-memory.server.ts's countPass) costs some 2.5 ms at 113,000 listings; this, about
 * 0.1 ms median (docs/decisions/0008).
 */
const PLACE_AT = 0; // by prefecture number, 1–47
const DEPT_AT = 48;
const ACT_AT = DEPT_AT + DEPT_BITS.codes.length;
const EMP_AT = ACT_AT + ACTIVITY_BITS.codes.length;
const KIND_AT = EMP_AT + EMPLOYMENT_BITS.codes.length;
const FLAG_AT = KIND_AT + KINDS.length; // supervision (flag 1), then the learning flags 2, 4, 8
const LIVE_AT = FLAG_AT + 4;
const CODE_COUNT = LIVE_AT + 1;

/**
 * `bits`: for each code, one bit per slot (`words` 32-bit words). `list`/`start`: each slot's
 * codes, one byte each, slot i's from start[i] to start[i + 1]. `parts`: counts of a chosen facet
 * over the search without its choice, which many searches share (see countCodes); emptied by
 * each rebuild.
 */
export type CodeIndex = {
  words: number;
  bits: Int32Array;
  list: Uint8Array;
  start: Uint32Array;
  /**
   * For each prefecture number, the words of the bitsets that hold any of its listings. A table
   * loaded with its slots grouped by prefecture (fallback-memory.server.ts) has each in some 80
   * words of 3,500 at 113,000 listings, so a prefecture's part of a search is counted over those
   * words only (countCodes). Any order of slots is counted right; the grouping makes it fast.
   */
  placeWords: Uint32Array[];
  parts: Map<string, Int32Array>;
  scratch?: Int32Array[];
};

/** Builds (or rebuilds in place, when the size allows) the bitsets and code lists of a table's live slots. */
export function indexCodes(c: Columns, size: number, previous: CodeIndex | null): CodeIndex {
  const words = (size + 31) >>> 5;
  const bits = previous && previous.words === words ? previous.bits.fill(0) : new Int32Array(CODE_COUNT * words);
  const start = previous && previous.start.length === size + 1 ? previous.start : new Uint32Array(size + 1);
  let list = previous?.list ?? new Uint8Array(size * 16);
  let n = 0;
  const add = (code: number, w: number, m: number) => {
    bits[code * words + w]! |= m;
    if (n === list.length) {
      const grown = new Uint8Array(Math.max(1024, list.length * 2)); // a table loaded empty grows too
      grown.set(list);
      list = grown;
    }
    list[n++] = code;
  };
  for (let i = 0; i < size; i++) {
    start[i] = n;
    if (c.dead[i]) continue;
    const w = i >>> 5;
    const m = 1 << (i & 31);
    bits[LIVE_AT * words + w]! |= m;
    if (c.pref[i]) add(PLACE_AT + c.pref[i]!, w, m);
    if (c.kind[i]) add(KIND_AT + c.kind[i]!, w, m);
    for (let f = 0; f < 4; f++) if (c.flags[i]! & (1 << f)) add(FLAG_AT + f, w, m);
    for (let lo = c.employment[i]!; lo; lo &= lo - 1) add(EMP_AT + 31 - Math.clz32(lo & -lo), w, m);
    for (let lo = c.deptLo[i]!; lo; lo &= lo - 1) add(DEPT_AT + 31 - Math.clz32(lo & -lo), w, m);
    for (let hi = c.deptHi[i]!; hi; hi &= hi - 1) add(DEPT_AT + 32 + 31 - Math.clz32(hi & -hi), w, m);
    for (let lo = c.actLo[i]!; lo; lo &= lo - 1) add(ACT_AT + 31 - Math.clz32(lo & -lo), w, m);
    for (let hi = c.actHi[i]!; hi; hi &= hi - 1) add(ACT_AT + 32 + 31 - Math.clz32(hi & -hi), w, m);
  }
  start[size] = n;
  const placeWords: Uint32Array[] = [];
  for (let p = 0; p < 48; p++) {
    const o = (PLACE_AT + p) * words;
    let count = 0;
    for (let w = 0; w < words; w++) if (bits[o + w]) count++;
    const at = new Uint32Array(count);
    for (let w = 0, k = 0; w < words; w++) if (bits[o + w]) at[k++] = w;
    placeWords.push(at);
  }
  return { words, bits, list, start, placeWords, parts: new Map(), scratch: previous?.words === words ? previous.scratch : undefined };
}

/** The bit positions of `codes` in `bits`; null if one is unknown (then nothing matches). */
function positions(bits: Bits, codes: readonly string[]) {
  const mask = bits.mask(codes);
  if (!mask) return null;
  const out: number[] = [];
  for (let b = 0; b < 64; b++) if ((b < 32 ? mask[0] >>> b : mask[1] >>> (b - 32)) & 1) out.push(b);
  return out;
}

/** The facets a search counts, as countCodes groups them, and where each one's codes are. */
export type CodeGroup = "place" | "department" | "kind" | "employment" | "activity" | "supervision";
const RANGES: Record<CodeGroup, [number, number]> = {
  place: [PLACE_AT, PLACE_AT + 48],
  department: [DEPT_AT, ACT_AT],
  activity: [ACT_AT, EMP_AT],
  employment: [EMP_AT, KIND_AT],
  kind: [KIND_AT, FLAG_AT],
  supervision: [FLAG_AT, FLAG_AT + 1],
};

export type CodeCounts = {
  total: number;
  prefecture: Int32Array;
  department: Int32Array;
  kind: Int32Array;
  employment: Int32Array;
  activity: Int32Array;
  supervision: number;
  learning: Int32Array; // by flags & 14, as the fallback's pass (here only 2, 4 and 8 are used)
};

/** What a search asks of the codes (its words' matches, if it has words, found elsewhere). */
export type CodeQuery = {
  prefectures: number[] | null; // prefecture numbers (regions expanded); null: no place chosen
  departments: string[];
  activities: string[];
  employment: string[];
  kind: number; // index in KINDS; 0: none chosen
  supervision: boolean;
  learning: number; // flags 2, 4, 8
  /**
   * A search with words: the slots its words match (Meilisearch's matches, word-matches.server.ts),
   * one bit per slot, and a key naming this set in the kept parts.
   */
  matches?: WordMatchSet;
};

/** The slots a query's words match, one bit per slot, and a key naming the set in kept counts. */
export type WordMatchSet = { set: Int32Array; key: string };

/** Above this many slots per 32, a set is counted code by code (popcounts) rather than slot by slot. */
const DENSE_ABOVE = 4;
/** Kept counts of chosen facets (parts); the map is emptied when it reaches this. */
const MAX_PARTS = 4000;

/**
 * The counts of a search, with the same meaning as the fallback's pass: facets not chosen are
 * counted over the results; a chosen facet over the results of the search without its own choice
 * (disjunctive); learning support over the results. A search with words is counted within its
 * words' matches (`matches`), which every choice keeps. `onResults` is given the results
 * as a bitset over the slots (valid only during the call), for the page of hits (pageOf).
 */
export function countCodes(index: CodeIndex, c: Columns, q: CodeQuery, onResults?: (results: Int32Array, where: ResultsAt) => void): CodeCounts {
  const { words: W, bits } = index;
  const code = (k: number) => bits.subarray(k * W, (k + 1) * W);
  // Working sets come from the index's scratch buffers, not new arrays: a search allocating some
  // 100 KB of typed arrays (at 113,000 listings) cost more in garbage collection than in counting.
  index.scratch ??= [];
  let used = 0;
  const scratch = () => {
    const buffer = (index.scratch![used++] ??= new Int32Array(W));
    return buffer;
  };
  const none = () => scratch().fill(0);
  const union = (ks: number[]) => {
    if (ks.length === 1) return code(ks[0]!);
    const out = none();
    for (const k of ks) for (let w = 0, o = k * W; w < W; w++) out[w]! |= bits[o + w]!;
    return out;
  };
  // Codes are set for live slots only, so an intersection of codes needs no live set.
  const intersection = (ks: number[]) => {
    if (ks.length === 1) return code(ks[0]!);
    const out = scratch();
    out.set(code(ks[0]!));
    for (const k of ks.slice(1)) for (let w = 0, o = k * W; w < W; w++) out[w]! &= bits[o + w]!;
    return out;
  };
  // The chosen groups, each a set (and a key for its part); learning support is never left out.
  const chosen: Array<{ group: CodeGroup; set: Int32Array; key: string }> = [];
  if (q.prefectures) {
    // Made only when needed: the results within chosen prefectures are found over their words (below).
    let placeSet: Int32Array | null = null;
    const prefectures = q.prefectures;
    chosen.push({ group: "place", get set() { return (placeSet ??= prefectures.length ? union(prefectures.map((p) => PLACE_AT + p)) : none()); }, key: `p${prefectures}` });
  }
  const depts = q.departments.length ? positions(DEPT_BITS, q.departments) : [];
  if (q.departments.length) chosen.push({ group: "department", set: depts?.length ? intersection(depts.map((b) => DEPT_AT + b)) : none(), key: `d${depts}` });
  if (q.kind) chosen.push({ group: "kind", set: code(KIND_AT + q.kind), key: `k${q.kind}` });
  const emps = q.employment.length ? positions(EMPLOYMENT_BITS, q.employment) : [];
  if (q.employment.length) chosen.push({ group: "employment", set: emps?.length ? union(emps.map((b) => EMP_AT + b)) : none(), key: `e${emps}` });
  const acts = q.activities.length ? positions(ACTIVITY_BITS, q.activities) : [];
  if (q.activities.length) chosen.push({ group: "activity", set: acts?.length ? intersection(acts.map((b) => ACT_AT + b)) : none(), key: `a${acts}` });
  if (q.supervision) chosen.push({ group: "supervision", set: code(FLAG_AT), key: "s" });
  const learningCodes = [1, 2, 3].filter((f) => q.learning & (1 << f)).map((f) => FLAG_AT + f);
  let base = learningCodes.length ? intersection(learningCodes) : code(LIVE_AT);
  if (q.matches) {
    const within = scratch();
    for (let w = 0, m = q.matches.set; w < W; w++) within[w] = base[w]! & (m[w] ?? 0);
    base = within;
  }
  // What every kept part depends on besides the chosen facets.
  const tail = `|l${q.learning}${q.matches ? `|m${q.matches.key}` : ""}`;
  const out = scratch();
  const without = (left: CodeGroup | null) => {
    out.set(base);
    for (const g of chosen) {
      if (g.group === left) continue;
      const set = g.set;
      for (let w = 0; w < W; w++) out[w]! &= set[w]!;
    }
    return out;
  };

  // Within chosen prefectures, the results are only in the words holding their listings.
  const resultWords = q.prefectures?.length ? wordsOfPrefectures(index, q.prefectures) : null;
  let results: Int32Array;
  let total = 0;
  if (resultWords) {
    results = out.fill(0);
    const others = chosen.filter((g) => g.group !== "place").map((g) => g.set);
    const places = q.prefectures!.map((p) => (PLACE_AT + p) * W);
    for (let j = 0; j < resultWords.length; j++) {
      const w = resultWords[j]!;
      let x = 0;
      for (const o of places) x |= bits[o + w]!;
      x &= base[w]!;
      for (const set of others) x &= set[w]!;
      results[w] = x;
      total += popcount32(x);
    }
  } else {
    results = without(null);
    total = popcount(results);
  }
  // The results as a set, read before the working set is used again (the page of hits).
  onResults?.(results, { total, words: resultWords });
  const isChosen = new Set(chosen.map((g) => g.group));
  const keep = (key: string, counted: Int32Array) => {
    if (index.parts.size >= MAX_PARTS) index.parts.clear();
    index.parts.set(key, counted);
  };
  // A set within chosen prefectures is the sum of its parts in each prefecture (a listing is in
  // one), and each part is kept: a search for two prefectures reuses the counts of either one
  // under the same other filters ("内科, 指導医あり" in Tokyo, with Saitama or with Chiba).
  const place = chosen.find((g) => g.group === "place");
  const byPrefecture = (left: CodeGroup | null) => {
    const sum = new Int32Array(CODE_COUNT);
    const rest = chosen.filter((g) => g.group !== "place" && g.group !== left);
    const restKey = `${rest.map((g) => g.key).join("|")}${tail}`;
    for (const p of new Set(q.prefectures)) {
      const key = `P${p}|${restKey}`;
      let counted = index.parts.get(key);
      if (!counted) {
        counted = countInPrefecture(index, p, base, rest.map((g) => g.set));
        keep(key, counted);
      }
      for (let k = 0; k < CODE_COUNT; k++) sum[k]! += counted[k]!;
    }
    return sum;
  };
  // The results: every code's count, of which the facets not chosen and learning support are read.
  let all: Int32Array;
  if (place) all = byPrefecture(null);
  else {
    all = new Int32Array(CODE_COUNT);
    if (total > W * DENSE_ABOVE) {
      for (const [group, [from, to]] of Object.entries(RANGES)) if (!isChosen.has(group as CodeGroup)) countDense(results, bits, W, from, to, all);
      countDense(results, bits, W, FLAG_AT + 1, FLAG_AT + 4, all);
    } else countSparse(results, index, all);
  }
  // Each chosen facet, over the results without its own choice: kept per table and per the
  // rest of the search ("内科 in Tokyo" and "内科 in Osaka" share the prefectures' counts of 内科).
  for (const { group } of chosen) {
    const [from, to] = RANGES[group];
    const key = `${group}|${chosen.flatMap((g) => (g.group === group ? [] : [g.key])).join("|")}${tail}`;
    let part = index.parts.get(key);
    if (!part && place && group !== "place") part = byPrefecture(group).slice(from, to);
    if (!part) {
      const set = without(group);
      const counted = new Int32Array(CODE_COUNT);
      if (group === "supervision") counted[FLAG_AT] = popcountAnd(set, code(FLAG_AT));
      else if (popcount(set) > W * DENSE_ABOVE) countDense(set, bits, W, from, to, counted);
      // Slot by slot, only this facet's own column.
      else if (group === "place") countColumn(set, c.pref, counted, PLACE_AT);
      else if (group === "kind") countColumn(set, c.kind, counted, KIND_AT);
      else if (group === "department") countMask(set, c.deptLo, c.deptHi, counted, DEPT_AT);
      else if (group === "activity") countMask(set, c.actLo, c.actHi, counted, ACT_AT);
      else countMask(set, c.employment, null, counted, EMP_AT);
      part = counted.slice(from, to);
      keep(key, part);
    }
    all.set(part, from);
  }
  const range = (group: CodeGroup, length: number, at = 0) => {
    const out = new Int32Array(length);
    out.set(all.subarray(RANGES[group][0], RANGES[group][1]).subarray(at), 0);
    return out;
  };
  const learning = new Int32Array(16);
  for (const f of [1, 2, 3]) learning[1 << f] = all[FLAG_AT + f]!;
  return {
    total,
    prefecture: range("place", 48),
    department: range("department", 64),
    kind: range("kind", KINDS.length),
    employment: range("employment", 64),
    activity: range("activity", 64),
    supervision: all[FLAG_AT]!,
    learning,
  };
}

/** The slots of `set` at positions offset… of `order`, at most `limit` of them. */
/** How many results a set holds, and the only words holding them (null: any word). */
export type ResultsAt = { total: number; words: Uint32Array | null };

/** The words holding any listing of the prefectures (CodeIndex.placeWords), in order. */
function wordsOfPrefectures(index: CodeIndex, prefectures: number[]) {
  const lists = [...new Set(prefectures)].map((p) => index.placeWords[p] ?? new Uint32Array(0));
  if (lists.length === 1) return lists[0]!;
  const all = new Uint32Array(lists.reduce((n, l) => n + l.length, 0));
  let n = 0;
  for (const l of lists) all.set(l, (n += l.length) - l.length);
  all.sort();
  let kept = 0;
  for (let k = 0; k < all.length; k++) if (k === 0 || all[k] !== all[k - 1]) all[kept++] = all[k]!;
  return all.subarray(0, kept);
}

/**
 * The page of a set in an order, as pageOf, for a set known to be small (`at`): its slots are
 * gathered from the words holding them and sorted by their place in the order (`rank`: each
 * slot's position), rather than the order walked until the page is full (at 113,000 listings,
 * tens of thousands of steps for a page of a few hundred results). Falls back to pageOf where
 * walking is cheaper.
 */
export function pageOfFew(set: Int32Array, at: ResultsAt, order: Uint32Array, rank: Uint32Array, offset: number, limit: number) {
  const walk = ((offset + limit) * order.length) / Math.max(1, at.total);
  const gather = (at.words?.length ?? set.length) + at.total * Math.log2(at.total + 2) * 2;
  if (walk <= gather) return pageOf(set, order, offset, limit);
  const found = new Uint32Array(at.total);
  let n = 0;
  const take = (w: number) => {
    for (let x = set[w]!; x; x &= x - 1) found[n++] = (w << 5) + 31 - Math.clz32(x & -x);
  };
  if (at.words) for (let j = 0; j < at.words.length; j++) take(at.words[j]!);
  else for (let w = 0; w < set.length; w++) take(w);
  return Array.from(found.subarray(0, n).sort((a, b) => rank[a]! - rank[b]!).subarray(offset, offset + limit));
}

export function pageOf(set: Int32Array, order: Uint32Array, offset: number, limit: number) {
  const page: number[] = [];
  let seen = 0;
  for (let k = 0; k < order.length && page.length < limit; k++) {
    const i = order[k]!;
    if (((set[i >>> 5]! >>> (i & 31)) & 1) === 0) continue;
    if (seen++ >= offset) page.push(i);
  }
  return page;
}

/** Counts a one-value column over the slots in `set`, into counts[at + value]. */
function countColumn(set: Int32Array, column: Uint8Array, counts: Int32Array, at: number) {
  for (let w = 0; w < set.length; w++) {
    for (let x = set[w]!; x; x &= x - 1) counts[at + column[(w << 5) + 31 - Math.clz32(x & -x)]!]!++;
  }
}

/** Counts a column of code masks (low and high 32 bits) over the slots in `set`, into counts[at + bit]. */
function countMask(set: Int32Array, lo: Uint32Array, hi: Uint32Array | null, counts: Int32Array, at: number) {
  for (let w = 0; w < set.length; w++) {
    for (let x = set[w]!; x; x &= x - 1) {
      const i = (w << 5) + 31 - Math.clz32(x & -x);
      for (let m = lo[i]! | 0; m; m &= m - 1) counts[at + 31 - Math.clz32(m & -m)]!++;
      if (hi) for (let m = hi[i]! | 0; m; m &= m - 1) counts[at + 63 - Math.clz32(m & -m)]!++;
    }
  }
}

/** Adds every code of each slot in `set` to `counts`. */
/**
 * Every code's count over the listings of prefecture `p` in `base` and in each of `sets`: only the
 * words that hold the prefecture's listings are read (CodeIndex.placeWords).
 */
function countInPrefecture(index: CodeIndex, p: number, base: Int32Array, sets: Int32Array[]) {
  const { words: W, bits, list, start } = index;
  const at = index.placeWords[p] ?? new Uint32Array(0);
  const counts = new Int32Array(CODE_COUNT);
  // Slot by slot: a prefecture has at most 32 listings per word, and each listing about 8 codes,
  // fewer steps than a popcount of each of its words for every code.
  for (let j = 0, o = (PLACE_AT + p) * W; j < at.length; j++) {
    const w = at[j]!;
    let x = base[w]! & bits[o + w]!;
    for (const set of sets) x &= set[w]!;
    for (; x; x &= x - 1) {
      const i = (w << 5) + 31 - Math.clz32(x & -x);
      for (let k = start[i]!, end = start[i + 1]!; k < end; k++) counts[list[k]!]!++;
    }
  }
  return counts;
}

function countSparse(set: Int32Array, { list, start }: CodeIndex, counts: Int32Array) {
  for (let w = 0; w < set.length; w++) {
    for (let x = set[w]!; x; x &= x - 1) {
      const i = (w << 5) + 31 - Math.clz32(x & -x);
      for (let k = start[i]!, end = start[i + 1]!; k < end; k++) counts[list[k]!]!++;
    }
  }
}

/** Counts codes from…to-1 over `set`: the size of each one's bitset within it. */
function countDense(set: Int32Array, bits: Int32Array, W: number, from: number, to: number, counts: Int32Array) {
  for (let k = from; k < to; k++) {
    let sum = 0;
    for (let w = 0, o = k * W; w < W; w++) sum += popcount32(set[w]! & bits[o + w]!);
    counts[k] = sum;
  }
}

function popcount(set: Int32Array) {
  let n = 0;
  for (let w = 0; w < set.length; w++) n += popcount32(set[w]!);
  return n;
}

function popcountAnd(a: Int32Array, b: Int32Array) {
  let n = 0;
  for (let w = 0; w < a.length; w++) n += popcount32(a[w]! & b[w]!);
  return n;
}

function popcount32(x: number) {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function addBits(counts: Int32Array, lo: number, hi: number) {
  while (lo) {
    const b = 31 - Math.clz32(lo & -lo);
    counts[b]!++;
    lo &= lo - 1;
  }
  while (hi) {
    const b = 31 - Math.clz32(hi & -hi);
    counts[32 + b]!++;
    hi &= hi - 1;
  }
}
