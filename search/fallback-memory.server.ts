import { LRUCache } from "lru-cache";
import { Prisma } from "../app/generated/prisma/client";
import { PREFECTURES } from "../app/reference/prefectures";
import { prisma } from "../app/utils/db.server";
import { ACTIVITY_BITS, addBits, columnsFor, countCodes, DEPT_BITS, EMPLOYMENT_BITS, grownColumns, indexCodes, KINDS, LEARNING_FLAGS, pageOf, pageOfFew, setColumns, type CodeCounts, type CodeIndex, type CodeQuery, type CodesEntry, type Columns, type WordMatchSet } from "./listing-columns";
import { codesNamedBy, fallbackWord, regionCounts, nameHaystackOf, ownHaystackOf, prepareQuery, romajiHaystackOf, searchTextOf, typoMatch } from "./definition";
import type { SearchQuery } from "./query";
import { FallbackTexts } from "./fallback-texts.server";
import { emptyFacets, toHit, type SearchHit, type SearchResult } from "./results";
import { collectGarbage } from "../app/utils/gc.server";
import { searchCacheGeneration } from "./cache.server";

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
  /** The reading, for 五十音順 (both tables page: the fallback and, for searches without words, the table of codes). */
  kana: string[];
  /** Null in a table of codes only (the site's answers to searches without words, see listingCodes). */
  texts: FallbackTexts | null;
  names: string[];
  romaji: string[];
  published: Float64Array;
  columns: Columns;
  newest: Uint32Array;
  kanaOrder: Uint32Array;
  /** A table of codes only: each slot's position in `newest` and in `kanaOrder` (listing-columns.ts's pageOfFew). */
  ranks: { newest: Uint32Array; kana: Uint32Array } | null;
  /** A table of codes only: its codes as bitsets (listing-columns.ts), rebuilt by each load or refresh. */
  codeIndex: CodeIndex | null;
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
    if (field === "text") s.texts?.markMatches(word, matches);
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

function emptySnapshot(capacity: number, changes: Snapshot["changes"], withText: boolean): Snapshot {
  return {
    size: 0,
    ids: [],
    kana: [],
    texts: withText ? new FallbackTexts() : null,
    names: [],
    romaji: [],
    published: new Float64Array(capacity),
    columns: columnsFor(capacity),
    newest: new Uint32Array(0),
    kanaOrder: new Uint32Array(0),
    ranks: null,
    codeIndex: null,
    slotOf: null,
    changes,
    checkedAt: Date.now(),
    // Recent words: one byte per listing each, 4 MB in all (about 35 words at 113,000 listings).
    words: new LRUCache({ maxSize: 4 * 1024 * 1024, sizeCalculation: (m) => Math.max(1, m.length) }),
  };
}

/** Writes a listing into slot `i` (a new one at the end when `i` is `size`), growing the columns as needed. */
function writeSlot(s: Snapshot, i: number, r: DbEntry | TableEntry) {
  if (i >= s.published.length) {
    const capacity = Math.max(1024, s.published.length * 2);
    const published = new Float64Array(capacity);
    published.set(s.published);
    s.published = published;
    s.columns = grownColumns(s.columns, capacity);
  }
  if (i === s.size) s.size++;
  s.ids[i] = r.id;
  s.published[i] = r.publishedAt?.getTime() ?? -Infinity;
  s.kana[i] = r.nameKana;
  setColumns(s.columns, i, r);
  if (!s.texts || !("name" in r)) return;
  const text = searchTextOf(r);
  s.texts.set(i, ownHaystackOf(r, text));
  s.names[i] = nameHaystackOf(text);
  s.romaji[i] = romajiHaystackOf(text);
}

/**
 * Puts a freshly loaded table of codes (no texts, no dead slots) in order of prefecture, keeping
 * the order of load within each. Listings added later by a refresh go at the end, wherever they
 * are; the next load groups them again.
 */
