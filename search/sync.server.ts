import type { Prisma } from "../app/generated/prisma/client";
import { prisma } from "../app/utils/db.server";
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

export function searchBackoffMs(attempts: number) {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
}

export async function deliverSearchOutbox({ limit = 500, now = new Date() }: { limit?: number; now?: Date } = {}) {
  if (!isSearchConfigured()) return { claimed: 0, upserted: 0, deleted: 0 };
  const rows = await prisma.$queryRaw<Array<{ id: string; facilityId: string; attempts: number }>>`
    UPDATE "SearchOutbox" SET "lockedUntil" = ${new Date(now.getTime() + LOCK_MS)}
    WHERE id IN (
      SELECT id FROM "SearchOutbox"
      WHERE "nextAttemptAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
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
    await prisma.searchOutbox.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    clearSearchCache();
    return { claimed: rows.length, upserted: documents.length, deleted: deleteIds.length };
  } catch (error) {
    const message = (error as Error).message.slice(0, 1000);
    for (const row of rows) {
      await prisma.searchOutbox.update({
        where: { id: row.id },
        data: { attempts: row.attempts + 1, lastError: message, lockedUntil: null, nextAttemptAt: new Date(now.getTime() + searchBackoffMs(row.attempts + 1)) },
      });
    }
    console.warn(`[search] index update failed (${rows.length} pending, will retry): ${message}`);
    return { claimed: rows.length, upserted: 0, deleted: 0, error: message };
  }
}

export async function searchOutboxBacklog() {
  return prisma.searchOutbox.count();
}
