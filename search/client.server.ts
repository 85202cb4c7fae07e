import { Meilisearch } from "meilisearch";
import { clearSearchCache } from "./cache.server";
import { dropListingCodes, dropMemoryFallback } from "./fallback-memory.server";
import { nodeHttpClient } from "./http-client.server";
import { FACILITIES_INDEX, facilitiesSettings } from "./settings";

/**
 * The search adapter. `configureSearch` is called once at start-up with the server to use
 * (MEILI_HOST, or the child process); the rest of the app calls these functions only.
 */
let client: Meilisearch | null = null;
let indexPrefix = "";

/**
 * Outage state shared by the search functions (search.server.ts); reset on reconfiguration.
 * `rebuilding`: the live index is being built from nothing (a new Meilisearch, another
 * SEARCH_DOCUMENT_VERSION): searches use the fallback until it is done.
 */
export const breaker = { downSince: null as number | null, retryAt: 0, rebuilding: false };

export function configureSearch(options: { host: string; apiKey?: string; indexPrefix?: string; timeoutMs?: number } | null) {
  client = options ? new Meilisearch({ host: options.host, apiKey: options.apiKey, httpClient: nodeHttpClient(options.timeoutMs ?? 5000) }) : null;
  indexPrefix = options?.indexPrefix ?? "";
  breaker.downSince = null;
  breaker.retryAt = 0;
  breaker.rebuilding = false;
  clearSearchCache();
  dropMemoryFallback();
  dropListingCodes();
}

export function isSearchConfigured() {
  return client !== null;
}

export function searchClient(): Meilisearch {
  if (!client) throw new Error("Search is not configured");
  return client;
}

export function indexName(base: string) {
  return `${indexPrefix}${base}`;
}

export function facilitiesIndex() {
  return searchClient().index(indexName(FACILITIES_INDEX));
}

/** Creates an index if missing and applies the facility settings; safe to run at every start. */
export async function applyIndexSettings(uid = indexName(FACILITIES_INDEX)) {
  const c = searchClient();
  const exists = await c.getIndex(uid).then(
    () => true,
    // The SDK wraps what the HTTP client threw (MeiliHttpError) as the cause.
    (error: { cause?: { status?: number } }) => {
      if (error.cause?.status === 404) return false;
      throw error;
    },
  );
  if (!exists) {
    const created = await c.createIndex(uid, { primaryKey: "id" }).waitTask();
    if (created.status === "failed" && created.error?.code !== "index_already_exists") {
      throw new Error(`Creating index ${uid} failed: ${created.error?.message}`);
    }
  }
  // Polled every 10 ms, not the SDK's 50: at start-up, settings that did not change are a task of
  // a few milliseconds.
  const task = await c.index(uid).updateSettings(facilitiesSettings).waitTask({ timeout: 60_000, interval: 10 });
  if (task.status !== "succeeded") throw new Error(`Index settings for ${uid} failed: ${task.error?.message}`);
}

export async function searchHealth(): Promise<string> {
  if (!client) return "not configured";
  if (breaker.rebuilding) return "rebuilding";
  try {
    const { status } = await client.health();
    return status === "available" ? (breaker.downSince === null ? "ok" : "degraded: catching up") : "unavailable";
  } catch {
    return "unavailable";
  }
}
