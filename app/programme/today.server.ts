import { campaignResults } from "~/campaigns/campaigns.server";
import { currentBillingYear } from "~/payments/fee-periods.server";
import { PREFECTURES } from "~/reference/prefectures";
import { prisma } from "~/utils/db.server";
import { daysSince as days } from "~/utils/dates";

export type TodayFigure = { key: string; label: string; value: number; detail: string; href: string; urgent: boolean };


/**
 * What needs the secretariat today, each with where to act on it: applications and revisions
 * waiting (and the longest wait), open reports, fees unpaid, prefectures still without a listing.
 */
export async function secretariatToday(now = Date.now()): Promise<TodayFigure[]> {
  const year = currentBillingYear();
  const [applications, revisions, listingReports, threadReports, unpaid, covered, lastCampaign] = await Promise.all([
    prisma.facility.findMany({ where: { status: "SUBMITTED" }, select: { submittedAt: true }, orderBy: { submittedAt: "asc" } }),
    prisma.facility.findMany({ where: { revisionStatus: "PENDING" }, select: { revisionSubmittedAt: true }, orderBy: { revisionSubmittedAt: "asc" } }),
    prisma.listingReport.findMany({ where: { resolvedAt: null }, select: { createdAt: true }, orderBy: { createdAt: "asc" } }),
    prisma.threadReport.count({ where: { resolvedAt: null } }),
    prisma.facility.count({ where: { status: { in: ["APPROVED", "PUBLISHED", "LAPSED"] }, feePeriods: { none: { fiscalYear: year, paidAt: { not: null } } } } }),
    prisma.$queryRaw<Array<{ code: string }>>`
      SELECT DISTINCT p."prefectureCode" AS code FROM "Facility" f
      JOIN "FacilityProfile" p ON p."facilityId" = f.id AND p.stage = 'APPROVED'
      WHERE f.status = 'PUBLISHED' AND p."prefectureCode" IS NOT NULL`,
    prisma.campaign.findFirst({ where: { queuedAt: { not: null } }, orderBy: { queuedAt: "desc" }, select: { id: true, subject: true, queuedAt: true } }),
  ]);
  const last = lastCampaign ? await campaignResults(lastCampaign.id) : null;
  const oldestApplication = days(applications[0]?.submittedAt, now);
  const oldestRevision = days(revisions[0]?.revisionSubmittedAt, now);
  const oldestReport = days(listingReports[0]?.createdAt, now);
  const empty = PREFECTURES.length - new Set(covered.map((c) => c.code)).size;
  return [
    { key: "applications", label: "審査待ちの申請", value: applications.length, detail: applications.length ? `最も古いもので${oldestApplication}日待ち` : "待っている申請はありません", href: "/secretariat?state=SUBMITTED#queue", urgent: oldestApplication >= 5 },
    { key: "revisions", label: "確認待ちの修正", value: revisions.length, detail: revisions.length ? `最も古いもので${oldestRevision}日待ち` : "待っている修正はありません", href: "/secretariat?state=REVISION#queue", urgent: oldestRevision >= 5 },
    { key: "listing-reports", label: "掲載内容へのお知らせ（未対応）", value: listingReports.length, detail: listingReports.length ? `最も古いもので${oldestReport}日` : "未対応のお知らせはありません", href: "/secretariat/listing-reports", urgent: oldestReport >= 3 },
    { key: "thread-reports", label: "相談スレッドの通報（未対応）", value: threadReports, detail: threadReports ? "事務局が内容を確認できます" : "未対応の通報はありません", href: "/secretariat/reports", urgent: threadReports > 0 },
    { key: "unpaid", label: "今年度の登録料が未納", value: unpaid, detail: "承認済み・掲載中・失効中の医療機関", href: "/secretariat/payments", urgent: false },
    {
      key: "last-campaign",
      label: "最後の案内メール（送信済み）",
      value: last?.sent ?? 0,
      detail: lastCampaign && last ? `「${lastCampaign.subject}」${days(lastCampaign.queuedAt, now)}日前／不達・報告${last.bounced + last.complained}、配信停止${last.unsubscribed}${last.pending ? `、送信待ち${last.pending}` : ""}` : "まだ送っていません",
      href: lastCampaign ? `/secretariat/campaigns/${lastCampaign.id}` : "/secretariat/campaigns",
      urgent: false,
    },
    { key: "empty-prefectures", label: "掲載のない都道府県", value: empty, detail: "すべての都道府県に1施設以上を目指しています", href: "/secretariat/coverage", urgent: false },
  ];
}
