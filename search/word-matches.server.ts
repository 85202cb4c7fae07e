import { LRUCache } from "lru-cache";
import { answerStamp, answersStillRight, type AnswerStamp } from "./cache.server";
import { indexName, searchClient } from "./client.server";
import { wordMatching } from "./definition";
import type { ListingCodes } from "./fallback-memory.server";
import type { CodeIndex, WordMatchSet } from "./listing-columns";
import { FACILITIES_INDEX } from "./settings";

/**
 * Which listings a query's words match, as Meilisearch matches them (its segmentation, phrases,
 * prefixes, typos in romaji), one bit per slot of the site's table of codes. With them the site
 * counts a search with words itself (listing-columns.ts, countCodes, within the matches), and
 * Meilisearch only finds the page of hits: its facet counting, most of its time for such a search
 * (docs/decisions/0015), is not asked for.
 *
 * The matches are read as Meilisearch's facet distribution of `id` over the words alone (every id
 * is a facet value, settings.ts): 20–110 ms of Meilisearch's time at 113,000 listings, some ten
 * searches' worth. So they are read only for words asked a second time, in the background; until
 * they are here, the search goes to Meilisearch whole, as before.
 *
 * A set is used while the index has not changed since it was read (the rule for kept answers,
 * cache.server.ts) and the table has not been rebuilt since (a new slot has no bit in it).
 */
type Matches = WordMatchSet & { stamp: AnswerStamp; index: CodeIndex };

/** Each set is one bit per listing: about 14 KB at 113,000 listings, so some 3.5 MB at most. */
const kept = new LRUCache<string, Matches>({ max: 256 });
/** How often each query's words were asked while their matches were not known. */
const asked = new LRUCache<string, number>({ max: 2000 });
/** A query's words asked this many times are worth reading the matches of. */
const ASKED_BEFORE_READING = 2;
const reading = new Map<string, Promise<void>>();
let serial = 0;
let countedInSite = 0;

/**
 * The matches of `text` (meilisearchQuery's form) in `table`, if they are known and still right;
 * otherwise null, and the words are noted as asked (and their matches read, the second time).
 */
export function wordMatches(table: ListingCodes, text: string): WordMatchSet | null {
  const known = kept.get(text);
  if (known && known.index === table.codeIndex && answersStillRight(known.stamp)) {
    countedInSite++;
    return known;
  }
  if (known) kept.delete(text);
  const times = (asked.get(text) ?? 0) + 1;
  asked.set(text, times);
  if (times >= ASKED_BEFORE_READING && !reading.has(text)) {
    reading.set(text, read(table, text).finally(() => reading.delete(text)));
  }
  return null;
}

async function read(table: ListingCodes, text: string) {
  // Stamped before asking: a change to the index meanwhile makes the set unusable.
  const stamp = answerStamp();
  try {
    const answer = await searchClient()
      .index(indexName(FACILITIES_INDEX))
      .search(text, { ...wordMatching(text), limit: 0, facets: ["id"] });
    const index = table.codeIndex;
    if (!index) return;
    const slotOf = (table.slotOf ??= new Map(table.ids.map((id, i) => [id, i])));
    const set = new Int32Array(index.words);
    const slots = index.words * 32;
    for (const id of Object.keys(answer.facetDistribution?.id ?? {})) {
      const i = slotOf.get(id);
      if (i !== undefined && i < slots) set[i >>> 5]! |= 1 << (i & 31);
    }
    kept.set(text, { stamp, index, set, key: String(++serial) });
  } catch (error) {
    // Nothing is lost: the words' searches go to Meilisearch whole, and the next one tries again.
    console.warn(`[search] the matches of a query could not be read: ${(error as Error).message}`);
  }
}

/** For tests and the benchmark: resolves once every read under way has ended. */
export async function wordMatchesRead() {
  while (reading.size) await Promise.all(reading.values());
}

/** For tests and the benchmark: how many searches with words the site has counted. */
export function searchesCountedInSite() {
  return countedInSite;
}

/** Forgets every set and every count of asks (search reconfigured; tests). */
export function forgetWordMatches() {
  kept.clear();
  asked.clear();
}
