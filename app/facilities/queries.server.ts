import type { FacilityStatus, Prisma } from "~/generated/prisma/client";
import { PREFECTURES, REGIONS } from "~/reference/prefectures";
import { prisma } from "~/utils/db.server";
import type { QueueState } from "./decisions";

/** Read models for the secretariat's workspace, the coverage dashboard and public pages. */


/** Applications and pending revisions, oldest first, with counts per state and prefecture. */
export async function reviewQueue({ prefectureCode, state }: { prefectureCode?: string; state?: QueueState }) {
  const byState: Record<QueueState, Prisma.FacilityWhereInput> = {
    SUBMITTED: { status: "SUBMITTED" },
    REVISION: { revisionStatus: "PENDING" },
  };
  const inQueue: Prisma.FacilityWhereInput = { OR: [byState.SUBMITTED, byState.REVISION] };
  const where: Prisma.FacilityWhereInput = {
    AND: [
      state ? byState[state] : inQueue,
      prefectureCode ? { profiles: { some: { stage: "DRAFT", prefectureCode } } } : {},
    ],
  };
  const rows = await prisma.facility.findMany({
    where,
    include: { profiles: { where: { stage: "DRAFT" }, select: { name: true, prefectureCode: true, kind: true } }, operator: { select: { name: true } } },
  });
  const items = rows
    .map((f) => {
      const isRevision = f.revisionStatus === "PENDING";
      const since = (isRevision ? f.revisionSubmittedAt : f.submittedAt) ?? f.updatedAt;
      return {
        id: f.id,
        name: f.profiles[0]?.name ?? "",
        prefectureCode: f.profiles[0]?.prefectureCode ?? null,
        operatorName: f.operator.name,
        kind: (isRevision ? "REVISION" : "SUBMITTED") as QueueState,
        since,
      };
    })
    .sort((a, b) => a.since.getTime() - b.since.getTime());
  const all = await prisma.facility.findMany({
    where: inQueue,
    select: { status: true, revisionStatus: true, profiles: { where: { stage: "DRAFT" }, select: { prefectureCode: true } } },
  });
  const counts = {
    SUBMITTED: all.filter((f) => f.status === "SUBMITTED").length,
    REVISION: all.filter((f) => f.revisionStatus === "PENDING").length,
    byPrefecture: all.reduce<Record<string, number>>((acc, f) => {
      const code = f.profiles[0]?.prefectureCode ?? "";
      acc[code] = (acc[code] ?? 0) + 1;
      return acc;
    }, {}),
  };
  return { items, counts };
}

const IN_REVIEW: FacilityStatus[] = ["SUBMITTED", "RETURNED", "APPROVED"];

/**
 * Coverage against the goal of at least one listing in every prefecture. A published listing
 * counts where its approved content says; applications and drafts where their draft says.
 */
export async function coverage() {
  const facilities = await prisma.facility.findMany({
    select: { status: true, profiles: { select: { stage: true, prefectureCode: true } } },
  });
  const rows = new Map(PREFECTURES.map((p) => [p.code, { published: 0, inReview: 0, drafts: 0 }]));
  let unassigned = 0;
  for (const f of facilities) {
    const stage = f.status === "PUBLISHED" ? "APPROVED" : "DRAFT";
    const code = f.profiles.find((p) => p.stage === stage)?.prefectureCode;
    const row = code ? rows.get(code) : undefined;
    if (!row) {
      if (f.status === "DRAFT") unassigned++;
      continue;
    }
    if (f.status === "PUBLISHED") row.published++;
    else if (IN_REVIEW.includes(f.status)) row.inReview++;
    else if (f.status === "DRAFT") row.drafts++;
  }
  const prefectures = PREFECTURES.map((p) => ({ code: p.code, name: p.name, regionCode: p.regionCode, ...rows.get(p.code)! }));
  return {
    prefectures,
    regions: REGIONS,
    covered: prefectures.filter((p) => p.published > 0).length,
    empty: prefectures.filter((p) => p.published === 0).map((p) => p.name),
    totals: {
      published: prefectures.reduce((n, p) => n + p.published, 0),
      inReview: prefectures.reduce((n, p) => n + p.inReview, 0),
      drafts: prefectures.reduce((n, p) => n + p.drafts, 0) + unassigned,
    },
    unassignedDrafts: unassigned,
  };
}

/** The public page: approved content of a published listing; null for anything else. */
export async function publicFacility(slug: string) {
  const facility = await prisma.facility.findUnique({
    where: { slug },
    include: { profiles: { where: { stage: "APPROVED" } } },
  });
  if (!facility) return { state: "missing" as const };
  if (facility.status !== "PUBLISHED" || !facility.profiles[0]) {
    // Once listed and now withdrawn: say so plainly rather than a bare 404.
    if (!["REVOKED", "LAPSED"].includes(facility.status)) return { state: "missing" as const };
    return { state: "ended" as const, name: facility.profiles[0]?.name };
  }
  return { state: "published" as const, facility, profile: facility.profiles[0] };
}

/**
 * Published listings per prefecture (the public coverage map on / and /search). Counting them
 * reads every published listing; the answer changes only when a listing does, and every change
 * to a listing bumps Facility.updatedAt (the search fallback relies on the same). So the counts
 * are kept, keyed to the newest updatedAt (one index lookup per request), and are exact in every
 * process without any invalidation message.
 */
let countsCache: { key: string; counts: Record<string, number> } | null = null;

export async function publishedCountsByPrefecture() {
  const [latest] = await prisma.$queryRaw<Array<{ key: string | null }>>`SELECT max("updatedAt")::text AS key FROM "Facility"`;
  const key = latest?.key ?? "";
  if (countsCache?.key === key) return countsCache.counts;
  const rows = await prisma.facilityProfile.groupBy({
    by: ["prefectureCode"],
    where: { stage: "APPROVED", facility: { status: "PUBLISHED" } },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(rows.filter((r) => r.prefectureCode).map((r) => [r.prefectureCode!, r._count._all])) as Record<string, number>;
  countsCache = { key, counts };
  return counts;
}
