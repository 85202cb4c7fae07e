import { randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { signPayload } from "./stripe.server";
import { handleStripeWebhook } from "./webhook.server";

/**
 * The local test-mode checkout (no Stripe key): the person chooses an outcome, the simulated
 * session takes that state, and a Stripe-shaped event signed with the local webhook secret goes
 * through the real webhook handler — the same code, signature check included, as a real payment.
 */
export type LocalOutcome = "success" | "failure" | "cancel";

const EVENT_FOR: Record<LocalOutcome, { state: string; type: string }> = {
  success: { state: "paid", type: "checkout.session.completed" },
  failure: { state: "failed", type: "checkout.session.async_payment_failed" },
  cancel: { state: "expired", type: "checkout.session.expired" },
};

export async function completeLocalCheckout(sessionId: string, outcome: LocalOutcome) {
  const { state, type } = EVENT_FOR[outcome];
  await prisma.paymentAttempt.update({ where: { checkoutSessionId: sessionId }, data: { localState: state } });
  const payload = JSON.stringify({
    id: `evt_test_local_${randomBytes(12).toString("hex")}`,
    object: "event",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: { object: { id: sessionId, object: "checkout.session" } },
  });
  return handleStripeWebhook(payload, signPayload(payload));
}
