import { prisma } from "~/utils/db.server";

/** What the programme aims for when too few reviews have been decided to say from experience. */
export const REVIEW_TARGET_DAYS = 5;
const ENOUGH_DECISIONS = 5;

/**
 * How long a review typically takes: the median, over the last 50 decisions on applications, of
 * the days from submission to the secretariat's decision, rounded up; the programme's target
 * until there are enough decisions to say. Shown to a facility when it applies.
 */
export async function typicalReviewDays(): Promise<{ days: number; fromExperience: boolean }> {
  const rows = await prisma.$queryRaw<Array<{ days: number }>>`
    SELECT EXTRACT(EPOCH FROM (d."createdAt" - s."createdAt")) / 86400.0 AS days
    FROM "ReviewEvent" d
    JOIN LATERAL (
      SELECT "createdAt" FROM "ReviewEvent" s
      WHERE s."facilityId" = d."facilityId" AND s.action = 'SUBMITTED' AND s."createdAt" <= d."createdAt"
      ORDER BY s."createdAt" DESC LIMIT 1
    ) s ON true
    WHERE d.action IN ('APPROVED', 'RETURNED', 'REJECTED')
    ORDER BY d."createdAt" DESC
    LIMIT 50`;
  if (rows.length < ENOUGH_DECISIONS) return { days: REVIEW_TARGET_DAYS, fromExperience: false };
  const sorted = rows.map((r) => Number(r.days)).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { days: Math.max(1, Math.ceil(median)), fromExperience: true };
}

export function reviewTimeText({ days, fromExperience }: { days: number; fromExperience: boolean }) {
  return fromExperience ? `最近の審査は、申請から通常${days}日ほどで結果が出ています。` : `審査には通常${days}営業日ほどかかります。`;
}
