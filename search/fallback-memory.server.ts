import { LRUCache } from "lru-cache";
import { Prisma } from "../app/generated/prisma/client";
import { PREFECTURES } from "../app/reference/prefectures";
import { prisma } from "../app/utils/db.server";
import { ACTIVITIES } from "../app/reference/activities";
import { DEPARTMENTS } from "../app/reference/departments";
import { EMPLOYMENT_FORMS } from "../app/reference/employment-forms";
import { codesNamedBy, fallbackWord, nameHaystackOf, ownHaystackOf, prepareQuery, romajiHaystackOf, searchTextOf, typoMatch } from "./definition";
import type { SearchQuery } from "./query";
import { FallbackTexts } from "./fallback-texts.server";
import { emptyFacets, toHit, type SearchResult } from "./results";
import { collectGarbage } from "../app/utils/gc.server";

/**
 * The fallback: while Meilisearch is down, a snapshot of the published listings is kept in this
 * process's memory and searched with the search definition's rules (definition.ts). PostgreSQL
 * cannot count facets over 100,000 listings in a few milliseconds, nor fold Japanese text the
 * way the index does; one pass over an array can. Searches made while the snapshot loads wait
 * for it (docs/decisions/0010-japanese-text.md).
 *
 * The snapshot follows changes made on any instance (see refresh): at most once a second a
 * search reloads the listings changed since. It is dropped when Meilisearch answers again.
 */

/**
 * One slot per listing, in the order loaded: the texts as strings, the rest as typed columns
 * (about 330 bytes of memory per listing; a listing changed during the outage is rewritten in
 * its slot, one withdrawn is marked dead). Only what filtering, counting and ordering need is
 * kept; the page of hits is read from PostgreSQL by id.
 * - `texts`, `names`, `romaji`: the haystack in parts (definition.ts): the free text (in a
 *   temporary file, fallback-texts.server.ts), the name and its reading, and its romaji (the last
 *   two also rank; typos are allowed in romaji). The prefecture's, departments' and activities'
 *   names are not kept: a word found in them matches through the codes.
 * - `newest`, `kanaOrder`: the live slots in the two orders (published at descending, empty last,
 *   then id; kana, then id).
 * - `changes`: when changes were last looked for, and the rows seen then (see refresh).
 * - `words`: which slots contain a word, for recent words (a physician's vocabulary is small).
 */
type Snapshot = {
  size: number;
  ids: string[];
  kana: string[];
  texts: FallbackTexts;
  names: string[];
  romaji: string[];
  published: Float64Array;
  columns: Columns;
  newest: Uint32Array;
  kanaOrder: Uint32Array;
  slotOf: Map<string, number> | null;
  changes: { lookedAt: number; seen: Map<string, number> };
  checkedAt: number;
  words: LRUCache<string, Uint8Array>;
};

