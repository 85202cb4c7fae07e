import { randomUUID } from "node:crypto";
import { MAIL_TEMPLATES, renderMail, type MailProps, type MailTemplateName } from "../../emails";
import type { MailOutbox, Prisma } from "~/generated/prisma/client";
import { prisma } from "./db.server";
import { MailDeliveryError, mailTransport, type MailTransport } from "./email.server";
import { warnThrottled } from "./log.server";

/**
 * Mail goes through an outbox: `enqueueMail` writes a row in the caller's transaction (so a
 * mail exists exactly when the change that caused it committed), and `deliverDueMails`, run by
 * the worker, sends it with retries and exponential backoff. Nothing is dropped: after
 * MAX_ATTEMPTS a row is marked FAILED and stays for the operators (/healthz reports it).
 */
export const MAX_ATTEMPTS = 10;
/**
 * A claim is a lease: the worker that claimed rows owns them, under its claim token, until
 * lockedUntil. Each provider call has a timeout, and a batch stops before its lease could run
 * out, so a hung provider never holds rows past their lease, and a late answer can never
 * overwrite a row another worker has taken over since (its update names the token).
 */
const LOCK_MS = 2 * 60 * 1000;
export const SEND_TIMEOUT_MS = 15_000;
/** Mails claimed at a time: a batch of sends, each within its timeout, always fits in the lease. */
export const MAIL_BATCH = 5;

type Tx = Prisma.TransactionClient | typeof prisma;

/**
 * Queues a mail: its template and data, in the caller's transaction. It is rendered when it is
 * delivered (`renderedMail`), so a change's transaction stays a single insert and a template fixed
 * later reaches mail already waiting.
 */
export async function enqueueMail<T extends MailTemplateName>(
  tx: Tx,
  to: string,
  template: T,
  props: MailProps<T>,
  { headers }: { headers?: Record<string, string> } = {},
) {
  if (!(template in MAIL_TEMPLATES)) throw new Error(`Unknown mail template ${template}`);
  return tx.mailOutbox.create({ data: { toAddress: to, template, props: props as Prisma.InputJsonValue, headers } });
}

/** Queues many mails of one template in one statement (a bulk import's invitations). */
export async function enqueueMails<T extends MailTemplateName>(tx: Tx, template: T, mails: Array<{ to: string; props: MailProps<T> }>) {
  if (!(template in MAIL_TEMPLATES)) throw new Error(`Unknown mail template ${template}`);
  if (mails.length === 0) return;
  await tx.mailOutbox.createMany({ data: mails.map((m) => ({ toAddress: m.to, template, props: m.props as Prisma.InputJsonValue })) });
}

/**
 * A queued mail's subject, HTML and text: as rendered at delivery, or rendered now from its
 * template. (Campaign mail is rendered from its campaign: `renderedOutboxMail` in app/campaigns.)
 */
export async function renderedMail(row: Pick<MailOutbox, "template" | "props" | "subject" | "html" | "text">) {
  if (row.subject !== null && row.html !== null && row.text !== null) return { subject: row.subject, html: row.html, text: row.text };
  if (!(row.template in MAIL_TEMPLATES)) throw new Error(`Unknown mail template ${row.template}`);
  return renderMail(row.template as MailTemplateName, (row.props ?? {}) as never);
}

