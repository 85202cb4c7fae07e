import type { Facility, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { fiscalYearOf } from "./fiscal-year";
import { nextStatus } from "./lifecycle";
import { mailFacilityMembers } from "./notify.server";

/**
 * Registration fee periods: one per facility per fiscal year. The amounts are the seed's
 * (¥30,000 a year excluding tax, 10% consumption tax); the fee issue makes them configurable.
 */
export const FEE_EXCL_TAX = 30_000;
export const TAX_RATE_PERCENT = 10;

type Tx = Prisma.TransactionClient;

export async function isPaidFor(tx: Tx, facilityId: string, fiscalYear: number) {
  const period = await tx.feePeriod.findUnique({ where: { facilityId_fiscalYear: { facilityId, fiscalYear } } });
  return Boolean(period?.paidAt);
}

/**
 * Publishes an approved (or lapsed) listing when the current fiscal year is paid. Called after
 * approval, reinstatement and every recorded payment.
 */
export async function publishIfPaid(tx: Tx, facility: Pick<Facility, "id" | "status" | "version" | "publishedAt">, actorId: string | null, now = new Date()) {
  if (facility.status !== "APPROVED" && facility.status !== "LAPSED") return false;
  if (!(await isPaidFor(tx, facility.id, fiscalYearOf(now)))) return false;
  const to = nextStatus(facility.status, "publish", "system");
  await tx.facility.update({
    where: { id: facility.id },
    data: { status: to, publishedAt: facility.publishedAt ?? now, version: { increment: 1 } },
  });
  await tx.reviewEvent.create({ data: { facilityId: facility.id, actorId, action: "PUBLISHED", fromStatus: facility.status, toStatus: to } });
  await mailFacilityMembers(tx, facility.id, {
    headline: "掲載を開始しました",
    message: "登録料のお支払いを確認し、GMネットワークへの掲載を開始しました。公開ページは管理画面からご確認いただけます。",
  });
  return true;
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
    const existing = await tx.feePeriod.findUnique({ where: { facilityId_fiscalYear: { facilityId, fiscalYear } } });
    if (existing?.paidAt) return "already-paid";
    const amountTotal = FEE_EXCL_TAX + Math.floor((FEE_EXCL_TAX * TAX_RATE_PERCENT) / 100);
    await tx.feePeriod.upsert({
      where: { facilityId_fiscalYear: { facilityId, fiscalYear } },
      create: { facilityId, fiscalYear, amountExclTax: FEE_EXCL_TAX, taxRatePercent: TAX_RATE_PERCENT, amountTotal, paidAt, method: "BANK_TRANSFER", recordedById: actorId, note },
      update: { paidAt, method: "BANK_TRANSFER", recordedById: actorId, note },
    });
    await tx.reviewEvent.create({
      data: { facilityId, actorId, action: "PAYMENT_RECORDED", fromStatus: facility.status, toStatus: facility.status, comment: `${fiscalYear}年度 銀行振込 ¥${amountTotal.toLocaleString("ja-JP")}${note ? `（${note}）` : ""}` },
    });
    await tx.facility.update({ where: { id: facilityId }, data: { version: { increment: 1 } } });
    await publishIfPaid(tx, { ...facility, version: facility.version + 1 }, actorId, now);
    return "recorded";
  });
}

/**
 * Lapses published listings whose current fiscal year is unpaid. The fee issue runs this daily
 * after a grace period; here it is the transition itself.
 */
export async function lapseUnpaidListings(now = new Date()) {
  const fiscalYear = fiscalYearOf(now);
  const unpaid = await prisma.facility.findMany({
    where: { status: "PUBLISHED", feePeriods: { none: { fiscalYear, paidAt: { not: null } } } },
    select: { id: true, status: true },
  });
  for (const facility of unpaid) {
    await prisma.$transaction(async (tx) => {
      const to = nextStatus(facility.status, "lapse", "system");
      const { count } = await tx.facility.updateMany({ where: { id: facility.id, status: "PUBLISHED" }, data: { status: to, version: { increment: 1 } } });
      if (count) await tx.reviewEvent.create({ data: { facilityId: facility.id, action: "LAPSED", fromStatus: facility.status, toStatus: to, comment: `${fiscalYear}年度の登録料が未納のため` } });
    });
  }
  return unpaid.length;
}
