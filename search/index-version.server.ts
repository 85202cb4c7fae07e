import { clearSearchCache, confirmIndexVersion } from "./cache.server";
import { indexName, isSearchConfigured, searchClient } from "./client.server";
import { FACILITIES_INDEX } from "./settings";

/**
 * Watches the "version" of the search data: the uids of Meilisearch's latest succeeded task on
 * the facilities index and of its latest index swap (a swap has no index of its own, so it is
 * asked for apart). Any document update, deletion, swap (a rebuild from another process) or
 * settings change is a new task, so when either uid moves, cached answers are dropped; while they
 * stay, the answers are confirmed still right. Two tiny requests every 200 ms per process.
 */
const INTERVAL_MS = 200;
let timer: NodeJS.Timeout | null = null;
let lastUid: string | undefined;
let watched: unknown = null;
let busy = false;

export async function checkIndexVersion() {
  if (busy || !isSearchConfigured()) return;
  busy = true;
  try {
    const client = searchClient();
    const [own, swaps] = await Promise.all([
      client.tasks.getTasks({ statuses: ["succeeded"], indexUids: [indexName(FACILITIES_INDEX)], limit: 1 }),
      client.tasks.getTasks({ statuses: ["succeeded"], types: ["indexSwap"], limit: 1 }),
    ]);
    const uid = `${own.results[0]?.uid ?? ""}/${swaps.results[0]?.uid ?? ""}`;
    // A first answer (or one from a newly configured server) cannot vouch for older answers.
    if (client !== watched || uid !== lastUid) clearSearchCache();
    watched = client;
    lastUid = uid;
    confirmIndexVersion();
  } catch {
    // Unconfirmed: cached answers fall back to a one-second life (cache.server.ts).
    lastUid = undefined;
  } finally {
    busy = false;
  }
}

/** Started by the first search; the timer does not keep the process alive. */
export function watchIndexVersion() {
  if (timer) return;
  void checkIndexVersion();
  timer = setInterval(() => void checkIndexVersion(), INTERVAL_MS);
  timer.unref();
}
