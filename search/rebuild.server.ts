import { prisma } from "../app/utils/db.server";
import { applyIndexSettings, facilitiesIndex, indexName, searchClient } from "./client.server";
import { SEARCH_DOCUMENT_VERSION } from "./definition";
import { allDocuments } from "./documents.server";
import { FACILITIES_INDEX } from "./settings";
import { queueSearchSync } from "./sync.server";

/**
 * Rebuilds the whole index into a fresh one and swaps it in atomically: searches keep running
 * on the old index until the swap. Listings that changed while the rebuild ran are queued again
 * afterwards, so the swap loses nothing.
 */
export async function rebuildIndex({ batchSize = 10_000, log = (_line: string) => {} }: { batchSize?: number; log?: (line: string) => void } = {}) {
  const started = new Date();
  const live = indexName(FACILITIES_INDEX);
  const fresh = `${live}_rebuild_${started.getTime()}`;
  const c = searchClient();
  await applyIndexSettings(live); // the swap needs both indexes to exist
  await applyIndexSettings(fresh);
  let count = 0;
  const pending = [];
  for await (const batch of allDocuments(batchSize)) {
    if (batch.length === 0) continue;
    pending.push(c.index(fresh).addDocuments(batch, { primaryKey: "id" }));
    count += batch.length;
    log(`queued ${count} documents`);
  }
  const enqueued = await Promise.all(pending);
  for (const task of enqueued) {
    const done = await c.tasks.waitForTask(task.taskUid, { timeout: 600_000, interval: 100 });
    if (done.status !== "succeeded") throw new Error(`Indexing into ${fresh} failed: ${done.error?.message}`);
  }
  log(`indexed ${count} documents into ${fresh}`);
  const swap = await c.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask();
  if (swap.status !== "succeeded") throw new Error(`Swapping ${fresh} into ${live} failed: ${swap.error?.message}`);
  await c.deleteIndex(fresh).waitTask(); // after the swap this name holds the old documents
  const changed = await prisma.facility.findMany({ where: { updatedAt: { gte: started } }, select: { id: true } });
  if (changed.length) {
    await prisma.$transaction(async (tx) => {
      for (const { id } of changed) await queueSearchSync(tx, id);
    });
  }
  log(`swapped into ${live}; ${changed.length} listing(s) changed meanwhile were queued again`);
  return { count, requeued: changed.length, seconds: (Date.now() - started.getTime()) / 1000 };
}

/**
 * Compares the database's published listings with the index; lists every difference. A
 * document of another SEARCH_DOCUMENT_VERSION (another fold or shape) counts as stale.
 */
/**
 * A quick look, for start-up: does the index hold far fewer documents than there are published
 * listings, or documents of another version? Two small requests and a count, where compareIndex
 * reads every id (about a second at 113,000 listings).
 */
export async function indexLooksUnusable() {
  const index = facilitiesIndex();
  const [stats, published, sample] = await Promise.all([
    index.getStats(),
    prisma.facility.count({ where: { status: "PUBLISHED" } }),
    index.getDocuments<{ v?: number }>({ fields: ["v"], limit: 1 }),
  ]);
  const oldVersion = sample.results.some((d) => d.v !== SEARCH_DOCUMENT_VERSION);
  return stats.numberOfDocuments < published * 0.95 || oldVersion;
}

export async function compareIndex() {
  // Read in pages, as the index is: one read of 113,000 rows held the event loop for most of a
  // second while the site had just started answering (its first /healthz waited for it).
  const expected = new Map<string, number>();
  for (let after = ""; ; ) {
    const page = await prisma.facility.findMany({ where: { status: "PUBLISHED", id: { gt: after } }, select: { id: true, contentApprovedAt: true }, orderBy: { id: "asc" }, take: 10_000 });
    for (const f of page) expected.set(f.id, f.contentApprovedAt?.getTime() ?? 0);
    if (page.length < 10_000) break;
    after = page[page.length - 1]!.id;
  }
  const indexed = new Map<string, number>();
  const index = facilitiesIndex();
  for (let offset = 0; ; offset += 10_000) {
    const page = await index.getDocuments<{ id: string; contentApprovedAt: number; v?: number }>({ fields: ["id", "contentApprovedAt", "v"], limit: 10_000, offset });
    for (const d of page.results) indexed.set(d.id, d.v === SEARCH_DOCUMENT_VERSION ? d.contentApprovedAt : -1);
    if (page.results.length < 10_000) break;
  }
  const missing = [...expected.keys()].filter((id) => !indexed.has(id));
  const extra = [...indexed.keys()].filter((id) => !expected.has(id));
  const stale = [...expected.entries()].filter(([id, at]) => indexed.has(id) && indexed.get(id) !== at).map(([id]) => id);
  return { published: expected.size, indexed: indexed.size, missing, extra, stale, inSync: !missing.length && !extra.length && !stale.length };
}