function groupByPrefecture(s: Snapshot) {
  const { size, columns: c } = s;
  const at = new Uint32Array(49);
  for (let i = 0; i < size; i++) at[c.pref[i]! + 1]!++;
  for (let p = 1; p < 49; p++) at[p]! += at[p - 1]!;
  const moved = new Uint32Array(size); // moved[new slot] = old slot
  for (let i = 0; i < size; i++) moved[at[c.pref[i]!]!++] = i;
  s.ids = Array.from(moved, (i) => s.ids[i]!);
  s.kana = Array.from(moved, (i) => s.kana[i]!);
  const published = new Float64Array(s.published.length);
  for (let j = 0; j < size; j++) published[j] = s.published[moved[j]!]!;
  s.published = published;
  const columns = columnsFor(s.published.length);
  for (const key of Object.keys(c) as Array<keyof Columns>) for (let j = 0; j < size; j++) columns[key][j] = c[key][moved[j]!]!;
  s.columns = columns;
}

/** Marks slot `i` dead: it matches nothing and is in neither order. */
function clearSlot(s: Snapshot, i: number) {
  s.columns.dead[i] = 1;
  if (!s.texts) return;
  s.texts.clear(i);
  s.names[i] = s.romaji[i] = "";
}

/**
 * The live slots in both orders; called once a load or a refresh has written its slots. After a
 * refresh only the `changed` slots are placed again (placedAgain, not a sort of every listing: at
 * 113,000 listings a sort by reading takes 130–180 ms of the event loop, placing 20 changed slots
 * again 1–8 ms).
 */
function order(s: Snapshot, changed?: number[]) {
  const { ids, kana, published } = s;
  const newer = (a: number, b: number) => published[b]! - published[a]! || byId(ids[a]!, ids[b]!);
  const byKana = (a: number, b: number) => (kana[a]! < kana[b]! ? -1 : kana[a]! > kana[b]! ? 1 : byId(ids[a]!, ids[b]!));
  if (changed) {
    s.newest = placedAgain(s, s.newest, changed, newer);
    s.kanaOrder = placedAgain(s, s.kanaOrder, changed, byKana);
  } else {
    const live: number[] = [];
    for (let i = 0; i < s.size; i++) if (!s.columns.dead[i]) live.push(i);
    s.newest = Uint32Array.from(live).sort(newer);
    s.kanaOrder = Uint32Array.from(live).sort(byKana);
  }
  if (s.texts) s.words.clear();
  else {
    s.codeIndex = indexCodes(s.columns, s.size, s.codeIndex);
    s.ranks = { newest: ranksIn(s.newest, s.size), kana: ranksIn(s.kanaOrder, s.size) };
  }
}

function ranksIn(order: Uint32Array, size: number) {
  const rank = new Uint32Array(size);
  for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
  return rank;
}

/**
 * `ordered` without the `changed` slots, and with those of them still live put back in at their
 * places, each found by a binary search (a few comparisons each; comparing every slot, as a plain
 * merge does, took 16–33 ms at 113,000 listings).
 */
function placedAgain(s: Snapshot, ordered: Uint32Array, changed: number[], compare: (a: number, b: number) => number) {
  const moved = new Uint8Array(s.size);
  for (const i of changed) moved[i] = 1;
  const kept = new Uint32Array(ordered.length);
  let n = 0;
  for (let k = 0; k < ordered.length; k++) if (!moved[ordered[k]!]) kept[n++] = ordered[k]!;
  const incoming = [...new Set(changed)].filter((i) => !s.columns.dead[i]).sort(compare);
  const out = new Uint32Array(n + incoming.length);
  let from = 0;
  let at = 0;
  for (const i of incoming) {
    let lo = from;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(kept[mid]!, i) < 0) lo = mid + 1;
      else hi = mid;
    }
    out.set(kept.subarray(from, lo), at);
    at += lo - from;
    from = lo;
    out[at++] = i;
  }
  out.set(kept.subarray(from, n), at);
  return out;
}

const REFRESH_EVERY_MS = 1000;

const PUBLISHED = Prisma.sql`FROM "Facility" f JOIN "FacilityProfile" p ON p."facilityId" = f.id AND p.stage = 'APPROVED' WHERE f.status = 'PUBLISHED'`;

const CODES = Prisma.sql`p."nameKana", p."prefectureCode", p.kind::text AS kind,
         p."supervisorAvailable", p."learningTimeProtected", p."scheduleAdjustment", p."programSupport",
         p."departmentCodes", p."employmentFormCodes", p."activityCodes"`;

