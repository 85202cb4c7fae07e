import { MAIL_TEMPLATES, renderMail, type MailProps, type MailTemplateName } from "../../emails";
import type { MailOutbox, Prisma } from "~/generated/prisma/client";
import { prisma } from "./db.server";
import { mailTransport, type MailTransport } from "./email.server";

/**
 * Mail goes through an outbox: `enqueueMail` writes a row in the caller's transaction (so a
 * mail exists exactly when the change that caused it committed), and `deliverDueMails`, run by
 * the worker, sends it with retries and exponential backoff. Nothing is dropped: after
 * MAX_ATTEMPTS a row is marked FAILED and stays for the operators (/healthz reports it).
 */
export const MAX_ATTEMPTS = 10;
const LOCK_MS = 2 * 60 * 1000;

type Tx = Prisma.TransactionClient | typeof prisma;

export async function enqueueMail<T extends MailTemplateName>(
  tx: Tx,
  to: string,
  template: T,
  props: MailProps<T>,
  { headers }: { headers?: Record<string, string> } = {},
) {
  if (!(template in MAIL_TEMPLATES)) throw new Error(`Unknown mail template ${template}`);
  const { subject, html, text } = await renderMail(template, props);
  return tx.mailOutbox.create({ data: { toAddress: to, template, subject, html, text, headers } });
}

/** 30 s, 1 min, 2 min … capped at 6 hours. */
export function backoffMs(attempts: number) {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/** Claims due rows so that several processes never send the same mail at once. */
async function claimDue(limit: number, now: Date) {
  return prisma.$queryRaw<MailOutbox[]>`
    UPDATE "MailOutbox" SET "lockedUntil" = ${new Date(now.getTime() + LOCK_MS)}
    WHERE id IN (
      SELECT id FROM "MailOutbox"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`;
}

export async function deliverDueMails({
  transport = mailTransport(),
  now = new Date(),
  limit = 20,
}: { transport?: MailTransport; now?: Date; limit?: number } = {}) {
  const rows = await claimDue(limit, now);
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      const providerMessageId = await transport.send({
        id: row.id,
        to: row.toAddress,
        subject: row.subject,
        html: row.html,
        text: row.text,
        headers: (row.headers as Record<string, string> | null) ?? undefined,
      });
      await prisma.mailOutbox.update({
        where: { id: row.id },
        data: {
          status: transport.name === "dev-mailbox" ? "CAPTURED" : "SENT",
          attempts: { increment: 1 },
          sentAt: new Date(),
          providerMessageId,
          lockedUntil: null,
          lastError: null,
        },
      });
      sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      await prisma.mailOutbox.update({
        where: { id: row.id },
        data: {
          attempts,
          lastError: message.slice(0, 1000),
          lockedUntil: null,
          status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
        },
      });
      console.warn(`[mail] delivery of ${row.id} failed (attempt ${attempts}): ${message}`);
      failed++;
    }
  }
  return { claimed: rows.length, sent, failed };
}

export async function mailHealth() {
  const [failed, stuck] = await Promise.all([
    prisma.mailOutbox.count({ where: { status: "FAILED" } }),
    prisma.mailOutbox.count({
      where: { status: "PENDING", createdAt: { lt: new Date(Date.now() - 3600_000) } },
    }),
  ]);
  if (failed > 0) return `${failed} mail(s) failed permanently`;
  if (stuck > 0) return `${stuck} mail(s) pending for over an hour`;
  return "ok";
}
