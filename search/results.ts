import { DEPARTMENTS } from "../app/reference/departments";
import { prefectureByCode } from "../app/reference/prefectures";

/** What a search answers, whichever engine answered it. */
export type SearchHit = {
  slug: string;
  name: string;
  nameKana: string;
  kind: string;
  bedCount: number | null;
  prefectureCode: string;
  prefectureName: string;
  city: string;
  departments: string[];
  departmentCodes: string[];
  employmentFormCodes: string[];
  supervisorAvailable: boolean;
  learningTimeProtected: boolean;
  scheduleAdjustment: boolean;
  programSupport: boolean;
  activityCount: number;
  contentApprovedAt: string | null;
  summary: string;
  photo: CardPhoto | null;
};

export type CardPhoto = { key: string; widths: number[]; width: number; height: number; alt: string };

export type FacetCounts = Record<"prefecture" | "region" | "department" | "kind" | "employment" | "activity" | "supervision" | "learning", Record<string, number>>;

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
  facets: FacetCounts;
  /** Who answered: Meilisearch, the site's table of codes (searches without words), or the fallback during an outage. */
  engine: "meilisearch" | "site" | "fallback";
};

const departmentName = new Map(DEPARTMENTS.map((d) => [d.code, d.name]));

export function toHit(d: {
  slug: string;
  name: string;
  nameKana: string;
  kind: string | null;
  bedCount: number | null;
  prefectureCode: string | null;
  city: string;
  departmentCodes: string[];
  employmentFormCodes: string[];
  supervisorAvailable: boolean | null;
  learningTimeProtected: boolean | null;
  scheduleAdjustment: boolean | null;
  programSupport: boolean | null;
  activityCodes: string[];
  contentApprovedAt: number | Date | null;
  stance: string;
  photo?: CardPhoto | null;
}): SearchHit {
  const approved = d.contentApprovedAt ? new Date(d.contentApprovedAt) : null;
  return {
    slug: d.slug,
    name: d.name,
    nameKana: d.nameKana,
    kind: d.kind ?? "",
    bedCount: d.bedCount,
    prefectureCode: d.prefectureCode ?? "",
    prefectureName: (d.prefectureCode && prefectureByCode(d.prefectureCode)?.name) || "",
    city: d.city,
    departments: d.departmentCodes.map((c) => departmentName.get(c) ?? c),
    departmentCodes: d.departmentCodes,
    employmentFormCodes: d.employmentFormCodes,
    supervisorAvailable: d.supervisorAvailable === true,
    learningTimeProtected: d.learningTimeProtected === true,
    scheduleAdjustment: d.scheduleAdjustment === true,
    programSupport: d.programSupport === true,
    activityCount: d.activityCodes.length,
    contentApprovedAt: approved && approved.getTime() > 0 ? approved.toISOString() : null,
    summary: d.stance.length > 90 ? `${d.stance.slice(0, 90)}…` : d.stance,
    photo: d.photo ?? null,
  };
}

export function emptyFacets(): FacetCounts {
  return { prefecture: {}, region: {}, department: {}, kind: {}, employment: {}, activity: {}, supervision: {}, learning: {} };
}
