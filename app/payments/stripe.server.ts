import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import { prisma } from "~/utils/db.server";
import { getEnv, localSecret } from "~/utils/env.server";
import { loadOnUse } from "~/utils/load-on-use.server";

// Loaded when a Stripe key is first used: the local test mode never needs it.
const stripeModule = loadOnUse<typeof Stripe>("stripe");

/**
 * The payment adapter. With STRIPE_SECRET_KEY: Stripe Checkout through stripe-node (pointed at
 * STRIPE_API_BASE in tests). Without it: a local test mode whose "Checkout Sessions" live in our
 * PaymentAttempt rows and whose events are signed with a local secret — so both go through the
 * same webhook handler. Nothing else in the app talks to Stripe.
 */
export type SessionView = {
  id: string;
  status: "open" | "complete" | "expired";
  paymentStatus: "paid" | "unpaid" | "no_payment_required";
  amountTotal: number | null;
  currency: string | null;
  metadata: Record<string, string>;
  paymentIntentId: string | null;
};

export type CheckoutInput = {
  facilityId: string;
  feePeriodId: string;
  fiscalYear: number;
  description: string;
  amountExclTax: number;
  customerEmail: string;
  successUrl: string;
  cancelUrl: string;
  idempotencyKey: string;
};

export type PaymentGateway = {
  provider: "STRIPE" | "LOCAL_TEST";
  createCheckoutSession(input: CheckoutInput): Promise<{ id: string; url: string }>;
  retrieveCheckoutSession(id: string): Promise<SessionView>;
  refund(paymentIntentId: string, idempotencyKey: string): Promise<void>;
};

let cachedStripe: { key: string; base: string; client: Stripe } | undefined;

/** stripe-node, pointed at STRIPE_API_BASE when set (the tests' local fake). */
export function stripeClient(key = getEnv().STRIPE_SECRET_KEY ?? "sk_test_local_signing_only") {
  const base = getEnv().STRIPE_API_BASE ?? "";
  if (cachedStripe?.key === key && cachedStripe.base === base) return cachedStripe.client;
  const url = base ? new URL(base) : null;
  const client = new (stripeModule())(key, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(url ? { host: url.hostname, port: Number(url.port), protocol: url.protocol.replace(":", "") as "http" | "https" } : {}),
  });
  cachedStripe = { key, base, client };
  return client;
}

export function webhookSecret() {
  const env = getEnv();
  return env.STRIPE_WEBHOOK_SECRET ?? `whsec_${localSecret(env.DATA_DIR, "stripe-local-webhook-secret")}`;
}

/** Verifies the signature on the raw body (and its timestamp, 5 minutes' tolerance). */
export function constructWebhookEvent(rawBody: string, signature: string | null) {
  if (!signature) throw new Error("missing Stripe-Signature header");
  return stripeClient().webhooks.constructEvent(rawBody, signature, webhookSecret());
}

/** Signs a payload as Stripe would (the local test mode and the tests use it). */
export function signPayload(payload: string, timestamp?: number) {
  return stripeClient().webhooks.generateTestHeaderString({ payload, secret: webhookSecret(), timestamp });
}

function stripeGateway(): PaymentGateway {
  const env = getEnv();
  const stripe = stripeClient(env.STRIPE_SECRET_KEY);
  return {
    provider: "STRIPE",
    async createCheckoutSession(input) {
      const metadata = { facilityId: input.facilityId, feePeriodId: input.feePeriodId, fiscalYear: String(input.fiscalYear) };
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          locale: "ja",
          // Card, plus konbini by default: both work in payment mode; konbini confirms later
          // (checkout.session.async_payment_succeeded / _failed).
          allowed_payment_method_types: env.STRIPE_PAYMENT_METHODS.split(",") as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
          line_items: [
            {
              quantity: 1,
              // JPY is a zero-decimal currency: 30000 means ¥30,000. Tax is added on top (exclusive).
              price_data: { currency: "jpy", unit_amount: input.amountExclTax, tax_behavior: "exclusive", product_data: { name: input.description } },
              tax_rates: [env.STRIPE_TAX_RATE_ID!],
            },
          ],
          customer_email: input.customerEmail,
          client_reference_id: input.facilityId,
          metadata,
          payment_intent_data: { metadata, description: input.description },
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
        },
        { idempotencyKey: input.idempotencyKey },
      );
      if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
      return { id: session.id, url: session.url };
    },
    async retrieveCheckoutSession(id) {
      const s = await stripe.checkout.sessions.retrieve(id);
      return {
        id: s.id,
        status: (s.status ?? "open") as SessionView["status"],
        paymentStatus: s.payment_status as SessionView["paymentStatus"],
        amountTotal: s.amount_total,
        currency: s.currency,
        metadata: (s.metadata ?? {}) as Record<string, string>,
        paymentIntentId: typeof s.payment_intent === "string" ? s.payment_intent : (s.payment_intent?.id ?? null),
      };
    },
    async refund(paymentIntentId, idempotencyKey) {
      await stripe.refunds.create({ payment_intent: paymentIntentId, reason: "duplicate" }, { idempotencyKey });
    },
  };
}

/** The local test mode: no network; the PaymentAttempt row is the session. */
function localGateway(): PaymentGateway {
  return {
    provider: "LOCAL_TEST",
    async createCheckoutSession() {
      const id = `cs_test_local_${randomBytes(12).toString("hex")}`;
      return { id, url: `${getEnv().APP_URL}/payments/test-checkout/${id}` };
    },
    async retrieveCheckoutSession(id) {
      const attempt = await prisma.paymentAttempt.findUnique({ where: { checkoutSessionId: id } });
      if (!attempt) throw new Error(`No such checkout session: ${id}`);
      const state = attempt.localState ?? "open";
      return {
        id,
        status: state === "open" ? "open" : state === "expired" ? "expired" : "complete",
        paymentStatus: state === "paid" ? "paid" : "unpaid",
        amountTotal: attempt.amountTotal,
        currency: attempt.currency,
        metadata: { facilityId: attempt.facilityId, feePeriodId: attempt.feePeriodId, fiscalYear: String(attempt.fiscalYear) },
        paymentIntentId: state === "paid" ? `pi_test_local_${attempt.id}` : null,
      };
    },
    async refund(paymentIntentId) {
      console.warn(`[payments] local test mode: would refund ${paymentIntentId}`);
    },
  };
}

export function paymentGateway(): PaymentGateway {
  return getEnv().STRIPE_SECRET_KEY ? stripeGateway() : localGateway();
}
