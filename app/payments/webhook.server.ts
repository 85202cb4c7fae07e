import type { PaymentAttemptStatus, Prisma } from "~/generated/prisma/client";
import { settleFeePeriod } from "~/payments/fee-periods.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { constructWebhookEvent, paymentGateway, type SessionView } from "./stripe.server";

/**
 * The Stripe webhook. The signature is checked on the raw body; each event id is recorded once,
 * in the same transaction as its effect (a failed attempt records nothing, so Stripe's retry
 * succeeds). The Checkout Session is re-read from Stripe rather than trusted from the event, so
 * events arriving twice or out of order settle a period exactly once.
 */
export const HANDLED_EVENTS = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
] as const;

type Tx = Prisma.TransactionClient;
type Outcome =
  | "duplicate-event"
  | "ignored"
  | "unknown-session"
  | "already-final"
  | "paid"
  | "processing"
  | "failed"
  | "expired"
  | "open"
  | "mismatch"
  | "duplicate-payment";

export async function handleStripeWebhook(rawBody: string, signature: string | null): Promise<{ status: number; outcome: string }> {
  let event;
  try {
    event = constructWebhookEvent(rawBody, signature);
  } catch {
    return { status: 400, outcome: "invalid-signature" };
  }
  if (!(HANDLED_EVENTS as readonly string[]).includes(event.type)) return { status: 200, outcome: "ignored" };
  const sessionId = (event.data.object as { id?: string }).id;
  if (!sessionId) return { status: 200, outcome: "ignored" };

  const alreadySeen = await prisma.stripeEvent.findUnique({ where: { id: event.id } });
  if (alreadySeen) return { status: 200, outcome: "duplicate-event" };
  // Re-read the session (a network call, so before the transaction).
  const session = await paymentGateway().retrieveCheckoutSession(sessionId);

  const result = await prisma.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO "StripeEvent" ("id", "type") VALUES (${event.id}, ${event.type}) ON CONFLICT ("id") DO NOTHING`;
    if (inserted === 0) return { outcome: "duplicate-event" as Outcome };
    return applySession(tx, session, event.type);
  });
  if (result.outcome === "duplicate-payment" && result.refundPaymentIntent) {
    await paymentGateway().refund(result.refundPaymentIntent, `gm-refund-${session.id}`);
  }
  return { status: 200, outcome: result.outcome };
}

async function setAttempt(tx: Tx, id: string, status: PaymentAttemptStatus, extra: Prisma.PaymentAttemptUpdateInput = {}) {
  await tx.paymentAttempt.update({ where: { id }, data: { status, ...extra } });
}

async function applySession(tx: Tx, session: SessionView, eventType: string): Promise<{ outcome: Outcome; refundPaymentIntent?: string }> {
  // One session's events are applied one at a time, whichever process receives them: the
  // attempt's row is locked until this transaction ends, and read again after the lock, so
  // checkout.session.completed and async_payment_succeeded arriving together settle the period
  // once and the second finds it final (never "paid twice").
  const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "PaymentAttempt" WHERE "checkoutSessionId" = ${session.id} FOR UPDATE`;
  if (locked.length === 0) return { outcome: "unknown-session" };
  const attempt = await tx.paymentAttempt.findUnique({ where: { checkoutSessionId: session.id }, include: { feePeriod: true } });
  if (!attempt) return { outcome: "unknown-session" };
  if (["PAID", "MISMATCH", "DUPLICATE"].includes(attempt.status)) return { outcome: "already-final" };

  if (session.paymentStatus === "paid") {
    const period = attempt.feePeriod;
    const problems = [];
    if (session.currency !== "jpy") problems.push(`通貨が異なります（${session.currency ?? "なし"}）`);
    if (session.amountTotal !== period.amountTotal) problems.push(`金額が異なります（請求 ¥${period.amountTotal.toLocaleString("ja-JP")}、支払い ¥${(session.amountTotal ?? 0).toLocaleString("ja-JP")}）`);
    if (session.metadata.facilityId !== attempt.facilityId || session.metadata.fiscalYear !== String(attempt.fiscalYear)) {
      problems.push("支払いの対象（医療機関・年度）が申込みと一致しません");
    }
    if (problems.length) {
      const reason = problems.join("／");
      await setAttempt(tx, attempt.id, "MISMATCH", { flagReason: reason, paymentIntentId: session.paymentIntentId });
      await flagToSecretariat(tx, attempt.facilityId, reason, session.id);
      return { outcome: "mismatch" };
    }
    const settled = await settleFeePeriod(tx, { feePeriodId: period.id, method: "STRIPE", paidAt: new Date(), actorId: null });
    if (settled === "already-paid" && session.paymentIntentId) {
      // The same payment seen through another attempt is already settled, not a second payment.
      const sameIntent = await tx.paymentAttempt.findFirst({ where: { paymentIntentId: session.paymentIntentId, status: "PAID", id: { not: attempt.id } } });
      if (sameIntent) {
        await setAttempt(tx, attempt.id, "PAID", { paymentIntentId: session.paymentIntentId });
        return { outcome: "already-final" };
      }
    }
    if (settled === "already-paid") {
      const reason = "同じ年度の登録料がすでに支払われていたため、この支払いは返金します（二重払い）";
      await setAttempt(tx, attempt.id, "DUPLICATE", { flagReason: reason, paymentIntentId: session.paymentIntentId });
      await flagToSecretariat(tx, attempt.facilityId, reason, session.id);
      return { outcome: "duplicate-payment", refundPaymentIntent: session.paymentIntentId ?? undefined };
    }
    await setAttempt(tx, attempt.id, "PAID", { paymentIntentId: session.paymentIntentId });
    return { outcome: "paid" };
  }
  if (session.status === "expired") {
    await setAttempt(tx, attempt.id, "EXPIRED");
    return { outcome: "expired" };
  }
  if (eventType === "checkout.session.async_payment_failed") {
    await setAttempt(tx, attempt.id, "FAILED");
    return { outcome: "failed" };
  }
  if (session.status === "complete") {
    // Checkout finished with a delayed method (konbini): wait for async_payment_succeeded.
    await setAttempt(tx, attempt.id, "PROCESSING");
    return { outcome: "processing" };
  }
  return { outcome: "open" };
}

async function flagToSecretariat(tx: Tx, facilityId: string, reason: string, sessionId: string) {
  const [staff, profile] = await Promise.all([
    tx.user.findMany({ where: { role: "SECRETARIAT" }, select: { email: true } }),
    tx.facilityProfile.findFirst({ where: { facilityId, stage: "DRAFT" }, select: { name: true } }),
  ]);
  for (const { email } of staff) {
    await enqueueMail(tx, email, "payment-flagged", {
      facilityName: profile?.name ?? "",
      reason,
      sessionId,
      url: `${getEnv().APP_URL}/secretariat/payments`,
    });
  }
}