const ENTRY_SELECT = Prisma.sql`
  SELECT f.id, f."publishedAt", p.name, p.city, p.stance, p.hopes,
         concat_ws(E'\n', nullif(p."consultationSetup", ''), nullif(p."learningSupport", ''), nullif(p."employmentTerms", '')) AS description,
         ${CODES}
  ${PUBLISHED}`;

const CODES_SELECT = Prisma.sql`SELECT f.id, f."publishedAt", ${CODES} ${PUBLISHED}`;

/** A listing as a table of codes reads it: its codes, and its reading for 五十音順. */
type TableEntry = CodesEntry & { nameKana: string };
type DbEntry = TableEntry & {
  name: string;
  city: string;
  stance: string;
  hopes: string;
  description: string;
};
type HitRow = Parameters<typeof toHit>[0] & { id: string };

/**
 * The cards of listings recently shown, by id: a page of hits is read from PostgreSQL only for the
 * listings not here (most pages show the newest listings of a place, which many searches share).
 * A card is as right as the tables: a listing a refresh finds changed (or withdrawn) is dropped,
 * and all are dropped when a table is loaded or dropped (changes then go unseen meanwhile). About
 * 1.5 KB each.
 */
const cards = new LRUCache<string, SearchHit>({ max: 5000 });
let cardsGeneration = 0;
function dropCards(ids?: string[]) {
  cardsGeneration++;
  if (ids) for (const id of ids) cards.delete(id);
  else cards.clear();
}

/** The page of hits, read by id (from the cards kept, or PostgreSQL), in the snapshot's order. */
async function hitsById(ids: string[]) {
  const missing = ids.filter((id) => !cards.has(id));
  const read = missing.length ? await hitRows(missing) : new Map<string, SearchHit>();
  return ids.flatMap((id) => {
    const hit = read.get(id) ?? cards.get(id);
    return hit ? [hit] : [];
  });
}

