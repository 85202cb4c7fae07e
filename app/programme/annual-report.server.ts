import { fiscalYearLabel, fiscalYearRange } from "~/billing/fiscal-year";
import { excelCsv } from "~/utils/csv.server";
import { prisma } from "~/utils/db.server";

export type AnnualFigure = { section: string; label: string; value: number; unit: string };

/**
 * The figures of a 事業報告 for one fiscal year: what the programme did in that year (events
 * dated within it) and where it stands now. Counts only; nobody is named.
 */
export async function annualReport(fiscalYear: number): Promise<{ title: string; figures: AnnualFigure[] }> {
  const { start, end } = fiscalYearRange(fiscalYear);
  const within = { gte: start, lte: end };
  const events = await prisma.reviewEvent.groupBy({ by: ["action"], where: { createdAt: within }, _count: { _all: true } });
  const event = (action: string) => events.find((e) => e.action === action)?._count._all ?? 0;
  const [published, prefectures, fees, physiciansNew, physiciansAll, threads, messages, reportsIn, reportsResolved] = await Promise.all([
    prisma.facility.count({ where: { status: "PUBLISHED" } }),
    prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(DISTINCT p."prefectureCode")::int AS n FROM "Facility" f
      JOIN "FacilityProfile" p ON p."facilityId" = f.id AND p.stage = 'APPROVED' WHERE f.status = 'PUBLISHED'`,
    prisma.feePeriod.aggregate({ where: { fiscalYear, paidAt: { not: null } }, _count: { _all: true }, _sum: { amountTotal: true } }),
    prisma.user.count({ where: { role: "PHYSICIAN", createdAt: within } }),
    prisma.user.count({ where: { role: "PHYSICIAN" } }),
    prisma.inquiryThread.count({ where: { createdAt: within } }),
    prisma.threadMessage.count({ where: { createdAt: within, event: null } }),
    prisma.listingReport.count({ where: { createdAt: within } }),
    prisma.listingReport.count({ where: { resolvedAt: within } }),
  ]);
  const f = (section: string, label: string, value: number, unit: string): AnnualFigure => ({ section, label, value, unit });
  return {
    title: `GMネットワーク 事業報告 ${fiscalYearLabel(fiscalYear)}`,
    figures: [
      f("医療機関", "掲載中の医療機関（現在）", published, "施設"),
      f("医療機関", "掲載のある都道府県（現在）", prefectures[0]?.n ?? 0, "都道府県"),
      f("医療機関", "年度内の申請", event("SUBMITTED"), "件"),
      f("医療機関", "年度内の承認", event("APPROVED"), "件"),
      f("医療機関", "年度内の差し戻し", event("RETURNED"), "件"),
      f("医療機関", "年度内の不承認", event("REJECTED"), "件"),
      f("医療機関", "年度内に掲載を開始", event("PUBLISHED"), "件"),
      f("医療機関", "年度内の掲載取消", event("REVOKED"), "件"),
      f("医療機関", "年度内の失効（登録料未納）", event("LAPSED"), "件"),
      f("医療機関", "年度内に承認した掲載内容の修正", event("REVISION_ACCEPTED"), "件"),
      f("登録料", "納付済み", fees._count._all, "施設"),
      f("登録料", "納付額（税込）", fees._sum.amountTotal ?? 0, "円"),
      f("医師", "年度内の新規登録", physiciansNew, "人"),
      f("医師", "登録医師数（現在）", physiciansAll, "人"),
      f("相談", "年度内の新しい相談", threads, "件"),
      f("相談", "年度内のメッセージ", messages, "件"),
      f("苦情・お知らせ", "掲載内容へのお知らせ（受付）", reportsIn, "件"),
      f("苦情・お知らせ", "掲載内容へのお知らせ（対応済み）", reportsResolved, "件"),
    ],
  };
}

export function annualReportCsv(report: Awaited<ReturnType<typeof annualReport>>) {
  return excelCsv(["区分", "項目", "値", "単位"], report.figures.map((x) => [x.section, x.label, x.value, x.unit]));
}
