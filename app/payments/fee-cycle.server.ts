import { lapseUnpaidListings } from "~/payments/fee-periods.server";
import { fiscalYearLabel, fiscalYearOf, fiscalYearRange } from "~/billing/fiscal-year";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { facilityFigures } from "~/facilities/figures.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { yen } from "../billing/policy";
import { feeConfig } from "../billing/fee-config.server";

/**
 * The renewal cycle, run by the job runner (hourly; every step is idempotent, so running it
 * more often or in several processes changes nothing): renewal notices before the fiscal year
 * ends, reminders in the grace period after it starts, then the lapse of listings still unpaid.
 * Each notice is recorded in FeeNotice in the transaction that queues its mail, so it goes out once.
 */
const DAY = 86_400_000;

type Notice = { kind: string; fiscalYear: number; headline: string; message: string };

export function noticesDue(now: Date, graceDays: number): Notice[] {
  const fy = fiscalYearOf(now);
  const { start, end } = fiscalYearRange(fy);
  const daysToEnd = Math.ceil((end.getTime() - now.getTime()) / DAY);
  const daysSinceStart = Math.floor((now.getTime() - start.getTime()) / DAY);
  const next = fiscalYearLabel(fy + 1);
  const current = fiscalYearLabel(fy);
  const due: Notice[] = [];
  if (daysToEnd <= 60) {
    due.push({ kind: "renewal-60", fiscalYear: fy + 1, headline: `${next}の登録料のご案内`, message: `${next}（4月1日から）の登録料のお支払いをお願いします。お支払いいただくと、引き続き掲載されます。` });
  }
  if (daysToEnd <= 14) {
    due.push({ kind: "renewal-14", fiscalYear: fy + 1, headline: `${next}の登録料のお支払いをお願いします`, message: `まもなく${next}が始まります。登録料のお支払いがまだの場合は、お手続きをお願いします。` });
  }
  if (daysSinceStart >= 1 && daysSinceStart < graceDays) {
    due.push({ kind: "reminder-1", fiscalYear: fy, headline: `${current}の登録料が未納です`, message: `${current}の登録料のお支払いが確認できていません。4月1日から${graceDays}日を過ぎると掲載を停止します。` });
  }
  if (graceDays > 7 && daysSinceStart >= graceDays - 7 && daysSinceStart < graceDays) {
    due.push({ kind: "reminder-final", fiscalYear: fy, headline: `【最終のご案内】${current}の登録料`, message: `あと数日で掲載を停止します。${current}の登録料のお支払いをお願いします。` });
  }
  return due;
}

/** "2026-03" → "2026年3月" */
const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/** `signal`: the process is stopping; the cycle stops between facilities (each one is a transaction). */
export async function runFeeCycle(now = new Date(), signal?: AbortSignal) {
  const { graceDays, amountTotal } = feeConfig();
  let sent = 0;
  for (const notice of noticesDue(now, graceDays)) {
    const unpaid = await prisma.facility.findMany({
      where: {
        status: "PUBLISHED",
        feePeriods: { none: { fiscalYear: notice.fiscalYear, paidAt: { not: null } } },
        feeNotices: { none: { fiscalYear: notice.fiscalYear, kind: notice.kind } },
      },
      include: {
        operator: { include: { members: { include: { user: { select: { email: true } } } } } },
        profiles: { where: { stage: "DRAFT" }, select: { name: true } },
      },
    });
    for (const facility of unpaid) {
      if (signal?.aborted) return { sent, lapsed: 0 };
      // The first renewal notice of the year sums up what the listing brought.
      const year = notice.kind === "renewal-60" ? await facilityFigures(facility.id, { now }) : null;
      const figures = year
        ? { period: `${monthLabel(year.months[0]!.month)}〜${monthLabel(year.months.at(-1)!.month)}`, ...year.total }
        : undefined;
      await prisma.$transaction(async (tx) => {
        const claimed = await tx.$executeRaw`
          INSERT INTO "FeeNotice" ("facilityId", "fiscalYear", "kind") VALUES (${facility.id}, ${notice.fiscalYear}, ${notice.kind})
          ON CONFLICT DO NOTHING`;
        if (!claimed) return;
        for (const member of facility.operator.members) {
          await enqueueMail(tx, member.user.email, "fee-notice", {
            facilityName: facility.profiles[0]?.name ?? "",
            headline: notice.headline,
            message: notice.message,
            amountTotal: yen(amountTotal),
            url: `${getEnv().APP_URL}/facility/facilities/${facility.id}`,
            figures,
          });
        }
        sent++;
      });
    }
  }
  const lapsed = signal?.aborted ? 0 : await lapseUnpaidListings(now, signal);
  return { sent, lapsed };
}