/** Which slots match `word` (definition.ts's rule), or, for ranking, have it in their name. */
function wordMatchesOf(s: Snapshot, word: string, field: "text" | "names" = "text") {
  const key = `${field}:${word}`;
  let matches = s.words.get(key);
  if (!matches) {
    matches = new Uint8Array(s.size);
    if (field === "text") s.texts.markMatches(word, matches);
    const typos = /^[a-z]+$/.test(word);
    const c = s.columns;
    const coded = field === "text" ? codesNamedBy(word) : null;
    const place = new Uint8Array(48);
    for (const code of coded?.prefecture ?? []) place[Number(code)] = 1;
    const [dLo, dHi] = DEPT_BITS.mask(coded?.department ?? []) ?? [0, 0];
    const [aLo, aHi] = ACTIVITY_BITS.mask(coded?.activity ?? []) ?? [0, 0];
    for (let i = 0; i < s.size; i++) {
      if (matches[i]) continue;
      const found =
        s.names[i]!.includes(word) ||
        s.romaji[i]!.includes(word) ||
        (coded !== null &&
          (place[c.pref[i]!] === 1 || (c.deptLo[i]! & dLo) !== 0 || (c.deptHi[i]! & dHi) !== 0 || (c.actLo[i]! & aLo) !== 0 || (c.actHi[i]! & aHi) !== 0)) ||
        (typos && typoMatch(s.romaji[i]!, word));
      matches[i] = found ? 1 : 0;
    }
    s.words.set(key, matches);
  }
  return matches;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function emptySnapshot(capacity: number, changes: Snapshot["changes"]): Snapshot {
  return {
    size: 0,
    ids: [],
    kana: [],
    texts: new FallbackTexts(),
    names: [],
    romaji: [],
    published: new Float64Array(capacity),
    columns: columnsFor(capacity),
    newest: new Uint32Array(0),
    kanaOrder: new Uint32Array(0),
    slotOf: null,
    changes,
    checkedAt: Date.now(),
    // Recent words: one byte per listing each, 4 MB in all (about 35 words at 113,000 listings).
    words: new LRUCache({ maxSize: 4 * 1024 * 1024, sizeCalculation: (m) => Math.max(1, m.length) }),
  };
}

/** Writes a listing into slot `i` (a new one at the end when `i` is `size`), growing the columns as needed. */
function writeSlot(s: Snapshot, i: number, r: DbEntry) {
  if (i >= s.published.length) {
    const capacity = Math.max(1024, s.published.length * 2);
    const published = new Float64Array(capacity);
    published.set(s.published);
    s.published = published;
    s.columns = grownColumns(s.columns, capacity);
  }
  if (i === s.size) s.size++;
  const text = searchTextOf(r);
  s.ids[i] = r.id;
  s.kana[i] = r.nameKana;
  s.texts.set(i, ownHaystackOf(r, text));
  s.names[i] = nameHaystackOf(text);
  s.romaji[i] = romajiHaystackOf(text);
  s.published[i] = r.publishedAt?.getTime() ?? -Infinity;
  setColumns(s.columns, i, r);
}

/** Marks slot `i` dead: it matches nothing and is in neither order. */
function clearSlot(s: Snapshot, i: number) {
  s.columns.dead[i] = 1;
  s.texts.clear(i);
  s.names[i] = s.romaji[i] = "";
}

/** The live slots in both orders; called once a load or a refresh has written its slots. */
function order(s: Snapshot) {
  const live: number[] = [];
  for (let i = 0; i < s.size; i++) if (!s.columns.dead[i]) live.push(i);
  const { ids, kana, published } = s;
  s.newest = Uint32Array.from(live).sort((a, b) => published[b]! - published[a]! || byId(ids[a]!, ids[b]!));
  s.kanaOrder = Uint32Array.from(live).sort((a, b) => (kana[a]! < kana[b]! ? -1 : kana[a]! > kana[b]! ? 1 : byId(ids[a]!, ids[b]!)));
  s.words.clear();
}

let snapshot: Snapshot | null = null;
let loading: Promise<void> | null = null;
let refreshing: Promise<void> | null = null;
let generation = 0;
const REFRESH_EVERY_MS = 1000;

const PUBLISHED = Prisma.sql`FROM "Facility" f JOIN "FacilityProfile" p ON p."facilityId" = f.id AND p.stage = 'APPROVED' WHERE f.status = 'PUBLISHED'`;

const ENTRY_SELECT = Prisma.sql`
  SELECT f.id, f."publishedAt", p.name, p."nameKana", p.city, p.stance, p.hopes,
         concat_ws(E'\n', nullif(p."consultationSetup", ''), nullif(p."learningSupport", ''), nullif(p."employmentTerms", '')) AS description,
         p."prefectureCode", p.kind::text AS kind,
         p."supervisorAvailable", p."learningTimeProtected", p."scheduleAdjustment", p."programSupport",
         p."departmentCodes", p."employmentFormCodes", p."activityCodes"
  ${PUBLISHED}`;

type DbEntry = {
  id: string;
  publishedAt: Date | null;
  name: string;
  nameKana: string;
  city: string;
  stance: string;
  hopes: string;
  description: string;
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

type HitRow = Parameters<typeof toHit>[0] & { id: string };

/** The page of hits, read by id, in the snapshot's order. */
async function hitsById(ids: string[]) {
  if (!ids.length) return [];
  const rows = await prisma.$queryRaw<HitRow[]>`
    SELECT f.id, f.slug, p.name, p."nameKana", p.kind::text AS kind, p."bedCount", p."prefectureCode", p.city, p."departmentCodes",
           p."employmentFormCodes", p."supervisorAvailable", p."learningTimeProtected", p."scheduleAdjustment", p."programSupport",
           p."activityCodes", f."contentApprovedAt", left(p.stance, 100) AS stance,
           (SELECT json_build_object('key', ph."storageKey", 'widths', ph.widths, 'width', ph.width, 'height', ph.height, 'alt', ph.alt)
              FROM "FacilityPhoto" ph WHERE ph."facilityId" = f.id AND ph.stage = 'APPROVED' ORDER BY ph.position LIMIT 1) AS photo
    ${PUBLISHED} AND f.id = ANY(${ids}::text[])`;
  const byIdMap = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byIdMap.get(id);
    return row ? [toHit(row)] : [];
  });
}

