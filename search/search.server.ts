import type { MultiSearchQuery } from "meilisearch";
import { cachedAnswer, cachedParts, keepAnswer, type Part } from "./cache.server";
import { watchIndexVersion } from "./index-version.server";
import { breaker, facilitiesIndex, indexName, isSearchConfigured, searchClient } from "./client.server";
import { FACET_ATTRIBUTE, FILTERS, meilisearchQuery, parseFacetCode, prepareQuery, regionCounts, wordMatching, type FacetGroup } from "./definition";
import { dropListingCodes, dropMemoryFallback, listingCodesCount, listingCodesLoaded, listingCodesSearch, listingCodesTable, loadListingCodes, memoryFallbackSearch, type ListingCodes } from "./fallback-memory.server";
import { buildFilter, FACETS, filterGroups, type FacetName } from "./filters";
import type { WordMatchSet } from "./listing-columns";
import type { SearchQuery } from "./query";
import { emptyFacets, toHit, type FacetCounts, type SearchResult } from "./results";
import { FACILITIES_INDEX, MAX_TOTAL_HITS } from "./settings";
import { deliverSearchOutbox, publishedAmong, searchOutboxBacklog, unsentChanges } from "./sync.server";
import { wordMatches } from "./word-matches.server";
import { doNotKeepPage, usesSearchAnswers } from "../app/utils/page-replay.server";

/**
 * The directory's search: Meilisearch for searches with words (the site counting their facets once
 * it knows which listings the words match, word-matches.server.ts), the site's table of listing
 * codes for those without (engine: "site", once the table is loaded); if Meilisearch cannot answer,
 * every search over an in-memory snapshot of the published listings (engine: "fallback"), so the
 * directory never goes dark. All take the query as the search definition prepares it
 * (definition.ts).
 */
const RETRIEVE = [
  "id", "slug", "name", "nameKana", "kind", "bedCount", "prefectureCode", "city", "departmentCodes", "employmentFormCodes",
  "supervisorAvailable", "learningTimeProtected", "scheduleAdjustment", "programSupport", "activityCodes", "contentApprovedAt", "stance", "photo",
];

const SORT: Record<SearchQuery["sort"], string[] | undefined> = {
  relevance: undefined,
  newest: ["publishedAt:desc"],
  kana: ["nameKana:asc"],
};
/**
 * Relevance without words has nothing to rank by: newest first, as the site's table and the
 * fallback order it (otherwise Meilisearch would list them in its own storage order).
 */
const sortOf = (query: SearchQuery, text: string) => (query.sort === "relevance" && !text ? SORT.newest : SORT[query.sort]);

/**
 * After a failure, Meilisearch is left alone for a few seconds (searches go straight to the
 * fallback, and the outage is logged once) before it is tried again.
 */
const RETRY_AFTER_MS = 5000;

export async function searchFacilities(query: SearchQuery): Promise<SearchResult> {
  if (isSearchConfigured()) watchIndexVersion();
  const key = JSON.stringify(query);
  // A page showing this answer may be kept (app/server/page-cache.server.ts) while Meilisearch's
  // answers are known to be unchanged (cache.server.ts); never one showing the fallback's.
  usesSearchAnswers();
  const cached = cachedAnswer(key);
  if (cached && (cached.engine !== "fallback" || Date.now() < breaker.retryAt)) {
    if (cached.engine === "fallback") doNotKeepPage();
    return cached;
  }
  const result = await searchUncached(query);
  keepAnswer(key, result);
  if (result.engine === "fallback") doNotKeepPage();
  return result;
}

async function searchUncached(query: SearchQuery): Promise<SearchResult> {
  if (isSearchConfigured() && !breaker.rebuilding && Date.now() >= breaker.retryAt) {
    try {
      if (breaker.downSince !== null) await catchUp();
      const result = await liveSearch(query);
      if (breaker.downSince !== null) {
        console.warn(`[search] Meilisearch answers again after ${Math.round((Date.now() - breaker.downSince) / 1000)} s`);
        breaker.downSince = null;
        dropMemoryFallback();
      }
      return result;
    } catch (error) {
      if (breaker.downSince === null) {
        breaker.downSince = Date.now();
        console.warn(`[search] Meilisearch did not answer, using the in-memory fallback: ${(error as Error).message}`);
        // The fallback counts from its own snapshot meanwhile; the table is loaded again afterwards.
        dropListingCodes();
      }
      breaker.retryAt = Date.now() + RETRY_AFTER_MS;
    }
  }
  try {
    return await memoryFallbackSearch(query);
  } catch (error) {
    // Meilisearch came back (a rebuild ended) while the snapshot was loading, and the load was
    // dropped: the search is asked of Meilisearch rather than failed.
    if (isSearchConfigured() && !breaker.rebuilding && breaker.downSince === null) return liveSearch(query);
    throw error;
  }
}

