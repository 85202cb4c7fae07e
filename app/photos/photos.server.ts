import type { Prisma } from "~/generated/prisma/client";
import { canEditDraft } from "~/facilities/lifecycle";
import { prisma } from "~/utils/db.server";
import { PHOTO_LIMITS, PHOTO_REFUSAL_MESSAGE, processPhoto } from "./process.server";
import { photoStorage } from "./storage.server";

type Tx = Prisma.TransactionClient;
type Stage = "DRAFT" | "APPROVED";

export const ALT_MAX = 120;
export const CAPTION_MAX = 200;

/** A photo as pages show it: its files' URLs by width, with its alt text and caption. */
export type PhotoView = { id: string; key: string; width: number; height: number; widths: number[]; alt: string; caption: string };

export async function photosOf(facilityId: string, stage: Stage, db: Tx | typeof prisma = prisma): Promise<PhotoView[]> {
  const rows = await db.facilityPhoto.findMany({ where: { facilityId, stage }, orderBy: { position: "asc" } });
  return rows.map((r) => ({ id: r.id, key: r.storageKey, width: r.width, height: r.height, widths: r.widths, alt: r.alt, caption: r.caption }));
}

/** A comparable summary of a set of photos: what a revision changes. */
export function photoSetSignature(photos: Array<Pick<PhotoView, "key" | "alt" | "caption">>) {
  return JSON.stringify(photos.map((p) => [p.key, p.alt, p.caption]));
}

/** For the review's comparison: the photos as a line of text. */
export function describePhotos(photos: Array<Pick<PhotoView, "alt">>) {
  return photos.length ? `${photos.length}枚：${photos.map((p) => p.alt).join("／")}` : "";
}

type Outcome = { ok: true } | { ok: false; error: string; status: number };
const locked: Outcome = { ok: false, error: "事務局が確認中のため、今は写真を変更できません。", status: 409 };

async function editable(tx: Tx, facilityId: string) {
  const facility = await tx.facility.findUniqueOrThrow({ where: { id: facilityId } });
  return canEditDraft(facility.status, facility.revisionStatus);
}

/**
 * Adds a photo to the facility's draft set: processed and stored first (outside the transaction,
 * so it stays short), then recorded if the facility may still edit and has room. A file stored
 * for a refused upload is harmless: the same bytes get the same key next time.
 */
export async function addPhoto({ facilityId, bytes, alt, caption }: { facilityId: string; bytes: Uint8Array; alt: string; caption: string }): Promise<Outcome> {
  const count = await prisma.facilityPhoto.count({ where: { facilityId, stage: "DRAFT" } });
  if (count >= PHOTO_LIMITS.perFacility) return { ok: false, error: `写真は${PHOTO_LIMITS.perFacility}枚までです。追加するには、先にどれかを削除してください。`, status: 400 };
  const processed = await processPhoto(bytes);
  if (!processed.ok) return { ok: false, error: PHOTO_REFUSAL_MESSAGE[processed.reason], status: 400 };
  const { photo } = processed;
  const storage = photoStorage();
  for (const file of photo.files) await storage.put(file.name, file.body, file.contentType);
  return prisma.$transaction(async (tx) => {
    if (!(await editable(tx, facilityId))) return locked;
    // Serialise additions to one facility's set, so two uploads at once cannot make a ninth.
    await tx.$queryRaw`SELECT id FROM "Facility" WHERE id = ${facilityId} FOR UPDATE`;
    const rows = await tx.facilityPhoto.findMany({ where: { facilityId, stage: "DRAFT" }, select: { position: true } });
    if (rows.length >= PHOTO_LIMITS.perFacility) return { ok: false as const, error: `写真は${PHOTO_LIMITS.perFacility}枚までです。`, status: 400 };
    const position = rows.reduce((max, r) => Math.max(max, r.position + 1), 0);
    await tx.facilityPhoto.create({
      data: { facilityId, stage: "DRAFT", position, storageKey: photo.key, width: photo.width, height: photo.height, widths: photo.widths, alt, caption },
    });
    return { ok: true as const };
  });
}

export async function updatePhotoText({ facilityId, photoId, alt, caption }: { facilityId: string; photoId: string; alt: string; caption: string }): Promise<Outcome> {
  return prisma.$transaction(async (tx) => {
    if (!(await editable(tx, facilityId))) return locked;
    const { count } = await tx.facilityPhoto.updateMany({ where: { id: photoId, facilityId, stage: "DRAFT" }, data: { alt, caption } });
    return count ? { ok: true as const } : { ok: false as const, error: "写真が見つかりません。", status: 404 };
  });
}

export async function removePhoto({ facilityId, photoId }: { facilityId: string; photoId: string }): Promise<Outcome> {
  return prisma.$transaction(async (tx) => {
    if (!(await editable(tx, facilityId))) return locked;
    const { count } = await tx.facilityPhoto.deleteMany({ where: { id: photoId, facilityId, stage: "DRAFT" } });
    return count ? { ok: true as const } : { ok: false as const, error: "写真が見つかりません。", status: 404 };
  });
}

/** Moves a photo one place up or down in the draft set (the first is the one on search cards). */
export async function movePhoto({ facilityId, photoId, direction }: { facilityId: string; photoId: string; direction: "up" | "down" }): Promise<Outcome> {
  return prisma.$transaction(async (tx) => {
    if (!(await editable(tx, facilityId))) return locked;
    const rows = await tx.facilityPhoto.findMany({ where: { facilityId, stage: "DRAFT" }, orderBy: { position: "asc" } });
    const i = rows.findIndex((r) => r.id === photoId);
    if (i < 0) return { ok: false as const, error: "写真が見つかりません。", status: 404 };
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= rows.length) return { ok: true as const };
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    for (const [position, row] of rows.entries()) await tx.facilityPhoto.update({ where: { id: row.id }, data: { position } });
    return { ok: true as const };
  });
}

/** On approval: the public set becomes the draft set (rows are copied; files are shared). */
export async function copyDraftPhotosToApproved(tx: Tx, facilityId: string) {
  const draft = await tx.facilityPhoto.findMany({ where: { facilityId, stage: "DRAFT" }, orderBy: { position: "asc" } });
  await tx.facilityPhoto.deleteMany({ where: { facilityId, stage: "APPROVED" } });
  if (draft.length) {
    await tx.facilityPhoto.createMany({
      data: draft.map(({ id: _id, createdAt: _c, ...row }) => ({ ...row, stage: "APPROVED" as const })),
    });
  }
}

/** Whether the draft set differs from the approved one (a photo change is a revision). */
export async function photosChanged(tx: Tx, facilityId: string) {
  const [draft, approved] = await Promise.all([photosOf(facilityId, "DRAFT", tx), photosOf(facilityId, "APPROVED", tx)]);
  return photoSetSignature(draft) !== photoSetSignature(approved);
}

/**
 * Who may fetch a photo file: anyone, when it is in the approved set of a published listing
 * (then it may be cached for a year); otherwise only the facility's members and the secretariat.
 */
export async function photoAudience(key: string, user: { id: string; role: string } | null): Promise<"public" | "private" | null> {
  const rows = await prisma.facilityPhoto.findMany({
    where: { storageKey: key },
    select: { stage: true, facility: { select: { status: true, operator: { select: { members: { select: { userId: true } } } } } } },
  });
  if (rows.some((r) => r.stage === "APPROVED" && r.facility.status === "PUBLISHED")) return "public";
  if (!user) return null;
  if (user.role === "SECRETARIAT" && rows.length) return "private";
  if (rows.some((r) => r.facility.operator.members.some((m) => m.userId === user.id))) return "private";
  return null;
}
