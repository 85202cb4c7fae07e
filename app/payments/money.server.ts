import { excelCsv } from "~/utils/csv.server";
import { formatJst } from "~/utils/dates";
import { fiscalYearOf } from "~/billing/fiscal-year";
import { prefectureByCode } from "~/reference/prefectures";
import { prisma } from "~/utils/db.server";
import { receiptNumberLabel } from "./receipts.server";

/**
 * The secretariat's view of money for one fiscal year: every listing that owes or paid a fee,
 * who paid, how and when, and payments that need a person (mismatch, duplicate).
 */
export async function moneyOverview(fiscalYear: number) {
  const facilities = await prisma.facility.findMany({
    where: {
      OR: [{ status: { in: ["APPROVED", "PUBLISHED", "LAPSED", "REVOKED"] } }, { feePeriods: { some: { fiscalYear } } }],
    },
    include: {
      profiles: { where: { stage: "DRAFT" }, select: { name: true, prefectureCode: true } },
      operator: { select: { name: true } },
      feePeriods: { where: { fiscalYear }, include: { receipt: { select: { id: true, number: true } } } },
    },
  });
  const rows = facilities
    .map((f) => {
      const period = f.feePeriods[0];
      return {
        facilityId: f.id,
        name: f.profiles[0]?.name ?? "",
        operatorName: f.operator.name,
        prefecture: (f.profiles[0]?.prefectureCode && prefectureByCode(f.profiles[0].prefectureCode)?.name) || "",
        status: f.status,
        paid: Boolean(period?.paidAt),
        paidAt: period?.paidAt ? formatJst(period.paidAt) : "",
        paidAtIso: period?.paidAt?.toISOString() ?? "",
        method: period?.method === "BANK_TRANSFER" ? "銀行振込" : period?.method === "STRIPE" ? "Stripe" : "",
        amountExclTax: period?.amountExclTax ?? null,
        taxAmount: period ? period.amountTotal - period.amountExclTax : null,
        amountTotal: period?.amountTotal ?? null,
        receiptId: period?.receipt?.id ?? null,
        receiptNumber: period?.receipt ? receiptNumberLabel(period.receipt.number) : "",
      };
    })
    .sort((a, b) => Number(a.paid) - Number(b.paid) || a.name.localeCompare(b.name, "ja"));
  const flagged = await prisma.paymentAttempt.findMany({
    where: { fiscalYear, status: { in: ["MISMATCH", "DUPLICATE"] } },
    orderBy: { updatedAt: "desc" },
    include: { facility: { include: { profiles: { where: { stage: "DRAFT" }, select: { name: true } } } } },
  });
  const paid = rows.filter((r) => r.paid);
  return {
    rows,
    totals: {
      paidCount: paid.length,
      unpaidCount: rows.length - paid.length,
      amountTotal: paid.reduce((n, r) => n + (r.amountTotal ?? 0), 0),
      taxTotal: paid.reduce((n, r) => n + (r.taxAmount ?? 0), 0),
    },
    flagged: flagged.map((a) => ({
      id: a.id,
      name: a.facility.profiles[0]?.name ?? "",
      status: a.status,
      reason: a.flagReason,
      sessionId: a.checkoutSessionId,
      at: formatJst(a.updatedAt),
    })),
  };
}

/** CSV for accounting (UTF-8 with BOM so that Excel opens it in Japanese). */
export function moneyCsv(rows: Awaited<ReturnType<typeof moneyOverview>>["rows"]) {
  const header = ["領収書番号", "医療機関", "運営法人", "都道府県", "状態", "入金", "入金日時", "方法", "金額（税抜）", "消費税", "合計（税込）"];
  return excelCsv(
    header,
    rows.map((r) => [r.receiptNumber, r.name, r.operatorName, r.prefecture, r.status, r.paid ? "済" : "未", r.paidAtIso, r.method, r.amountExclTax, r.taxAmount, r.amountTotal]),
  );
}

/** The ?fy= of a request, limited to the years the site has existed (and next year). */
export function fiscalYearParam(request: Request) {
  const value = Number(new URL(request.url).searchParams.get("fy"));
  const current = fiscalYearOf(new Date());
  return Number.isInteger(value) && value >= 2025 && value <= current + 1 ? value : current;
}