/**
 * Back from an outage, the changes made meanwhile are sent to Meilisearch before it answers
 * again: a listing revoked during the outage must not come back. If they cannot be sent, the
 * fallback keeps answering.
 */
async function catchUp() {
  const result = await deliverSearchOutbox({ ignoreBackoff: true });
  if ("error" in result) throw new Error(result.error);
  if (await searchOutboxBacklog()) throw new Error("the index is still catching up");
}

type Hits = { hits: Array<Record<string, unknown>>; total: number };
type Distribution = { distribution: Record<string, Record<string, number>> };

/** Which facets' counts a sub-query gives (the others it carries are counted elsewhere). */
type CountedPart = Part<MultiSearchQuery> & { counts: ReadonlySet<FacetGroup>; attribute: string };

const PLACES: FacetName[] = ["prefecture", "region"];

/**
 * The multi-search a query is sent as: one page of hits, and the facet counts in groups that do
 * not depend on the page or the sort (each part cached on its own, see cache.server.ts). The hits
 * query counts `facetCodes` (definition.ts); a facet counted apart, its own attribute. Each part
 * says which facets' counts it gives. Exported for the benchmark, which sends the same request
 * straight to Meilisearch.
 */
export function meiliQueries(query: SearchQuery): CountedPart[] {
  const uid = indexName(FACILITIES_INDEX);
  const active = filterGroups(query);
  // Disjunctive facets: a facet with a selection counts as if its own selection were not made,
  // so the other choices in it keep their numbers.
  const selected = FACETS.filter((f) => active[f] !== undefined);
  const placeSelected = selected.some((f) => PLACES.includes(f));
  const filter = buildFilter(query) || undefined;
  const text = meilisearchQuery(prepareQuery(query.q));
  const common = wordMatching(text);

  // The counts with the whole filter ride on the hits query: one evaluation of the text and filter
  // gives both (a separate facet query would be cached apart from the page, but costs Meilisearch a
  // second evaluation on every search never asked before). Learning support is conjunctive (each
  // chosen one must be offered): its counts are those of the results as they stand.
  const hitsQuery: MultiSearchQuery = {
    indexUid: uid, ...common, filter, page: query.page, hitsPerPage: query.perPage, sort: sortOf(query, text), attributesToRetrieve: RETRIEVE, facets: [FACET_ATTRIBUTE],
  };
  const onPage = new Set<FacetGroup>(["learning", ...FACETS.filter((f) => !selected.includes(f) && !(placeSelected && PLACES.includes(f)))]);
  // A facet counted apart reads only its own attribute (definition.ts).
  const facetQuery = (facet: FacetName, counts: FacetName[]): CountedPart => {
    const facetFilter = buildFilter(query, facet) || undefined;
    const attribute = FILTERS[facet].counted;
    return {
      key: JSON.stringify(["facets", uid, text, facetFilter, attribute]),
      query: { indexUid: uid, ...common, filter: facetFilter, facets: [attribute], limit: 0 },
      counts: new Set(counts),
      attribute,
    };
  };
  const facetParts: CountedPart[] = [];
  if (placeSelected) facetParts.push(facetQuery("prefecture", PLACES));
  for (const facet of selected) if (!PLACES.includes(facet)) facetParts.push(facetQuery(facet, [facet]));
  // The page of hits is kept as part of the whole answer (cache.server.ts), not a second time.
  return [{ key: JSON.stringify(["hits", uid, hitsQuery]), query: hitsQuery, keep: false, counts: onPage, attribute: FACET_ATTRIBUTE }, ...facetParts];
}

/** A sub-query's counts, read into the answer's facets: only those of the groups it is for. */
function readCounts(facets: FacetCounts, distribution: Record<string, Record<string, number>>, { counts, attribute }: Pick<CountedPart, "counts" | "attribute">) {
  const values = distribution[attribute] ?? {};
  if (attribute === FACET_ATTRIBUTE) {
    for (const [code, n] of Object.entries(values)) {
      const parsed = parseFacetCode(code);
      if (!parsed || !counts.has(parsed.group)) continue;
      if (parsed.group === "supervision") facets.supervision = { true: n };
      else facets[parsed.group][parsed.value] = n;
    }
    return;
  }
  for (const group of counts) {
    if (group === "supervision") facets.supervision = values.true ? { true: values.true } : {};
    else if (group === "region") facets.region = regionCounts(values);
    else if (group !== "learning") facets[group] = values;
  }
}

