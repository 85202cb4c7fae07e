import type { InquiryThread, Prisma, ThreadSide } from "~/generated/prisma/client";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";

/**
 * "You have a new message" mails, inside the transaction that stored the message. At most one
 * mail per thread per recipient per 10 minutes: the recipient's notice row is claimed with a
 * conditional upsert, so two messages at the same instant cannot both send. The mail carries no
 * message text and no names (emails/new-message.tsx).
 */
export const NOTICE_INTERVAL_MS = 10 * 60_000;

export async function notifyNewMessage(tx: Prisma.TransactionClient, thread: InquiryThread, senderSide: ThreadSide, now: Date) {
  const recipients: Array<{ id: string; email: string; url: string }> = [];
  const appUrl = getEnv().APP_URL;
  if (senderSide === "PHYSICIAN") {
    const members = await tx.operatorMember.findMany({
      where: { operator: { facilities: { some: { id: thread.facilityId } } } },
      include: { user: { select: { id: true, email: true } } },
    });
    for (const m of members) recipients.push({ id: m.user.id, email: m.user.email, url: `${appUrl}/facility/threads/${thread.id}` });
  } else if (thread.physicianId) {
    const physician = await tx.user.findUnique({ where: { id: thread.physicianId }, select: { id: true, email: true } });
    if (physician) recipients.push({ id: physician.id, email: physician.email, url: `${appUrl}/physician/threads/${thread.id}` });
  }
  const since = new Date(now.getTime() - NOTICE_INTERVAL_MS);
  for (const r of recipients) {
    const claimed = await tx.$queryRaw<Array<{ userId: string }>>`
      INSERT INTO "ThreadNotice" ("threadId", "userId", "lastSentAt") VALUES (${thread.id}, ${r.id}, ${now})
      ON CONFLICT ("threadId", "userId") DO UPDATE SET "lastSentAt" = EXCLUDED."lastSentAt"
      WHERE "ThreadNotice"."lastSentAt" <= ${since}
      RETURNING "userId"`;
    if (claimed.length) await enqueueMail(tx, r.email, "new-message", { threadUrl: r.url });
  }
}
