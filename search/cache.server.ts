import { LRUCache } from "lru-cache";
import type { SearchResult } from "./results";

/**
 * Recent search answers, per process. Meilisearch answers live 1 second and are dropped whenever
 * this process sends an index update (or search is reconfigured), so a change still shows within
 * the 2-second goal; fallback answers live 30 seconds, to spare PostgreSQL during an outage.
 */
export const searchCache = new LRUCache<string, SearchResult>({ max: 1000 });
export const CACHE_TTL_MS = { meilisearch: 1000, fallback: 30_000 } as const;

export function clearSearchCache() {
  searchCache.clear();
}