let answerInSite = true;
/** Whether searches without words are answered from the site's table (SEARCH_SITE_ANSWERS; tests) or by Meilisearch. */
export function setSiteAnswers(on: boolean) {
  answerInSite = on;
}

/**
 * A search while Meilisearch is taken to be up: from the site's table without words; with words,
 * counted in the site within the words' matches once they are known, the page from Meilisearch;
 * else Meilisearch whole.
 */
async function liveSearch(query: SearchQuery): Promise<SearchResult> {
  // Without words, a search is a filter, an order and counts, which the site's table answers with
  // about 1.5 ms of CPU and one read of the page's listings from PostgreSQL; Meilisearch would
  // take longer (it counts a result set by reading each listing's codes), and the HTTP round trip
  // and its JSON cost the site more than the read.
  const words = prepareQuery(query.q);
  const table = answerInSite ? await listingCodesTable() : null;
  if (table && !words.length) return listingCodesSearch(table, query);
  const matches = table ? wordMatches(table, meilisearchQuery(words)) : null;
  if (table && matches) return countedInSite(table, query, matches);
  const result = await meiliSearch(query);
  // Loaded (again) only once Meilisearch answers: during an outage the fallback's snapshot answers.
  if (answerInSite && !listingCodesLoaded()) void loadListingCodes();
  return result;
}

/**
 * The page of hits of a search with words, alone: its counts are the site's (countedInSite).
 * Exported for the benchmark, which sends the same request straight to Meilisearch.
 */
export function meiliPageQuery(query: SearchQuery): MultiSearchQuery {
  const text = meilisearchQuery(prepareQuery(query.q));
  return {
    indexUid: indexName(FACILITIES_INDEX), ...wordMatching(text), filter: buildFilter(query) || undefined,
    offset: (query.page - 1) * query.perPage, limit: query.perPage, sort: sortOf(query, text), attributesToRetrieve: RETRIEVE,
  };
}

/**
 * A search with words whose matches the site knows: the total and every facet counted from the
 * table (at the moment of asking, as the index stands), the page of hits found by Meilisearch.
 * The total is exact; Meilisearch pages only through its first MAX_TOTAL_HITS, so the pages end
 * there.
 */
async function countedInSite(table: ListingCodes, query: SearchQuery, matches: WordMatchSet): Promise<SearchResult> {
  const { total, facets } = listingCodesCount(table, query, matches);
  const pageQuery = meiliPageQuery(query);
  const [answer] = await cachedParts<MultiSearchQuery, Hits>([{ key: JSON.stringify(["page", pageQuery]), query: pageQuery, keep: false }], "meilisearch", async (queries) => {
    const { results } = await searchClient().multiSearch({ queries });
    return results.map((r) => ({ hits: r.hits, total: 0 }));
  });
  return {
    hits: (await publishedNow(answer!.hits)).map((h) => toHit(h as never)),
    total,
    page: query.page,
    perPage: query.perPage,
    totalPages: Math.ceil(Math.min(total, MAX_TOTAL_HITS) / query.perPage),
    facets,
    engine: "meilisearch",
  };
}

/**
 * While changes wait to be sent (an outage, another instance's backlog), a hit is shown only if
 * PostgreSQL says it is published now.
 */
async function publishedNow(hits: Hits["hits"]) {
  if (!hits.length || !(await unsentChanges())) return hits;
  const live = await publishedAmong(hits.map((h) => String(h.id)));
  return hits.filter((h) => live.has(String(h.id)));
}

async function meiliSearch(query: SearchQuery): Promise<SearchResult> {
  const all = meiliQueries(query);
  const answers = await cachedParts<MultiSearchQuery, Hits & Distribution>(all, "meilisearch", async (queries) => {
    const { results } = await searchClient().multiSearch({ queries });
    return results.map((r) => ({ hits: r.hits, total: r.totalHits ?? r.estimatedTotalHits ?? 0, distribution: r.facetDistribution ?? {} }));
  });
  const { hits: found, total: counted } = answers[0]!;
  const hits = await publishedNow(found);
  const total = counted - (found.length - hits.length);
  const facets: FacetCounts = emptyFacets();
  answers.forEach(({ distribution }, i) => readCounts(facets, distribution, all[i]!));
  return {
    hits: hits.map((h) => toHit(h as never)),
    total,
    page: query.page,
    perPage: query.perPage,
    totalPages: Math.ceil(total / query.perPage),
    facets,
    engine: "meilisearch",
  };
}

/** For tests and tools: the number of documents in the live index. */
export async function indexedCount() {
  const stats = await facilitiesIndex().getStats();
  return stats.numberOfDocuments;
}