/**
 * Changes are found by the facility row's "updatedAt": every change that matters to search
 * (a decision, a payment, a lapse, an accepted revision) updates the facility in the same
 * transaction. Each look asks for rows changed since the previous look, less a margin for
 * transactions that committed late and for the clocks of other instances; rows already seen at
 * the same "updatedAt" are not reloaded. However long this instance sat idle, the next search
 * sees every change since (tests/integration/search-fallback-memory.test.ts).
 */
const MARGIN_MS = 30_000;
/** Rows read per query while loading: small, so that little garbage is alive at once. */
const LOAD_BATCH = 500;

async function load() {
  const started = generation;
  const lookedAt = Date.now();
  // Changes made while the pages were read are looked for again on the first refresh.
  const s = emptySnapshot(LOAD_BATCH, { lookedAt, seen: new Map() });
  let after = "";
  try {
    for (;;) {
      const batch = await prisma.$queryRaw<DbEntry[]>`${ENTRY_SELECT} AND f.id > ${after} ORDER BY f.id LIMIT ${LOAD_BATCH}`;
      if (started !== generation) return s.texts.close(); // dropped meanwhile (Meilisearch came back)
      for (const r of batch) writeSlot(s, s.size, r);
      s.texts.flush();
      if (batch.length < LOAD_BATCH) break;
      after = batch[batch.length - 1]!.id;
    }
  } catch (error) {
    s.texts.close();
    throw error;
  }
  order(s);
  snapshot = s;
  // The rows read while loading (some 90 MB at 113,000 listings) are garbage now: given back at
  // once rather than kept by V8 through the outage.
  collectGarbage();
}

/** Reloads the listings changed since the last look, in place. */
async function refresh(current: Snapshot) {
  const started = generation;
  const lookedAt = Date.now();
  const changedRows = await prisma.$queryRaw<Array<{ id: string; updatedAt: Date }>>`
    SELECT id, "updatedAt" FROM "Facility" WHERE "updatedAt" > ${new Date(current.changes.lookedAt - MARGIN_MS)}`;
  const news = changedRows.filter((c) => current.changes.seen.get(c.id) !== c.updatedAt.getTime());
  const changes = { lookedAt, seen: new Map(changedRows.map((c) => [c.id, c.updatedAt.getTime()])) };
  if (!news.length) {
    current.changes = changes;
    return;
  }
  const ids = news.map((c) => c.id);
  const fresh = await prisma.$queryRaw<DbEntry[]>`${ENTRY_SELECT} AND f.id = ANY(${ids}::text[])`;
  if (started !== generation || snapshot !== current) return;
  const slotOf = (current.slotOf ??= new Map(current.ids.map((id, i) => [id, i])));
  for (const id of ids) {
    const slot = slotOf.get(id);
    if (slot !== undefined) clearSlot(current, slot); // withdrawn, or rewritten below
  }
  for (const r of fresh) {
    const slot = slotOf.get(r.id) ?? current.size;
    writeSlot(current, slot, r);
    current.columns.dead[slot] = 0;
    slotOf.set(r.id, slot);
  }
  current.texts.flush();
  order(current);
  current.changes = changes;
}

/** Starts loading the snapshot (once); resolves when it is loaded or failed to. */
export function loadMemoryFallback() {
  loading ??= load()
    .catch((error) => console.warn(`[search] in-memory fallback could not load: ${(error as Error).message}`))
    .finally(() => (loading = null));
  return loading;
}

/** Answers from the snapshot; the first search of an outage loads it, and searches meanwhile wait for it. */
export async function memoryFallbackSearch(query: SearchQuery): Promise<SearchResult> {
  if (!snapshot) await loadMemoryFallback();
  if (!snapshot) throw new Error("The search fallback could not load the listings");
  const current = snapshot;
  if (Date.now() - current.checkedAt >= REFRESH_EVERY_MS && !refreshing) {
    current.checkedAt = Date.now();
    refreshing = refresh(current)
      .catch((error) => console.warn(`[search] in-memory fallback could not refresh: ${(error as Error).message}`))
      .finally(() => (refreshing = null));
    await refreshing; // a change made during the outage shows on the next search
  }
  return searchSnapshot(snapshot ?? current, query);
}

