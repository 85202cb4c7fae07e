import type { ListingReportReason, ListingReportResolution } from "~/generated/prisma/client";
import { LISTING_REPORT_REASONS, LISTING_REPORT_RESOLUTIONS } from "~/schemas/listing-report";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { consumeAll, LIMITS } from "~/utils/rate-limit.server";
import { mailFacilityMembers } from "./notify.server";
import { publicFacility } from "./queries.server";

export const reasonLabel = (reason: string) => LISTING_REPORT_REASONS.find((r) => r.value === reason)?.label ?? reason;
export const resolutionLabel = (resolution: string | null) => LISTING_REPORT_RESOLUTIONS.find((r) => r.value === resolution)?.label ?? "";

type Submitted = { ok: true } | { ok: false; status: 404 | 429 };

/**
 * A report from anyone about a published listing (職業安定法の的確表示: listings are corrected on
 * request). Limited per address, per hour and per listing; every secretariat account is told by mail.
 */
export async function submitListingReport({ slug, ip, reason, details, contactEmail, now = new Date() }: { slug: string; ip: string; reason: ListingReportReason; details: string; contactEmail: string; now?: Date }): Promise<Submitted> {
  const listing = await publicFacility(slug);
  if (listing.state !== "published") return { ok: false, status: 404 };
  const facilityId = listing.facility.id;
  const limit = await consumeAll(
    [
      [`listing-reports:ip:${ip}`, LIMITS.listingReportsPerIpPerHour],
      [`listing-reports:ip:${ip}:${facilityId}`, LIMITS.listingReportsPerIpPerListing],
    ],
    now,
  );
  if (!limit.allowed) return { ok: false, status: 429 };
  await prisma.$transaction(async (tx) => {
    const report = await tx.listingReport.create({ data: { facilityId, reason, details, contactEmail, createdAt: now } });
    const office = await tx.user.findMany({ where: { role: "SECRETARIAT" }, select: { email: true } });
    for (const { email } of office) {
      await enqueueMail(tx, email, "listing-reported", {
        facilityName: listing.profile.name,
        reason: reasonLabel(reason),
        reportUrl: `${getEnv().APP_URL}/secretariat/listing-reports/${report.id}`,
      });
    }
  });
  return { ok: true };
}

/** The queue: open reports oldest first, then the last 50 resolved. */
export async function listingReportQueue() {
  const include = { facility: { select: { id: true, slug: true, status: true, profiles: { where: { stage: "DRAFT" as const }, select: { name: true } } } } };
  const [open, resolved] = await Promise.all([
    prisma.listingReport.findMany({ where: { resolvedAt: null }, orderBy: { createdAt: "asc" }, include }),
    prisma.listingReport.findMany({ where: { resolvedAt: { not: null } }, orderBy: { resolvedAt: "desc" }, take: 50, include }),
  ]);
  return { open, resolved };
}

export async function listingReport(id: string) {
  return prisma.listingReport.findUnique({
    where: { id },
    include: {
      facility: { select: { id: true, slug: true, status: true, profiles: { where: { stage: "DRAFT" }, select: { name: true } } } },
      notes: { orderBy: { createdAt: "asc" }, include: { author: { select: { displayName: true, email: true } } } },
      resolvedBy: { select: { displayName: true, email: true } },
    },
  });
}

export async function addReportNote({ reportId, authorId, body }: { reportId: string; authorId: string; body: string }) {
  if (!(await prisma.listingReport.count({ where: { id: reportId } }))) return false;
  await prisma.listingReportNote.create({ data: { reportId, authorId, body } });
  return true;
}

/**
 * Records how a report was dealt with, once. When it led to a change (the listing corrected or
 * revoked), the facility's members are told by mail, with the secretariat's words.
 */
export async function resolveListingReport({ reportId, actorId, resolution, resolutionNote, now = new Date() }: { reportId: string; actorId: string; resolution: ListingReportResolution; resolutionNote: string; now?: Date }): Promise<"ok" | "already" | "missing"> {
  return prisma.$transaction(async (tx) => {
    const report = await tx.listingReport.findUnique({ where: { id: reportId } });
    if (!report) return "missing";
    const { count } = await tx.listingReport.updateMany({ where: { id: reportId, resolvedAt: null }, data: { resolution, resolutionNote, resolvedAt: now, resolvedById: actorId } });
    if (!count) return "already";
    if (resolution !== "NO_CHANGE") {
      await mailFacilityMembers(tx, report.facilityId, {
        headline: "掲載内容についてのお知らせへの対応",
        message:
          resolution === "CORRECTED"
            ? `サイトの利用者から掲載内容についてお知らせ（${reasonLabel(report.reason)}）があり、掲載内容を修正しました。今後も内容を最新に保つようお願いします。`
            : `サイトの利用者から掲載内容についてお知らせ（${reasonLabel(report.reason)}）があり、確認の結果、掲載を取り消しました。`,
        comment: resolutionNote,
      });
    }
    return "ok";
  });
}
