import { randomUUID } from "node:crypto";
import { noLongerWanted } from "./audience.server";
import { renderCampaignMail } from "./campaigns.server";
import type { CampaignBatch, MailOutbox } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { mailTransport, type MailTransport } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { warnThrottled } from "~/utils/log.server";
import { backoffMs, MAX_ATTEMPTS, SEND_TIMEOUT_MS, withTimeout } from "~/utils/mail-outbox.server";

/**
 * The campaign worker: sends a campaign batch by batch through the provider's batch API.
 *
 * - A batch is claimed like an outbox row (a lease and a claim token; SKIP LOCKED), so several
 *   processes can run the worker and none sends a batch another holds.
 * - Claiming counts the attempt. On its first attempt a batch drops the addresses that were
 *   suppressed or unsubscribed since queueing; from then on its set of mails is fixed, so a
 *   retry sends exactly the same request with the same idempotency key (the batch id), and the
 *   provider does not send it twice, even if a worker died after the provider accepted it.
 * - Failures back off like the outbox; after MAX_ATTEMPTS the batch and its mails are FAILED.
 */
export const BATCH_LEASE_MS = 2 * 60 * 1000;

async function claimBatch(now: Date, token: string, leaseMs: number) {
  const [batch] = await prisma.$queryRaw<CampaignBatch[]>`
    UPDATE "CampaignBatch" SET "lockedUntil" = ${new Date(now.getTime() + leaseMs)}, "claimToken" = ${token}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM "CampaignBatch"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt", "batchNo" LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`;
  return batch ?? null;
}

/** A campaign with no batch left to send is finished. */
async function finishIfDone(campaignId: string) {
  await prisma.$executeRaw`
    UPDATE "Campaign" SET status = 'SENT', "finishedAt" = now() AT TIME ZONE 'UTC'
    WHERE id = ${campaignId} AND status = 'SENDING'
      AND NOT EXISTS (SELECT 1 FROM "CampaignBatch" WHERE "campaignId" = ${campaignId} AND status = 'PENDING')`;
}

export type BatchOutcome = { batchId: string; sent: number; suppressed: number; failed: boolean } | null;

/** Claims and sends one due batch; null when there is none. */
export async function deliverCampaignBatch({
  transport = mailTransport(),
  now = new Date(),
  leaseMs = BATCH_LEASE_MS,
  timeoutMs = SEND_TIMEOUT_MS,
}: { transport?: MailTransport; now?: Date; leaseMs?: number; timeoutMs?: number } = {}): Promise<BatchOutcome> {
  const token = randomUUID();
  const batch = await claimBatch(now, token, leaseMs);
  if (!batch) return null;
  let rows = await prisma.mailOutbox.findMany({ where: { campaignBatchId: batch.id, status: "PENDING" }, orderBy: { toAddress: "asc" } });
  let suppressed = 0;
  if (batch.attempts === 1 && rows.length > 0) {
    const gone = await noLongerWanted(rows.map((r) => r.toAddress));
    if (gone.size > 0) {
      const ids = rows.filter((r) => gone.has(r.toAddress)).map((r) => r.id);
      await prisma.mailOutbox.updateMany({ where: { id: { in: ids } }, data: { status: "SUPPRESSED" } });
      suppressed = ids.length;
      rows = rows.filter((r) => !gone.has(r.toAddress));
    }
  }
  const release = (data: Partial<Pick<CampaignBatch, "status" | "nextAttemptAt" | "lastError" | "sentAt">>) =>
    prisma.campaignBatch.updateMany({ where: { id: batch.id, claimToken: token }, data: { ...data, claimToken: null, lockedUntil: null } });
  if (rows.length === 0) {
    await release({ status: "SENT", sentAt: new Date() });
    await finishIfDone(batch.campaignId);
    return { batchId: batch.id, sent: 0, suppressed, failed: false };
  }
  try {
    const campaignRow = await prisma.campaign.findUniqueOrThrow({ where: { id: batch.campaignId } });
    const mails = await Promise.all(
      rows.map(async (row: MailOutbox) => {
        const { subject, html, text, headers } = await renderCampaignMail(row, campaignRow);
        return { id: row.id, to: row.toAddress, subject, html, text, headers };
      }),
    );
    const ids = await withTimeout(transport.sendBatch(mails, `gm-campaign-batch-${batch.id}`), timeoutMs);
    const status = transport.name === "dev-mailbox" ? "CAPTURED" : "SENT";
    const sentAt = new Date();
    await prisma.$executeRaw`
      UPDATE "MailOutbox" m SET status = ${status}::"MailStatus", attempts = m.attempts + 1, "sentAt" = ${sentAt},
        "providerMessageId" = v.pid, "lastError" = NULL
      FROM unnest(${rows.map((r) => r.id)}::text[], ${ids.map((x) => x ?? "")}::text[]) AS v(id, pid)
      WHERE m.id = v.id`;
    await prisma.mailOutbox.updateMany({ where: { campaignBatchId: batch.id, providerMessageId: "" }, data: { providerMessageId: null } });
    await release({ status, sentAt });
    await finishIfDone(batch.campaignId);
    return { batchId: batch.id, sent: rows.length, suppressed, failed: false };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const gaveUp = batch.attempts >= MAX_ATTEMPTS;
    await release({ status: gaveUp ? "FAILED" : "PENDING", lastError: message, nextAttemptAt: new Date(now.getTime() + backoffMs(batch.attempts)) });
    if (gaveUp) {
      await prisma.mailOutbox.updateMany({ where: { campaignBatchId: batch.id, status: "PENDING" }, data: { status: "FAILED", lastError: message, attempts: batch.attempts } });
      await finishIfDone(batch.campaignId);
    }
    warnThrottled(`campaign-batch-${transport.name}`, `[campaign] batch ${batch.id} failed (attempt ${batch.attempts}): ${message}`);
    return { batchId: batch.id, sent: 0, suppressed, failed: true };
  }
}

/**
 * Sends due batches at the configured rate (CAMPAIGN_MAILS_PER_SECOND) until none is due or
 * the worker is stopping. After each batch it waits as long as that batch's mails take at the rate.
 */
export async function runCampaignDelivery({ signal, transport, leaseMs }: { signal?: AbortSignal; transport?: MailTransport; leaseMs?: number } = {}) {
  const rate = getEnv().CAMPAIGN_MAILS_PER_SECOND;
  let total = 0;
  while (!signal?.aborted) {
    const started = Date.now();
    const outcome = await deliverCampaignBatch({ transport, leaseMs });
    if (!outcome) break;
    if (outcome.failed) break;
    total += outcome.sent;
    const wait = (outcome.sent / rate) * 1000 - (Date.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  return total;
}