/** 30 s, 1 min, 2 min … capped at 6 hours. */
export function backoffMs(attempts: number) {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/** Claims due rows so that several processes never send the same mail at once. */
async function claimDue(limit: number, now: Date, token: string) {
  return prisma.$queryRaw<MailOutbox[]>`
    UPDATE "MailOutbox" SET "lockedUntil" = ${new Date(now.getTime() + LOCK_MS)}, "claimToken" = ${token}
    WHERE id IN (
      SELECT id FROM "MailOutbox"
      WHERE status = 'PENDING' AND "campaignBatchId" IS NULL AND "nextAttemptAt" <= ${now}
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`;
}

/** A provider call that does not answer within `ms` fails (and is retried like any failure). */
export function withTimeout<T>(promise: Promise<T>, ms: number) {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new MailDeliveryError(`the mail provider did not answer within ${ms / 1000} s`, null)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The provider's latest failure, for /healthz (this process's view). */
let lastFailure: { at: number; provider: string; message: string } | null = null;

export async function deliverDueMails({
  transport = mailTransport(),
  now = new Date(),
  limit = MAIL_BATCH,
  timeoutMs = SEND_TIMEOUT_MS,
  signal,
}: { transport?: MailTransport; now?: Date; limit?: number; timeoutMs?: number; signal?: AbortSignal } = {}) {
  const token = randomUUID();
  const leaseEnds = now.getTime() + LOCK_MS;
  const rows = await claimDue(limit, now, token);
  let sent = 0;
  let failed = 0;
  let lost = 0;
  /** Updates a claimed row only while this worker still owns it. */
  const own = async (id: string, data: Prisma.MailOutboxUpdateManyMutationInput) => {
    const { count } = await prisma.mailOutbox.updateMany({ where: { id, claimToken: token }, data: { ...data, claimToken: null, lockedUntil: null } });
    if (count === 0) {
      lost++;
      warnThrottled("mail-lost-claim", `[mail] ${id} was taken over by another worker; this worker's result is dropped`);
    }
    return count === 1;
  };
  for (const [i, row] of rows.entries()) {
    if (Date.now() + timeoutMs > leaseEnds || signal?.aborted) {
      // Not enough lease left for another call, or stopping: give the rest back now.
      await prisma.mailOutbox.updateMany({ where: { id: { in: rows.slice(i).map((r) => r.id) }, claimToken: token }, data: { claimToken: null, lockedUntil: null } });
      break;
    }
    if (await prisma.mailSuppression.findUnique({ where: { email: row.toAddress }, select: { email: true } })) {
      // A hard bounce or a complaint: this address gets no more mail of any kind.
      await own(row.id, { status: "SUPPRESSED", lastError: "suppressed (bounce or complaint)" });
      continue;
    }
    try {
      const { subject, html, text } = await renderedMail(row);
      const providerMessageId = await withTimeout(
        transport.send({ id: row.id, to: row.toAddress, subject, html, text, headers: (row.headers as Record<string, string> | null) ?? undefined }),
        timeoutMs,
      );
      const done = { status: transport.name === "dev-mailbox" ? ("CAPTURED" as const) : ("SENT" as const), attempts: { increment: 1 }, sentAt: new Date(), providerMessageId, lastError: null };
      if (await own(row.id, { ...done, subject, html, text })) sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      lastFailure = { at: Date.now(), provider: transport.name, message: message.slice(0, 200) };
      await own(row.id, {
        attempts,
        lastError: message.slice(0, 1000),
        status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
        nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
      });
      warnThrottled(`mail-failed-${transport.name}`, `[mail] delivery through ${transport.name} failed (${row.id}, attempt ${attempts}): ${message}`);
      failed++;
    }
  }
  return { claimed: rows.length, sent, failed, lost };
}

/**
 * "ok", or what is wrong: mail that failed for good, or a backlog (how many are waiting, for how
 * long, and which provider is failing). Counts only: no addresses, no provider internals.
 */
export async function mailHealth(now = Date.now()) {
  const [failed, pending, oldest] = await Promise.all([
    prisma.mailOutbox.count({ where: { status: "FAILED" } }),
    prisma.mailOutbox.count({ where: { status: "PENDING", campaignBatchId: null } }),
    prisma.mailOutbox.findFirst({ where: { status: "PENDING", campaignBatchId: null }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  const oldestSeconds = oldest ? Math.round((now - oldest.createdAt.getTime()) / 1000) : 0;
  const failing = lastFailure && now - lastFailure.at < 5 * 60_000 ? `, ${lastFailure.provider} failing` : "";
  if (failed > 0) return `degraded: ${failed} mail(s) failed permanently`;
  if (pending > 0 && (oldestSeconds > 60 || failing)) return `degraded: ${pending} waiting, oldest ${oldestSeconds} s${failing}`;
  return "ok";
}
