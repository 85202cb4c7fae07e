import { randomBytes } from "node:crypto";
import { prefectureByCode } from "~/reference/prefectures";
import { type SectionKey, sectionByKey } from "~/schemas/facility-profile";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { canEditDraft, canSubmitRevision, nextRevisionStatus, nextStatus } from "./lifecycle";
import { pickContent, type ProfileContent } from "./profile";
import { sectionCompletion } from "./section-progress.server";
import { photosChanged } from "~/photos/photos.server";

const SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i

/** A short random slug: stable, unguessable enough, and free of names that may change. */
export function newSlug() {
  const bytes = randomBytes(8);
  return Array.from(bytes, (b) => SLUG_ALPHABET[b % SLUG_ALPHABET.length]).join("");
}

export async function createFacility({ operatorId, actorId, name }: { operatorId: string; actorId: string; name: string }) {
  return prisma.$transaction(async (tx) => {
    const facility = await tx.facility.create({
      data: { operatorId, slug: newSlug(), profiles: { create: { stage: "DRAFT", name } } },
    });
    await tx.reviewEvent.create({ data: { facilityId: facility.id, actorId, action: "CREATED", toStatus: "DRAFT" } });
    return facility;
  });
}

export async function draftProfile(facilityId: string) {
  return prisma.facilityProfile.findUniqueOrThrow({ where: { facilityId_stage: { facilityId, stage: "DRAFT" } } });
}

export type SaveResult = "saved" | "locked";

/** Saves one section of the working draft (already validated by the section's schema). */
export async function saveSection(facilityId: string, section: SectionKey, data: Record<string, unknown>): Promise<SaveResult> {
  const definition = sectionByKey(section);
  if (!definition) throw new Error(`Unknown section ${section}`);
  const fields = Object.keys(definition.schema.shape);
  const values = Object.fromEntries(fields.map((f) => [f, data[f] === undefined ? null : data[f]]));
  return prisma.$transaction(async (tx) => {
    const facility = await tx.facility.findUniqueOrThrow({ where: { id: facilityId } });
    if (!canEditDraft(facility.status, facility.revisionStatus)) return "locked";
    const draft = await tx.facilityProfile.findUniqueOrThrow({ where: { facilityId_stage: { facilityId, stage: "DRAFT" } }, select: { savedSections: true } });
    const savedSections = draft.savedSections.includes(section) ? draft.savedSections : [...draft.savedSections, section];
    await tx.facilityProfile.update({ where: { facilityId_stage: { facilityId, stage: "DRAFT" } }, data: { ...values, savedSections } });
    return "saved";
  });
}

export type SubmitResult = "submitted" | "revision-submitted" | "incomplete" | "unchanged" | "not-allowed";

/**
 * Sends the draft to the secretariat: a first application (or a resubmission after a return),
 * or, for approved content, a revision. The secretariat is told by mail.
 */
export async function submitForReview({ facilityId, actorId }: { facilityId: string; actorId: string }): Promise<SubmitResult> {
  const result = await prisma.$transaction(async (tx) => {
    const facility = await tx.facility.findUniqueOrThrow({ where: { id: facilityId }, include: { profiles: true } });
    const draft = facility.profiles.find((p) => p.stage === "DRAFT")!;
    const approved = facility.profiles.find((p) => p.stage === "APPROVED");
    const complete = Object.values(sectionCompletion(draft as ProfileContent, draft.savedSections)).every(Boolean);
    if (!complete) return { outcome: "incomplete" as const };
    const now = new Date();
    if (facility.status === "DRAFT" || facility.status === "RETURNED") {
      const to = nextStatus(facility.status, "submit", "member");
      await tx.facility.update({ where: { id: facilityId }, data: { status: to, submittedAt: now, version: { increment: 1 } } });
      await tx.reviewEvent.create({ data: { facilityId, actorId, action: "SUBMITTED", fromStatus: facility.status, toStatus: to } });
      await notifySecretariat(tx, facilityId, draft, "application");
      return { outcome: "submitted" as const };
    }
    if (canSubmitRevision(facility.status, facility.revisionStatus)) {
      const sameText = approved && JSON.stringify(pickContent(approved as ProfileContent)) === JSON.stringify(pickContent(draft as ProfileContent));
      if (sameText && !(await photosChanged(tx, facilityId))) {
        return { outcome: "unchanged" as const };
      }
      const to = nextRevisionStatus(facility.status, facility.revisionStatus, "submitRevision", "member");
      await tx.facility.update({ where: { id: facilityId }, data: { revisionStatus: to, revisionSubmittedAt: now, version: { increment: 1 } } });
      await tx.reviewEvent.create({ data: { facilityId, actorId, action: "REVISION_SUBMITTED", fromStatus: facility.status, toStatus: facility.status } });
      await notifySecretariat(tx, facilityId, draft, "revision");
      return { outcome: "revision-submitted" as const };
    }
    return { outcome: "not-allowed" as const };
  });
  return result.outcome;
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** Tells every secretariat account, in the transaction of the submission. */
async function notifySecretariat(tx: Tx, facilityId: string, draft: { name: string; prefectureCode: string | null }, kind: "application" | "revision") {
  const staff = await tx.user.findMany({ where: { role: "SECRETARIAT" }, select: { email: true } });
  for (const { email } of staff) {
    await enqueueMail(tx, email, "review-requested", {
      facilityName: draft.name,
      prefectureName: (draft.prefectureCode && prefectureByCode(draft.prefectureCode)?.name) || "都道府県未設定",
      kind,
      url: `${getEnv().APP_URL}/secretariat/facilities/${facilityId}`,
    });
  }
}
