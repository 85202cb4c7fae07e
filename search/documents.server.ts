import type { Facility, FacilityProfile } from "../app/generated/prisma/client";
import { prefectureByCode } from "../app/reference/prefectures";
import { prisma } from "../app/utils/db.server";
import { facetCodesOf, SEARCH_DOCUMENT_VERSION, searchTextOf, type SearchText } from "./definition";
import type { CardPhoto } from "./results";

/**
 * The search document of a listing, built only from its approved content. A listing that is
 * not published has no document. The displayed fields are kept exactly as the facility wrote
 * them; `text` holds the folded copies that are searched (search/definition.ts).
 */
export type FacilityDocument = {
  id: string;
  /** SEARCH_DOCUMENT_VERSION: an index holding another version is rebuilt. */
  v: number;
  text: SearchText;
  slug: string;
  name: string;
  nameKana: string;
  kind: string;
  bedCount: number | null;
  prefectureCode: string;
  regionCode: string;
  city: string;
  departmentCodes: string[];
  employmentFormCodes: string[];
  supervisorAvailable: boolean;
  consultationFrequency: string;
  learningTimeProtected: boolean;
  scheduleAdjustment: boolean;
  programSupport: boolean;
  activityCodes: string[];
  /** The first 100 characters of the stance, for the summary on a result card. */
  stance: string;
  contentApprovedAt: number;
  publishedAt: number;
  /** The first approved photo, for the result card (its files are public once published). */
  photo: CardPhoto | null;
  /** Every filter value as one code ("p:13", "d:naika"…): what searches filter and count by (definition.ts). */
  facetCodes: string[];
};

type WithPhotos = { photos?: Array<{ storageKey: string; widths: number[]; width: number; height: number; alt: string }> };

export function toDocument(facility: Pick<Facility, "id" | "slug" | "contentApprovedAt" | "publishedAt"> & WithPhotos, p: FacilityProfile): FacilityDocument {
  const first = facility.photos?.[0];
  const prefecture = p.prefectureCode ? prefectureByCode(p.prefectureCode) : undefined;
  const description = [p.consultationSetup, p.learningSupport, p.employmentTerms].filter(Boolean).join("\n");
  return {
    id: facility.id,
    v: SEARCH_DOCUMENT_VERSION,
    text: searchTextOf({ ...p, description }),
    slug: facility.slug,
    name: p.name,
    nameKana: p.nameKana,
    kind: p.kind ?? "",
    bedCount: p.bedCount,
    prefectureCode: p.prefectureCode ?? "",
    regionCode: prefecture?.regionCode ?? "",
    city: p.city,
    departmentCodes: p.departmentCodes,
    employmentFormCodes: p.employmentFormCodes,
    supervisorAvailable: p.supervisorAvailable === true,
    consultationFrequency: p.consultationFrequency,
    learningTimeProtected: p.learningTimeProtected === true,
    scheduleAdjustment: p.scheduleAdjustment === true,
    programSupport: p.programSupport === true,
    activityCodes: p.activityCodes,
    stance: p.stance.slice(0, 100), // for the summary on a result card; the whole text is in `text`
    contentApprovedAt: facility.contentApprovedAt?.getTime() ?? 0,
    publishedAt: facility.publishedAt?.getTime() ?? 0,
    photo: first ? { key: first.storageKey, widths: first.widths, width: first.width, height: first.height, alt: first.alt } : null,
    facetCodes: facetCodesOf(p),
  };
}

const FIRST_PHOTO = { where: { stage: "APPROVED" as const }, orderBy: { position: "asc" as const }, take: 1 };

/** Documents for the given listings that are published; the others are to be deleted. */
export async function documentsFor(facilityIds: string[]) {
  const facilities = await prisma.facility.findMany({
    where: { id: { in: facilityIds }, status: "PUBLISHED" },
    include: { profiles: { where: { stage: "APPROVED" } }, photos: FIRST_PHOTO },
  });
  const documents = facilities.filter((f) => f.profiles[0]).map((f) => toDocument(f, f.profiles[0]!));
  const present = new Set(documents.map((d) => d.id));
  return { documents, deleteIds: facilityIds.filter((id) => !present.has(id)) };
}

/** Every published listing, in pages (for the rebuild). */
export async function* allDocuments(batchSize = 5000) {
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.facility.findMany({
      where: { status: "PUBLISHED" },
      include: { profiles: { where: { stage: "APPROVED" } }, photos: FIRST_PHOTO },
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (batch.length === 0) return;
    yield batch.filter((f) => f.profiles[0]).map((f) => toDocument(f, f.profiles[0]!));
    cursor = batch[batch.length - 1]!.id;
  }
}