/** Frees the snapshot (Meilisearch answers again, or search was reconfigured). */
export function dropMemoryFallback() {
  generation++;
  // Its file is closed a little later: a search may still be reading it.
  const dropped = snapshot;
  if (dropped) setTimeout(() => dropped.texts.close(), 10_000).unref();
  snapshot = null;
}

export function memoryFallbackReady() {
  return snapshot !== null;
}

/**
 * The snapshot's filter fields as typed columns (one entry per listing, newest first): codes as
 * bits, so one search is a tight loop of integer tests. Up to 64 codes per list (departments 37,
 * activities 41, employment forms 2).
 */
class Bits {
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

const DEPT_BITS = new Bits(DEPARTMENTS.map((d) => d.code));
const ACTIVITY_BITS = new Bits(ACTIVITIES.map((a) => a.code));
const EMPLOYMENT_BITS = new Bits(EMPLOYMENT_FORMS.map((f) => f.code));
const KINDS = ["", "HOSPITAL", "CLINIC"];
const LEARNING_FLAGS: Record<string, number> = { time: 2, schedule: 4, program: 8 };

type Columns = {
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

function columnsFor(capacity: number): Columns {
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

function grownColumns(c: Columns, capacity: number): Columns {
  const grown = columnsFor(capacity);
  for (const key of Object.keys(c) as Array<keyof Columns>) grown[key].set(c[key]);
  return grown;
}

const knownMask = (bits: Bits, codes: string[]) => bits.mask(codes.filter((x) => bits.mask([x]))) ?? [0, 0];

function setColumns(c: Columns, i: number, r: DbEntry) {
  c.pref[i] = Number(r.prefectureCode) || 0;
  c.kind[i] = Math.max(0, KINDS.indexOf(r.kind ?? ""));
  c.flags[i] = (r.supervisorAvailable ? 1 : 0) | (r.learningTimeProtected ? 2 : 0) | (r.scheduleAdjustment ? 4 : 0) | (r.programSupport ? 8 : 0);
  c.dead[i] = 0;
  c.employment[i] = knownMask(EMPLOYMENT_BITS, r.employmentFormCodes)[0];
  [c.deptLo[i], c.deptHi[i]] = knownMask(DEPT_BITS, r.departmentCodes);
  [c.actLo[i], c.actHi[i]] = knownMask(ACTIVITY_BITS, r.activityCodes);
}

// Group numbers for the loop: which one a listing failed.
const G_PLACE = 1, G_DEPT = 2, G_KIND = 3, G_EMP = 4, G_ACT = 5, G_SUP = 6;

function addBits(counts: Int32Array, lo: number, hi: number) {
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

export async function searchSnapshot(s: Snapshot, query: SearchQuery): Promise<SearchResult> {
  const c = s.columns;
  // The query, compiled to the columns' terms.
  let place: Uint8Array | null = null;
  if (query.prefecture.length || query.region.length) {
    place = new Uint8Array(48);
    for (const p of PREFECTURES) if (query.prefecture.includes(p.code) || query.region.includes(p.regionCode)) place[Number(p.code)] = 1;
  }
  const dept = DEPT_BITS.mask(query.department);
  const act = ACTIVITY_BITS.mask(query.activity);
  const emp = EMPLOYMENT_BITS.mask(query.employment);
  const kind = query.kind ? KINDS.indexOf(query.kind) : 0;
  const supervision = Boolean(query.supervision);
  let learning = 0;
  for (const l of query.learning) learning |= LEARNING_FLAGS[l] ?? 0;
  const words = prepareQuery(query.q).map(fallbackWord);
  const wordMatches = words.length ? words.map((w) => wordMatchesOf(s, w)) : null;
  const [dLo, dHi] = dept ?? [0, 0];
  const [aLo, aHi] = act ?? [0, 0];
  const eMask = emp?.[0] ?? 0;

  const prefCounts = new Int32Array(48);
  const deptCounts = new Int32Array(64);
  const kindCounts = new Int32Array(KINDS.length);
  const empCounts = new Int32Array(64);
  const actCounts = new Int32Array(64);
  let supCount = 0;
  const learningCounts = new Int32Array(16);
  const matched: number[] = [];
  const order = query.sort === "kana" ? s.kanaOrder : s.newest;
  const n = order.length;

  // One pass: a listing failing no group matches and counts for every facet; failing only one
  // facet's group, it counts for that facet alone (its disjunctive count); otherwise for nothing.
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    let failed = 0;
    let failures = 0;
    if (place && !place[c.pref[i]!]) {
      failed = G_PLACE;
      failures++;
    }
    if ((dept === null && query.department.length) || (c.deptLo[i]! & dLo) !== dLo || (c.deptHi[i]! & dHi) !== dHi) {
      failed = G_DEPT;
      if (++failures > 1) continue;
    }
    if (kind && c.kind[i] !== kind) {
      failed = G_KIND;
      if (++failures > 1) continue;
    }
    if (query.employment.length && (emp === null || (c.employment[i]! & eMask) === 0)) {
      failed = G_EMP;
      if (++failures > 1) continue;
    }
    if ((act === null && query.activity.length) || (c.actLo[i]! & aLo) !== aLo || (c.actHi[i]! & aHi) !== aHi) {
      failed = G_ACT;
      if (++failures > 1) continue;
    }
    if (supervision && !(c.flags[i]! & 1)) {
      failed = G_SUP;
      if (++failures > 1) continue;
    }
    if ((c.flags[i]! & learning) !== learning) continue; // learning and text are never left out
    if (wordMatches) {
      let all = 1;
      for (let w = 0; w < wordMatches.length && all; w++) all = wordMatches[w]![i]!;
      if (!all) continue;
    }
    if (failures === 0) {
      matched.push(i);
      learningCounts[c.flags[i]! & 14]!++;
    }
    if (failures === 0 || failed === G_PLACE) prefCounts[c.pref[i]!]!++;
    if (failures === 0 || failed === G_DEPT) addBits(deptCounts, c.deptLo[i]!, c.deptHi[i]!);
    if (failures === 0 || failed === G_KIND) kindCounts[c.kind[i]!]!++;
    if (failures === 0 || failed === G_EMP) addBits(empCounts, c.employment[i]!, 0);
    if (failures === 0 || failed === G_ACT) addBits(actCounts, c.actLo[i]!, c.actHi[i]!);
    if ((failures === 0 || failed === G_SUP) && c.flags[i]! & 1) supCount++;
  }

  const facets = emptyFacets();
  const fill = (target: Record<string, number>, counts: Int32Array, code: (b: number) => string | undefined) => {
    counts.forEach((v, b) => {
      const key = v ? code(b) : undefined;
      if (key) target[key] = v;
    });
  };
  fill(facets.prefecture, prefCounts, (b) => (b ? String(b).padStart(2, "0") : undefined));
  fill(facets.department, deptCounts, (b) => DEPT_BITS.codes[b]);
  fill(facets.kind, kindCounts, (b) => KINDS[b] || undefined);
  fill(facets.employment, empCounts, (b) => EMPLOYMENT_BITS.codes[b]);
  fill(facets.activity, actCounts, (b) => ACTIVITY_BITS.codes[b]);
  if (supCount) facets.supervision.true = supCount;
  for (const [code, flag] of Object.entries(LEARNING_FLAGS)) {
    let count = 0;
    learningCounts.forEach((v, flags) => {
      if (flags & flag) count += v;
    });
    if (count) facets.learning[code] = count;
  }
  for (const p of PREFECTURES) {
    const count = facets.prefecture[p.code];
    if (count) facets.region[p.regionCode] = (facets.region[p.regionCode] ?? 0) + count;
  }

  // Relevance with text: listings whose name fields hold every word first, then newest.
  let ranked = matched;
  if (words.length && query.sort === "relevance") {
    const named = words.map((w) => wordMatchesOf(s, w, "names"));
    const first: number[] = [];
    const rest: number[] = [];
    for (const i of matched) (named.every((m) => m[i]) ? first : rest).push(i);
    ranked = first.concat(rest);
  }
  const offset = (query.page - 1) * query.perPage;
  return {
    hits: await hitsById(ranked.slice(offset, offset + query.perPage).map((i) => s.ids[i]!)),
    total: matched.length,
    page: query.page,
    perPage: query.perPage,
    totalPages: Math.ceil(matched.length / query.perPage),
    facets,
    engine: "fallback",
  };
}
