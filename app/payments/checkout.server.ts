import { currentBillingYear, ensureFeePeriod } from "~/payments/fee-periods.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { feeDescription } from "./receipts.server";
import { paymentGateway } from "./stripe.server";

/** Statuses in which a listing can pay: approved, lapsed, or published and renewing. */
const PAYABLE = ["APPROVED", "PUBLISHED", "LAPSED"] as const;
const REUSE_OPEN_SESSION_MS = 23 * 3600_000; // Checkout Sessions expire after 24 hours

export type StartCheckoutResult = { ok: true; url: string } | { ok: false; reason: "not-payable" | "already-paid" };

/**
 * Opens (or reopens) a Checkout Session for the fee period the facility should pay now. The
 * caller has already checked that the user is a member of the facility's operator.
 */
export async function startCheckout({ facilityId, user, now = new Date() }: { facilityId: string; user: { id: string; email: string }; now?: Date }): Promise<StartCheckoutResult> {
  const facility = await prisma.facility.findUniqueOrThrow({ where: { id: facilityId } });
  if (!(PAYABLE as readonly string[]).includes(facility.status)) return { ok: false, reason: "not-payable" };
  const fiscalYear = currentBillingYear(now);
  const period = await prisma.$transaction((tx) => ensureFeePeriod(tx, facilityId, fiscalYear));
  if (period.paidAt) return { ok: false, reason: "already-paid" };

  const open = await prisma.paymentAttempt.findFirst({
    where: { feePeriodId: period.id, status: "OPEN", createdAt: { gt: new Date(now.getTime() - REUSE_OPEN_SESSION_MS) } },
    orderBy: { createdAt: "desc" },
  });
  if (open) return { ok: true, url: open.checkoutUrl };

  const gateway = paymentGateway();
  const previous = await prisma.paymentAttempt.count({ where: { feePeriodId: period.id } });
  const { APP_URL } = getEnv();
  const session = await gateway.createCheckoutSession({
    facilityId,
    feePeriodId: period.id,
    fiscalYear,
    description: feeDescription(fiscalYear),
    amountExclTax: period.amountExclTax,
    customerEmail: user.email,
    successUrl: `${APP_URL}/facility/facilities/${facilityId}/payment?session={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${APP_URL}/facility/facilities/${facilityId}?notice=payment-cancelled`,
    // One key per facility, period and try: a double click opens one session, not two.
    idempotencyKey: `gm-fee-${facilityId}-${fiscalYear}-${previous}`,
  });
  await prisma.paymentAttempt.upsert({
    where: { checkoutSessionId: session.id },
    create: {
      facilityId,
      feePeriodId: period.id,
      fiscalYear,
      provider: gateway.provider,
      checkoutSessionId: session.id,
      checkoutUrl: session.url,
      amountTotal: period.amountTotal,
      currency: "jpy",
      createdById: user.id,
      localState: gateway.provider === "LOCAL_TEST" ? "open" : null,
    },
    update: {},
  });
  return { ok: true, url: session.url };
}
