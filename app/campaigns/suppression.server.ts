import { Resend } from "resend";
import { outboxIdFromToken } from "./campaigns.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

/**
 * What comes back from mail: unsubscribes from guidance mail, and Resend's bounce and complaint
 * webhooks, which put the address on the suppression list every later mail respects.
 */

// ─── Unsubscribe (guidance mail only) ──────────────────────────────────────

/** The address and campaign an unsubscribe link names; null if the link is not valid. */
export async function unsubscribeTarget(token: string) {
  const id = outboxIdFromToken(token);
  if (!id) return null;
  const row = await prisma.mailOutbox.findUnique({ where: { id }, select: { id: true, toAddress: true, campaignId: true, unsubscribedAt: true } });
  return row?.campaignId ? row : null;
}

/**
 * Stops guidance mail to the address of the mail the link came in: a user's consent is
 * withdrawn, an imported recipient is marked unsubscribed. Other mail (messages, fees) goes on.
 * Idempotent: a second click changes nothing.
 */
export async function unsubscribeFromGuidance(token: string, now = new Date()) {
  const row = await unsubscribeTarget(token);
  if (!row) return false;
  await prisma.$transaction([
    prisma.mailOutbox.updateMany({ where: { id: row.id, unsubscribedAt: null }, data: { unsubscribedAt: now } }),
    prisma.user.updateMany({ where: { email: row.toAddress, guidanceConsentAt: { not: null } }, data: { guidanceConsentAt: null, guidanceConsentSource: "" } }),
    prisma.guidanceRecipient.updateMany({ where: { email: row.toAddress, unsubscribedAt: null }, data: { unsubscribedAt: now } }),
  ]);
  return true;
}

// ─── Suppression list ──────────────────────────────────────────────────────

export async function suppress(email: string, reason: "BOUNCE" | "COMPLAINT" | "MANUAL", detail = "") {
  const address = email.trim().toLowerCase();
  await prisma.mailSuppression.upsert({ where: { email: address }, create: { email: address, reason, detail: detail.slice(0, 500) }, update: {} });
}

export async function isSuppressed(email: string) {
  return Boolean(await prisma.mailSuppression.findUnique({ where: { email: email.trim().toLowerCase() } }));
}

export async function unsuppress(email: string) {
  const { count } = await prisma.mailSuppression.deleteMany({ where: { email: email.trim().toLowerCase() } });
  return count === 1;
}

export function suppressionList({ q = "" }: { q?: string } = {}) {
  return prisma.mailSuppression.findMany({
    where: q ? { email: { contains: q.trim().toLowerCase() } } : undefined,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
}

// ─── Resend webhooks ───────────────────────────────────────────────────────

export type WebhookOutcome = { status: 200 | 400 | 404 | 409; message: string };

type ResendEvent = { type: string; created_at?: string; data?: { email_id?: string; to?: string[] | string; bounce?: { type?: string; message?: string } } };

/**
 * A Resend webhook: the signature is checked with the Resend SDK's own verifier (Svix /
 * Standard Webhooks signatures, which also refuses a timestamp more than five minutes off);
 * a delivery already processed (same svix-id) is refused as a replay.
 */
export async function handleResendWebhook(payload: string, headers: Headers): Promise<WebhookOutcome> {
  const secret = getEnv().RESEND_WEBHOOK_SECRET;
  if (!secret) return { status: 404, message: "webhooks are not configured" };
  const id = headers.get("svix-id") ?? "";
  const timestamp = headers.get("svix-timestamp") ?? "";
  const signature = headers.get("svix-signature") ?? "";
  let event: ResendEvent;
  try {
    // verify() needs no API key; the client is built only to reach it.
    const resend = new Resend(getEnv().RESEND_API_KEY ?? "re_webhook_verification_only");
    event = resend.webhooks.verify({ payload, headers: { id, timestamp, signature }, webhookSecret: secret }) as unknown as ResendEvent;
  } catch {
    return { status: 400, message: "invalid signature" };
  }
  const fresh = await prisma.mailWebhookEvent.createMany({ data: [{ id, type: event.type }], skipDuplicates: true });
  if (fresh.count === 0) return { status: 409, message: "already processed" };
  if (event.type !== "email.bounced" && event.type !== "email.complained") return { status: 200, message: "ignored" };
  const at = event.created_at ? new Date(event.created_at) : new Date();
  const to = [event.data?.to ?? []].flat().map((a) => a.trim().toLowerCase());
  const messageId = event.data?.email_id;
  const row = messageId ? await prisma.mailOutbox.findFirst({ where: { providerMessageId: messageId }, select: { id: true, toAddress: true } }) : null;
  const addresses = new Set([...to, ...(row ? [row.toAddress] : [])]);
  const bounce = event.type === "email.bounced";
  // A soft (transient) bounce is Resend's to retry; only a permanent one suppresses the address.
  const permanent = !bounce || !event.data?.bounce?.type || /permanent|hard/i.test(event.data.bounce.type);
  if (row) {
    await prisma.mailOutbox.update({ where: { id: row.id }, data: bounce ? { bouncedAt: at } : { complainedAt: at } });
  }
  if (permanent) {
    for (const address of addresses) await suppress(address, bounce ? "BOUNCE" : "COMPLAINT", event.data?.bounce?.message ?? "");
  }
  // A complaint is also a clear "no more guidance mail".
  if (!bounce) {
    await prisma.user.updateMany({ where: { email: { in: [...addresses] } }, data: { guidanceConsentAt: null, guidanceConsentSource: "" } });
    await prisma.guidanceRecipient.updateMany({ where: { email: { in: [...addresses] }, unsubscribedAt: null }, data: { unsubscribedAt: at } });
  }
  return { status: 200, message: "ok" };
}
