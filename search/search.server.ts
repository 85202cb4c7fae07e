import type { MultiSearchQuery } from "meilisearch";
import { CACHE_TTL_MS, searchCache } from "./cache.server";
import { breaker, facilitiesIndex, indexName, isSearchConfigured, searchClient } from "./client.server";
import { fallbackSearch } from "./fallback.server";
import { buildFilter, FACETS, filterGroups, type FacetName } from "./filters";
import type { SearchQuery } from "./query";
import { emptyFacets, toHit, type FacetCounts, type SearchResult } from "./results";
import { FACILITIES_INDEX } from "./settings";

/**
 * The directory's search: Meilisearch first; if it cannot answer, the same filters from
 * PostgreSQL (engine: "fallback"), so the directory never goes dark.
 */
const RETRIEVE = [
  "slug", "name", "nameKana", "kind", "bedCount", "prefectureCode", "city", "departmentCodes", "employmentFormCodes",
  "supervisorAvailable", "learningTimeProtected", "scheduleAdjustment", "programSupport", "activityCodes", "contentApprovedAt", "stance",
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
  const key = JSON.stringify(query);
  const cached = searchCache.get(key);
  if (cached && (cached.engine === "meilisearch" || Date.now() < breaker.retryAt)) return cached;
  const result = await searchUncached(query);
  searchCache.set(key, result, { ttl: CACHE_TTL_MS[result.engine] });
  return result;
}

async function searchUncached(query: SearchQuery): Promise<SearchResult> {
  if (isSearchConfigured() && Date.now() >= breaker.retryAt) {
    try {
      const result = await meiliSearch(query);
      if (breaker.downSince !== null) {
        console.warn(`[search] Meilisearch answers again after ${Math.round((Date.now() - breaker.downSince) / 1000)} s`);
        breaker.downSince = null;
      }
      return result;
    } catch (error) {
      if (breaker.downSince === null) {
        breaker.downSince = Date.now();
        console.warn(`[search] Meilisearch did not answer, using the PostgreSQL fallback: ${(error as Error).message}`);
      }
      breaker.retryAt = Date.now() + RETRY_AFTER_MS;
    }
  }
  return fallbackSearch(query);
}

async function meiliSearch(query: SearchQuery): Promise<SearchResult> {
  const uid = indexName(FACILITIES_INDEX);
  const active = filterGroups(query);
  // Disjunctive facets: a facet with a selection counts as if its own selection were not made,
  // so the other choices in it keep their numbers.
  const selected = (Object.keys(FACETS) as FacetName[]).filter((f) => active[f] !== undefined);
  const placeSelected = selected.includes("prefecture") || selected.includes("region");
  const plain = Object.values(FACETS).filter((attr) => !selected.includes(ATTRIBUTE_TO_FACET[attr]!) && !(placeSelected && (attr === "prefectureCode" || attr === "regionCode")));
  const queries: MultiSearchQuery[] = [
    {
      indexUid: uid,
      q: query.q,
      filter: buildFilter(query) || undefined,
      facets: plain,
      page: query.page,
      hitsPerPage: query.perPage,
      sort: SORT[query.sort],
      locales: ["jpn"],
      attributesToRetrieve: RETRIEVE,
    },
  ];
  const extra: Array<{ attributes: string[] }> = [];
  if (placeSelected) {
    queries.push({ indexUid: uid, q: query.q, filter: buildFilter(query, "prefecture") || undefined, facets: ["prefectureCode", "regionCode"], hitsPerPage: 0, locales: ["jpn"] });
    extra.push({ attributes: ["prefectureCode", "regionCode"] });
  }
  for (const facet of selected) {
    if (facet === "prefecture" || facet === "region") continue;
    queries.push({ indexUid: uid, q: query.q, filter: buildFilter(query, facet) || undefined, facets: [FACETS[facet]], hitsPerPage: 0, locales: ["jpn"] });
    extra.push({ attributes: [FACETS[facet]] });
  }
  const { results } = await searchClient().multiSearch({ queries });
  const main = results[0]!;
  const facets: FacetCounts = emptyFacets();
  const take = (distribution: Record<string, Record<string, number>> | undefined, attributes: string[]) => {
    for (const attr of attributes) {
      const name = ATTRIBUTE_TO_FACET[attr];
      if (name && distribution?.[attr]) facets[name] = distribution[attr]!;
    }
  };
  take(main.facetDistribution, plain);
  extra.forEach((e, i) => take(results[i + 1]?.facetDistribution, e.attributes));
  facets.supervision = facets.supervision.true ? { true: facets.supervision.true } : {};
  const total = main.totalHits ?? main.estimatedTotalHits ?? 0;
  return {
    hits: main.hits.map((h) => toHit(h as never)),
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