async function hitRows(ids: string[]) {
  const startedAt = cardsGeneration;
  const rows = await prisma.$queryRaw<HitRow[]>`
    SELECT f.id, f.slug, p.name, p."nameKana", p.kind::text AS kind, p."bedCount", p."prefectureCode", p.city, p."departmentCodes",
           p."employmentFormCodes", p."supervisorAvailable", p."learningTimeProtected", p."scheduleAdjustment", p."programSupport",
           p."activityCodes", f."contentApprovedAt", left(p.stance, 100) AS stance,
           (SELECT json_build_object('key', ph."storageKey", 'widths', ph.widths, 'width', ph.width, 'height', ph.height, 'alt', ph.alt)
              FROM "FacilityPhoto" ph WHERE ph."facilityId" = f.id AND ph.stage = 'APPROVED' ORDER BY ph.position LIMIT 1) AS photo
    ${PUBLISHED} AND f.id = ANY(${ids}::text[])`;
  const read = new Map<string, SearchHit>();
  // A refresh that began before this read may drop a card after it is kept: never a stale one.
  for (const r of rows) {
    const hit = toHit(r);
    read.set(r.id, hit);
    if (cardsGeneration === startedAt) cards.set(r.id, hit);
  }
  return read;
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

/**
 * A table of the published listings kept in this process, loaded once and then kept up to date
 * (refresh): the fallback's snapshot (with the texts), and the site's table of codes (without
 * them), which answers searches without words (listingCodes below).
 */
class ListingTable {
  snapshot: Snapshot | null = null;
  private loading: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private generation = 0;
  constructor(private readonly withText: boolean) {}

  private async load() {
    const started = this.generation;
    const lookedAt = Date.now();
    dropCards();
    // Changes made while the pages were read are looked for again on the first refresh.
    const s = emptySnapshot(LOAD_BATCH, { lookedAt, seen: new Map() }, this.withText);
    const select = this.withText ? ENTRY_SELECT : CODES_SELECT;
    let after = "";
    try {
      for (;;) {
        // The bound on both sides of the join: PostgreSQL's generic plan (used from the sixth
        // page on) merges the two primary-key orders, and without it scanned the profiles from the
        // first every time (80 ms a page at 113,000 listings, a 15 s load; 2 ms a page with it).
        const batch = await prisma.$queryRaw<Array<DbEntry | TableEntry>>`${select} AND f.id > ${after} AND p."facilityId" > ${after} ORDER BY f.id LIMIT ${LOAD_BATCH}`;
        if (started !== this.generation) return s.texts?.close(); // dropped meanwhile
        for (const r of batch) writeSlot(s, s.size, r);
        s.texts?.flush();
        if (batch.length < LOAD_BATCH) break;
        after = batch[batch.length - 1]!.id;
      }
    } catch (error) {
      s.texts?.close();
      throw error;
    }
    // The table of codes counts a prefecture's listings over the words holding them
    // (listing-columns.ts, CodeIndex.placeWords): its slots are grouped by prefecture. (The
    // fallback's snapshot, whose texts are stored by slot, counts in one pass over every slot.)
    if (!this.withText) groupByPrefecture(s);
    order(s);
    this.snapshot = s;
    // The rows read while loading (some 90 MB at 113,000 listings with the texts) are garbage
    // now: given back at once rather than kept by V8.
    collectGarbage();
  }

  /** Reloads the listings changed since the last look, in place. */
  private async refresh(current: Snapshot) {
    const started = this.generation;
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
    dropCards(ids);
    const select = this.withText ? ENTRY_SELECT : CODES_SELECT;
    const fresh = await prisma.$queryRaw<Array<DbEntry | TableEntry>>`${select} AND f.id = ANY(${ids}::text[])`;
    if (started !== this.generation || this.snapshot !== current) return;
    const slotOf = (current.slotOf ??= new Map(current.ids.map((id, i) => [id, i])));
    const changed: number[] = [];
    for (const id of ids) {
      const slot = slotOf.get(id);
      if (slot === undefined) continue;
      clearSlot(current, slot); // withdrawn, or rewritten below
      changed.push(slot);
    }
    for (const r of fresh) {
      const slot = slotOf.get(r.id) ?? current.size;
      writeSlot(current, slot, r);
      current.columns.dead[slot] = 0;
      slotOf.set(r.id, slot);
      changed.push(slot);
    }
    current.texts?.flush();
    order(current, changed);
    current.changes = changes;
  }

  /** Starts loading the table (once); resolves when it is loaded or failed to. */
  start(what: string) {
    this.loading ??= this.load()
      .catch((error) => console.warn(`[search] ${what} could not load: ${(error as Error).message}`))
      .finally(() => (this.loading = null));
    return this.loading;
  }

  /** The table with every change made before the last second, or null while it is not loaded. */
  async current(what: string) {
    const current = this.snapshot;
    if (!current) return null;
    // A change made before this search shows in it.
    if (Date.now() - current.checkedAt >= REFRESH_EVERY_MS && !this.refreshing) await this.refreshAfterNow(what);
    return this.snapshot ?? current;
  }

  /** Resolves once a refresh that started after this call has ended (it waits for one under way). */
  refreshAfterNow(what: string): Promise<void> {
    if (this.queued) return this.queued;
    const run = () => {
      this.queued = null;
      const current = this.snapshot;
      if (!current) return Promise.resolve();
      current.checkedAt = Date.now();
      this.refreshing = this.refresh(current)
        .catch((error) => console.warn(`[search] ${what} could not refresh: ${(error as Error).message}`))
        .finally(() => (this.refreshing = null));
      return this.refreshing;
    };
    if (!this.refreshing) return run();
    this.queued = this.refreshing.then(run);
    return this.queued;
  }

  drop() {
    this.generation++;
    dropCards();
    // Its file is closed a little later: a search may still be reading it.
    const dropped = this.snapshot;
    if (dropped?.texts) setTimeout(() => dropped.texts!.close(), 10_000).unref();
    this.snapshot = null;
  }
}

const fallback = new ListingTable(true);

/** Starts loading the snapshot (once); resolves when it is loaded or failed to. */
export function loadMemoryFallback() {
  return fallback.start("in-memory fallback");
}

/** Answers from the snapshot; the first search of an outage loads it, and searches meanwhile wait for it. */
export async function memoryFallbackSearch(query: SearchQuery): Promise<SearchResult> {
  if (!fallback.snapshot) await loadMemoryFallback();
  const current = await fallback.current("in-memory fallback");
  if (!current) throw new Error("The search fallback could not load the listings");
  return searchSnapshot(current, query);
}

/** Frees the snapshot (Meilisearch answers again, or search was reconfigured). */
export function dropMemoryFallback() {
  fallback.drop();
}

export function memoryFallbackReady() {
  return fallback.snapshot !== null;
}

/**
 * The site's table of every published listing's codes and reading (about 150 bytes a listing,
 * most of it the id and the reading), kept while Meilisearch answers: a search without words is
 * answered here, its facets and its page of hits, and Meilisearch is not asked (search.server.ts,
 * docs/decisions/0015). It follows changes as the fallback's snapshot does, at most a second late.
 */
const listingCodes = new ListingTable(false);
export type ListingCodes = Snapshot;

/** Loads the table (once); resolves with the number of listings in it, or null if it could not load. */
export async function loadListingCodes() {
  await listingCodes.start("the table of listing codes");
  return listingCodes.snapshot?.newest.length ?? null;
}

/** The search-cache generation the table was last brought up to (see listingCodesTable). */
let codesSynced: { generation: number; done: Promise<void> } | null = null;

/**
 * The table, up to date; null while it is not loaded (loadListingCodes loads it). When the
 * index has changed since the last search (the search cache's generation moved), the table first
 * reads the changes from the database: the index shows a change only after it is committed, so an
 * answer kept until the next index change (cache.server.ts) is never older than the index, and
 * searches with and without words agree. Otherwise it follows changes at most a second late.
 */
export async function listingCodesTable(): Promise<ListingCodes | null> {
  if (!listingCodes.snapshot) return null;
  const generation = searchCacheGeneration();
  if (codesSynced?.generation !== generation) codesSynced = { generation, done: listingCodes.refreshAfterNow("the table of listing codes") };
  await codesSynced.done;
  return listingCodes.current("the table of listing codes");
}

/**
 * A search without words, answered from the table: its facets counted over the codes' bitsets,
 * its page of hits picked in the chosen order (relevance has no words to rank by: newest first,
 * as the fallback and Meilisearch order it too, search.server.ts) and read from PostgreSQL by id.
 * Meilisearch is not asked. The page is picked before anything is awaited: a refresh of the table
 * meanwhile cannot change it.
 */
export async function listingCodesSearch(table: ListingCodes, query: SearchQuery): Promise<SearchResult> {
  if (prepareQuery(query.q).length) throw new Error("listingCodesSearch answers searches without words only");
  const order = query.sort === "kana" ? table.kanaOrder : table.newest;
  const rank = query.sort === "kana" ? table.ranks?.kana : table.ranks?.newest;
  let page: number[] = [];
  const counts = countCodes(codeIndexOf(table), table.columns, codeQueryOf(query), (results, at) => {
    const offset = (query.page - 1) * query.perPage;
    page = rank ? pageOfFew(results, at, order, rank, offset, query.perPage) : pageOf(results, order, offset, query.perPage);
  });
  const ids = page.map((i) => table.ids[i]!);
  const hits = await hitsById(ids);
  // A listing withdrawn since the table's last look is not shown, nor counted in the total.
  const total = counts.total - (ids.length - hits.length);
  return { hits, total, page: query.page, perPage: query.perPage, totalPages: Math.ceil(total / query.perPage), facets: facetsOf(counts), engine: "site" };
}

/**
 * The total and facet counts of a search with words, within the listings its words match
 * (word-matches.server.ts): its page of hits is Meilisearch's (search.server.ts).
 */
export function listingCodesCount(table: ListingCodes, query: SearchQuery, matches: WordMatchSet) {
  const counts = countCodes(codeIndexOf(table), table.columns, { ...codeQueryOf(query), matches });
  return { total: counts.total, facets: facetsOf(counts) };
}

const codeIndexOf = (table: ListingCodes) => (table.codeIndex ??= indexCodes(table.columns, table.size, null));

/** A search's filters as the table's codes read them. */
function codeQueryOf(query: SearchQuery): CodeQuery {
  const place = query.prefecture.length || query.region.length;
  let learning = 0;
  for (const l of query.learning) learning |= LEARNING_FLAGS[l] ?? 0;
  return {
    prefectures: place ? PREFECTURES.filter((p) => query.prefecture.includes(p.code) || query.region.includes(p.regionCode)).map((p) => Number(p.code)) : null,
    departments: query.department,
    activities: query.activity,
    employment: query.employment,
    kind: query.kind ? Math.max(0, KINDS.indexOf(query.kind)) : 0,
    supervision: Boolean(query.supervision),
    learning,
  };
}

export function listingCodesLoaded() {
  return listingCodes.snapshot !== null;
}

/** Frees the table (Meilisearch is down: the fallback counts; or search was reconfigured). */
export function dropListingCodes() {
  listingCodes.drop();
}

// Group numbers for the loop: which one a listing failed.
const G_PLACE = 1, G_DEPT = 2, G_KIND = 3, G_EMP = 4, G_ACT = 5, G_SUP = 6;

/**
 * The one pass over a table: the facet counts of a query and, when `collect`, the matching slots
 * in the table's order. `wordMatches`: which slots hold each word of the query (the fallback's).
 */
function countPass(s: Snapshot, query: SearchQuery, wordMatches: Uint8Array[] | null, collect: boolean) {
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
  let total = 0;
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
    if ((dept === null && query.department.length) || (c.deptLo[i]! & dLo) >>> 0 !== dLo || (c.deptHi[i]! & dHi) >>> 0 !== dHi) {
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
    if ((act === null && query.activity.length) || (c.actLo[i]! & aLo) >>> 0 !== aLo || (c.actHi[i]! & aHi) >>> 0 !== aHi) {
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
      total++;
      if (collect) matched.push(i);
      learningCounts[c.flags[i]! & 14]!++;
    }
    if (failures === 0 || failed === G_PLACE) prefCounts[c.pref[i]!]!++;
    if (failures === 0 || failed === G_DEPT) addBits(deptCounts, c.deptLo[i]!, c.deptHi[i]!);
    if (failures === 0 || failed === G_KIND) kindCounts[c.kind[i]!]!++;
    if (failures === 0 || failed === G_EMP) addBits(empCounts, c.employment[i]!, 0);
    if (failures === 0 || failed === G_ACT) addBits(actCounts, c.actLo[i]!, c.actHi[i]!);
    if ((failures === 0 || failed === G_SUP) && c.flags[i]! & 1) supCount++;
  }

  const facets = facetsOf({ total, prefecture: prefCounts, department: deptCounts, kind: kindCounts, employment: empCounts, activity: actCounts, supervision: supCount, learning: learningCounts });
  return { facets, matched, total };
}

/** Counts by bit position, as the facets of an answer. */
function facetsOf(counts: CodeCounts) {
  const facets = emptyFacets();
  const fill = (target: Record<string, number>, values: Int32Array, code: (b: number) => string | undefined) => {
    values.forEach((v, b) => {
      const key = v ? code(b) : undefined;
      if (key) target[key] = v;
    });
  };
  fill(facets.prefecture, counts.prefecture, (b) => (b ? String(b).padStart(2, "0") : undefined));
  fill(facets.department, counts.department, (b) => DEPT_BITS.codes[b]);
  fill(facets.kind, counts.kind, (b) => KINDS[b] || undefined);
  fill(facets.employment, counts.employment, (b) => EMPLOYMENT_BITS.codes[b]);
  fill(facets.activity, counts.activity, (b) => ACTIVITY_BITS.codes[b]);
  if (counts.supervision) facets.supervision.true = counts.supervision;
  for (const [code, flag] of Object.entries(LEARNING_FLAGS)) {
    let count = 0;
    counts.learning.forEach((v, flags) => {
      if (flags & flag) count += v;
    });
    if (count) facets.learning[code] = count;
  }
  facets.region = regionCounts(facets.prefecture);
  return facets;
}

export async function searchSnapshot(s: Snapshot, query: SearchQuery): Promise<SearchResult> {
  const words = prepareQuery(query.q).map(fallbackWord);
  const wordMatches = words.length ? words.map((w) => wordMatchesOf(s, w)) : null;
  const { facets, matched } = countPass(s, query, wordMatches, true);

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
