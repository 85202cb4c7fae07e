import type { PaymentMethod, Prisma } from "~/generated/prisma/client";
import { feeConfig } from "~/billing/fee-config.server";
import { fiscalYearLabel, fiscalYearOf } from "~/billing/fiscal-year";
import { paidYears } from "~/billing/paid-years.server";
import { billingFiscalYear, isPaidUp, isPastGrace } from "~/billing/policy";
import { nextStatus } from "~/facilities/lifecycle";
import { mailFacilityMembers } from "~/facilities/notify.server";
import { publishIfPaid } from "~/facilities/publication.server";
import { prisma } from "~/utils/db.server";
import { queueSearchSync } from "../../search/sync.server";
import { issueReceipt } from "./receipts.server";

/**
 * Registration fee periods: one per facility per fiscal year, priced when created from the
 * configured fee. Stripe payments and bank transfers recorded by the secretariat both end in
 * `settleFeePeriod`, so they count the same.
 */
type Tx = Prisma.TransactionClient;

/** The fee period of a facility and fiscal year, created unpaid at today's price if missing. */
export async function ensureFeePeriod(tx: Tx, facilityId: string, fiscalYear: number) {
  const { amountExclTax, taxRatePercent, amountTotal } = feeConfig();
  return tx.feePeriod.upsert({
    where: { facilityId_fiscalYear: { facilityId, fiscalYear } },
    create: { facilityId, fiscalYear, amountExclTax, taxRatePercent, amountTotal },
    update: {},
  });
}

/** The fiscal year a payment started now is for. */
export function currentBillingYear(now = new Date()) {
  return billingFiscalYear(now, feeConfig().nextYearFromMonth);
}

export type SettleResult = "paid" | "already-paid";

/**
 * Marks a fee period paid, issues its receipt (mailed), records the audit event and publishes
 * the listing if that makes it paid up — all in the caller's transaction.
 */
export async function settleFeePeriod(
  tx: Tx,
  { feePeriodId, method, paidAt, actorId, note = "", now = new Date() }: { feePeriodId: string; method: PaymentMethod; paidAt: Date; actorId: string | null; note?: string; now?: Date },
): Promise<SettleResult> {
  const { count } = await tx.feePeriod.updateMany({
    where: { id: feePeriodId, paidAt: null },
    data: { paidAt, method, recordedById: actorId, note },
  });
  if (count === 0) return "already-paid";
  const period = await tx.feePeriod.findUniqueOrThrow({ where: { id: feePeriodId } });
  const facility = await tx.facility.update({ where: { id: period.facilityId }, data: { version: { increment: 1 } } });
  await issueReceipt(tx, period, method, paidAt, now);
  const how = method === "BANK_TRANSFER" ? "銀行振込" : "オンライン決済";
  await tx.reviewEvent.create({
    data: {
      facilityId: period.facilityId,
      actorId,
      action: "PAYMENT_RECORDED",
      fromStatus: facility.status,
      toStatus: facility.status,
      comment: `${fiscalYearLabel(period.fiscalYear)} ${how} ¥${period.amountTotal.toLocaleString("ja-JP")}${note ? `（${note}）` : ""}`,
    },
  });
  await publishIfPaid(tx, facility, actorId, now);
  return "paid";
}

export type RecordPaymentResult = "recorded" | "already-paid" | "not-allowed";

/** The secretariat records a fee received by bank transfer (振込). */
export async function recordBankTransfer({
  facilityId,
  actorId,
  fiscalYear,
  paidAt,
  note,
  now = new Date(),
}: {
  facilityId: string;
  actorId: string;
  fiscalYear: number;
  paidAt: Date;
  note: string;
  now?: Date;
}): Promise<RecordPaymentResult> {
  return prisma.$transaction(async (tx) => {
    const facility = await tx.facility.findUniqueOrThrow({ where: { id: facilityId } });
    if (facility.status === "DRAFT" || facility.status === "REJECTED") return "not-allowed";
    const period = await ensureFeePeriod(tx, facilityId, fiscalYear);
    const result = await settleFeePeriod(tx, { feePeriodId: period.id, method: "BANK_TRANSFER", paidAt, actorId, note, now });
    return result === "paid" ? "recorded" : "already-paid";
  });
}

/**
 * Lapses published listings that are not paid up once the grace period after 1 April has
 * passed. Safe to run in several processes at once: each listing moves only from PUBLISHED.
 */
export async function lapseUnpaidListings(now = new Date(), signal?: AbortSignal) {
  const { graceDays, nextYearFromMonth } = feeConfig();
  if (!isPastGrace(now, graceDays)) return 0;
  const fiscalYear = fiscalYearOf(now);
  const candidates = await prisma.facility.findMany({
    where: { status: "PUBLISHED", feePeriods: { none: { fiscalYear, paidAt: { not: null } } } },
    select: { id: true, status: true },
  });
  let lapsed = 0;
  for (const facility of candidates) {
    if (signal?.aborted) break; // stopping: the rest waits for the next run
    await prisma.$transaction(async (tx) => {
      if (isPaidUp(await paidYears(tx, facility.id), now, nextYearFromMonth)) return;
      const to = nextStatus(facility.status, "lapse", "system");
      const { count } = await tx.facility.updateMany({ where: { id: facility.id, status: "PUBLISHED" }, data: { status: to, version: { increment: 1 } } });
      if (!count) return;
      await queueSearchSync(tx, facility.id);
      await tx.reviewEvent.create({
        data: { facilityId: facility.id, action: "LAPSED", fromStatus: facility.status, toStatus: to, comment: `${fiscalYearLabel(fiscalYear)}の登録料が未納のため` },
      });
      await mailFacilityMembers(tx, facility.id, {
        headline: "掲載を停止しました",
        message: `${fiscalYearLabel(fiscalYear)}の登録料のお支払いが確認できないため、掲載を停止しました。お支払いが確認でき次第、掲載を再開します。`,
      });
      lapsed++;
    });
  }
  return lapsed;
}
