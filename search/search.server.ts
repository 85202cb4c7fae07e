import type { MultiSearchQuery } from "meilisearch";
import { cachedAnswer, cachedParts, keepAnswer, type Part } from "./cache.server";
import { watchIndexVersion } from "./index-version.server";
import { breaker, facilitiesIndex, indexName, isSearchConfigured, searchClient } from "./client.server";
import { LEARNING_FILTERS, meilisearchQuery, prepareQuery } from "./definition";
import { dropMemoryFallback, memoryFallbackSearch } from "./fallback-memory.server";
import { buildFilter, FACETS, filterGroups, type FacetName } from "./filters";
import type { SearchQuery } from "./query";
import { emptyFacets, toHit, type FacetCounts, type SearchResult } from "./results";
import { FACILITIES_INDEX } from "./settings";
import { deliverSearchOutbox, publishedAmong, searchOutboxBacklog, unsentChanges } from "./sync.server";
import { doNotKeepPage, usesSearchAnswers } from "../app/utils/page-replay.server";

/**
 * The directory's search: Meilisearch first; if it cannot answer, the same search over an
 * in-memory snapshot of the published listings (engine: "fallback"), so the directory never
 * goes dark. Both take the query as the search definition prepares it (definition.ts).
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

const ATTRIBUTE_TO_FACET = Object.fromEntries(Object.entries(FACETS).map(([name, attr]) => [attr, name])) as Record<string, FacetName>;

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
  if (cached && (cached.engine === "meilisearch" || Date.now() < breaker.retryAt)) {
    if (cached.engine !== "meilisearch") doNotKeepPage();
    return cached;
  }
  const result = await searchUncached(query);
  keepAnswer(key, result);
  if (result.engine !== "meilisearch") doNotKeepPage();
  return result;
}

async function searchUncached(query: SearchQuery): Promise<SearchResult> {
  if (isSearchConfigured() && !breaker.rebuilding && Date.now() >= breaker.retryAt) {
    try {
      if (breaker.downSince !== null) await catchUp();
      const result = await meiliSearch(query);
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
      }
      breaker.retryAt = Date.now() + RETRY_AFTER_MS;
    }
  }
  try {
    return await memoryFallbackSearch(query);
  } catch (error) {
    // Meilisearch came back (a rebuild ended) while the snapshot was loading, and the load was
    // dropped: the search is asked of Meilisearch rather than failed.
    if (isSearchConfigured() && !breaker.rebuilding && breaker.downSince === null) return meiliSearch(query);
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

/**
 * The multi-search a query is sent as: one page of hits, and the facet counts in groups that do
 * not depend on the page or the sort (each part cached on its own, see cache.server.ts).
 * Exported for the benchmark, which sends the same request straight to Meilisearch.
 */
export function meiliQueries(query: SearchQuery): Part<MultiSearchQuery>[] {
  const uid = indexName(FACILITIES_INDEX);
  const active = filterGroups(query);
  // Disjunctive facets: a facet with a selection counts as if its own selection were not made,
  // so the other choices in it keep their numbers.
  const selected = (Object.keys(FACETS) as FacetName[]).filter((f) => active[f] !== undefined);
  const placeSelected = selected.includes("prefecture") || selected.includes("region");
  const plain = Object.values(FACETS).filter((attr) => !selected.includes(ATTRIBUTE_TO_FACET[attr]!) && !(placeSelected && (attr === "prefectureCode" || attr === "regionCode")));
  const filter = buildFilter(query) || undefined;
  // Every word must match (a two-word query never silently drops one); Japanese segmentation
  // for kanji and kana, Latin for romaji.
  const text = meilisearchQuery(prepareQuery(query.q));
  const common = { q: text, matchingStrategy: "all" as const, locales: ["jpn", "eng"] };

  // The counts with the whole filter ride on the hits query: one evaluation of the text and filter
  // gives both (a separate facet query would be cached apart from the page, but costs Meilisearch a
  // second evaluation on every search never asked before). Learning support is conjunctive (each
  // chosen one must be offered): its counts are those of the results as they stand.
  const hitsQuery: MultiSearchQuery = {
    indexUid: uid, ...common, filter, page: query.page, hitsPerPage: query.perPage, sort: SORT[query.sort], attributesToRetrieve: RETRIEVE,
    facets: [...plain, ...LEARNING_FILTERS.map((l) => l.field)],
  };
  const facetQuery = (facetFilter: string | undefined, attributes: string[]): Part<MultiSearchQuery> => ({
    key: JSON.stringify(["facets", uid, text, facetFilter, attributes]),
    query: { indexUid: uid, ...common, filter: facetFilter, facets: attributes, limit: 0 },
  });
  const facetParts: Part<MultiSearchQuery>[] = [];
  if (placeSelected) facetParts.push(facetQuery(buildFilter(query, "prefecture") || undefined, ["prefectureCode", "regionCode"]));
  for (const facet of selected) {
    if (facet === "prefecture" || facet === "region") continue;
    facetParts.push(facetQuery(buildFilter(query, facet) || undefined, [FACETS[facet]]));
  }
  // The page of hits is kept as part of the whole answer (cache.server.ts), not a second time.
  return [{ key: JSON.stringify(["hits", uid, hitsQuery]), query: hitsQuery, keep: false }, ...facetParts];
}

async function meiliSearch(query: SearchQuery): Promise<SearchResult> {
  const all = meiliQueries(query);
  const [page, ...distributions] = await cachedParts<MultiSearchQuery, Hits & Distribution>(all, "meilisearch", async (queries) => {
    const { results } = await searchClient().multiSearch({ queries });
    return results.map((r) => ({ hits: r.hits, total: r.totalHits ?? r.estimatedTotalHits ?? 0, distribution: r.facetDistribution ?? {} }));
  });
  let { hits, total } = page!;
  // While changes wait to be sent (an outage, another instance's backlog), a hit is shown only
  // if PostgreSQL says it is published now.
  if (hits.length && (await unsentChanges())) {
    const live = await publishedAmong(hits.map((h) => String(h.id)));
    const shown = hits.filter((h) => live.has(String(h.id)));
    total -= hits.length - shown.length;
    hits = shown;
  }
  const facets: FacetCounts = emptyFacets();
  for (const { distribution } of [page!, ...distributions]) {
    for (const [attr, counts] of Object.entries(distribution)) {
      const name = ATTRIBUTE_TO_FACET[attr];
      if (name) facets[name] = counts;
      const learning = LEARNING_FILTERS.find((l) => l.field === attr);
      if (learning && counts.true) facets.learning[learning.code] = counts.true;
    }
  }
  facets.supervision = facets.supervision.true ? { true: facets.supervision.true } : {};
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
