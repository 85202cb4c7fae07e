import type { Prisma } from "../app/generated/prisma/client";
import { prisma } from "../app/utils/db.server";
import { warnThrottled } from "../app/utils/log.server";
import { facilitiesIndex, isSearchConfigured } from "./client.server";
import { documentsFor } from "./documents.server";
import { clearSearchCache } from "./cache.server";

/**
 * Keeping the index in step with the database. Whatever changes a listing's status or approved
 * content calls `queueSearchSync` in its own transaction; the worker later sends the listing's
 * *current* state (upsert if published, delete otherwise), waits for Meilisearch's task and
 * checks it, and retries with backoff. Nothing is lost while Meilisearch is down.
 */
type Tx = Prisma.TransactionClient;

export async function queueSearchSync(tx: Tx, facilityId: string) {
  await tx.searchOutbox.create({ data: { facilityId } });
}

const LOCK_MS = 60_000;

/**
 * Retries come quickly (1, 2, 4, 5, 5 … seconds): the index is our own infrastructure, a retry
 * is one small request, and a listing revoked during an outage must leave search as soon as
 * Meilisearch is back.
 */
export function searchBackoffMs(attempts: number) {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 5000);
}

export async function deliverSearchOutbox({ limit = 500, now = new Date(), ignoreBackoff = false }: { limit?: number; now?: Date; ignoreBackoff?: boolean } = {}) {
  if (!isSearchConfigured()) return { claimed: 0, upserted: 0, deleted: 0 };
  const due = ignoreBackoff ? new Date(8.64e15) : now;
  // The lease's end, to the millisecond and a little randomised, is this claim's token: the
  // updates below only touch rows still leased under it (another worker that took a row over after
  // the lease ran out has its own).
  const lease = new Date(now.getTime() + LOCK_MS + Math.floor(Math.random() * 1000));
  const rows = await prisma.$queryRaw<Array<{ id: string; facilityId: string; attempts: number }>>`
    UPDATE "SearchOutbox" SET "lockedUntil" = ${lease}
    WHERE id IN (
      SELECT id FROM "SearchOutbox"
      WHERE "nextAttemptAt" <= ${due} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
      ORDER BY "createdAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "facilityId", attempts`;
  if (rows.length === 0) return { claimed: 0, upserted: 0, deleted: 0 };
  const facilityIds = [...new Set(rows.map((r) => r.facilityId))];
  try {
    const { documents, deleteIds } = await documentsFor(facilityIds);
    const index = facilitiesIndex();
    const tasks = [];
    if (documents.length) tasks.push(index.addDocuments(documents, { primaryKey: "id" }).waitTask({ timeout: 30_000, interval: 25 }));
    if (deleteIds.length) tasks.push(index.deleteDocuments(deleteIds).waitTask({ timeout: 30_000, interval: 25 }));
    for (const task of await Promise.all(tasks)) {
      if (task.status !== "succeeded") throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ""}`);
    }
    await prisma.searchOutbox.deleteMany({ where: { id: { in: rows.map((r) => r.id) }, lockedUntil: lease } });
    clearSearchCache();
    return { claimed: rows.length, upserted: documents.length, deleted: deleteIds.length };
  } catch (error) {
    const message = (error as Error).message.slice(0, 1000);
    for (const row of rows) {
      await prisma.searchOutbox.updateMany({
        where: { id: row.id, lockedUntil: lease },
        data: { attempts: row.attempts + 1, lastError: message, lockedUntil: null, nextAttemptAt: new Date(now.getTime() + searchBackoffMs(row.attempts + 1)) },
      });
    }
    warnThrottled("search-outbox", `[search] index update failed (${rows.length} pending, will retry): ${message}`);
    return { claimed: rows.length, upserted: 0, deleted: 0, error: message };
  }
}

export async function searchOutboxBacklog() {
  return prisma.searchOutbox.count();
}

/**
 * Are there changes the index may not have yet: outbox rows that failed at least once, or that
 * have waited longer than the worker normally takes? Asked at most every 500 ms.
 */
let unsent = { at: 0, value: Promise.resolve(false) };
export function unsentChanges(now = Date.now()) {
  if (now - unsent.at >= 500) {
    const value = prisma.$queryRaw<Array<{ exists: boolean }>>`
      SELECT EXISTS (SELECT 1 FROM "SearchOutbox" WHERE attempts > 0 OR "createdAt" < now() - interval '2 seconds') AS exists`
      .then((rows) => rows[0]?.exists === true)
      .catch(() => true);
    unsent = { at: now, value };
  }
  return unsent.value;
}

/** Which of these listings are published now, by the database. */
export async function publishedAmong(ids: string[]) {
  const rows = await prisma.facility.findMany({ where: { id: { in: ids }, status: "PUBLISHED" }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
