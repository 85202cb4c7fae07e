import { ACTIVITIES } from "~/reference/activities";
import { DEPARTMENTS } from "~/reference/departments";
import { EMPLOYMENT_FORMS } from "~/reference/employment-forms";
import { prefectureByCode } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import { PROFILE_SECTION_TITLES, type SectionKey } from "~/schemas/facility-profile-options";

/** The profile's content fields, as stored (FacilityProfile minus ids and timestamps). */
export type ProfileContent = {
  name: string;
  nameKana: string;
  kind: "HOSPITAL" | "CLINIC" | null;
  bedCount: number | null;
  postalCode: string;
  prefectureCode: string | null;
  city: string;
  address: string;
  access: string;
  phone: string;
  website: string;
  departmentCodes: string[];
  stance: string;
  hopes: string;
  welcomedSpecialtyCodes: string[];
  supervisorAvailable: boolean | null;
  consultationSetup: string;
  consultationFrequency: string;
  learningTimeProtected: boolean | null;
  scheduleAdjustment: boolean | null;
  programSupport: boolean | null;
  learningSupport: string;
  employmentFormCodes: string[];
  employmentTerms: string;
  activityCodes: string[];
  contactName: string;
  contactTitle: string;
  contactEmail: string;
  contactPhone: string;
};

export const CONTENT_FIELDS = [
  "name", "nameKana", "kind", "bedCount", "postalCode", "prefectureCode", "city", "address", "access", "phone", "website", "departmentCodes",
  "stance", "hopes", "welcomedSpecialtyCodes", "supervisorAvailable", "consultationSetup", "consultationFrequency",
  "learningTimeProtected", "scheduleAdjustment", "programSupport", "learningSupport", "employmentFormCodes", "employmentTerms",
  "activityCodes", "contactName", "contactTitle", "contactEmail", "contactPhone",
] as const satisfies ReadonlyArray<keyof ProfileContent>;

export function pickContent(profile: ProfileContent): ProfileContent {
  return Object.fromEntries(CONTENT_FIELDS.map((f) => [f, profile[f]])) as ProfileContent;
}

/** The stored value of a field as a form would submit it (for re-validating saved sections). */
export function asFormValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return String(value);
  return value;
}

/** The section after this one in the profile's order, or null after the last. */
export function nextSection(key: SectionKey): SectionKey | null {
  const i = PROFILE_SECTION_TITLES.findIndex((s) => s.key === key);
  return PROFILE_SECTION_TITLES[i + 1]?.key ?? null;
}

const FIELD_LABEL: Record<(typeof CONTENT_FIELDS)[number], string> = {
  name: "医療機関名",
  nameKana: "ふりがな",
  kind: "種別",
  bedCount: "病床数",
  postalCode: "郵便番号",
  prefectureCode: "都道府県",
  city: "市区町村",
  address: "番地・建物名",
  access: "最寄り駅・アクセス",
  phone: "電話番号",
  website: "ウェブサイト",
  departmentCodes: "標榜診療科",
  stance: "受け入れと育成の方針",
  hopes: "求める医師像",
  welcomedSpecialtyCodes: "特に歓迎する専門領域",
  supervisorAvailable: "指導医",
  consultationSetup: "相談体制",
  consultationFrequency: "相談できる頻度",
  learningTimeProtected: "学習時間の確保",
  scheduleAdjustment: "研修参加時の勤務調整",
  programSupport: "総合医育成プログラムの受講支援",
  learningSupport: "学びの支援の説明",
  employmentFormCodes: "勤務形態",
  employmentTerms: "勤務条件の決め方",
  activityCodes: "実地研修で参加できる活動",
  contactName: "担当者名",
  contactTitle: "部署・役職",
  contactEmail: "担当者メールアドレス",
  contactPhone: "担当者電話番号",
};

const nameOf = (list: ReadonlyArray<{ code: string; name: string }>) => {
  const map = new Map(list.map((x) => [x.code, x.name]));
  return (codes: string[]) => codes.map((c) => map.get(c) ?? c).join("、");
};
const departmentNames = nameOf(DEPARTMENTS);
const specialtyNames = nameOf(SPECIALTIES);
const employmentNames = nameOf(EMPLOYMENT_FORMS);
const activityNames = nameOf(ACTIVITIES);

/** A field's value as a person reads it. */
export function displayValue(field: (typeof CONTENT_FIELDS)[number], profile: ProfileContent): string {
  const v = profile[field];
  switch (field) {
    case "kind":
      return v === "HOSPITAL" ? "病院" : v === "CLINIC" ? "診療所" : "";
    case "prefectureCode":
      return (v && prefectureByCode(v as string)?.name) || "";
    case "departmentCodes":
      return departmentNames(v as string[]);
    case "welcomedSpecialtyCodes":
      return specialtyNames(v as string[]);
    case "employmentFormCodes":
      return employmentNames(v as string[]);
    case "activityCodes":
      return activityNames(v as string[]);
    case "supervisorAvailable":
      return v === true ? "あり" : v === false ? "なし" : "";
    case "learningTimeProtected":
    case "scheduleAdjustment":
    case "programSupport":
      return v === true ? "あり" : v === false ? "なし" : "";
    case "bedCount":
      return v === null || v === undefined ? "" : `${v}床`;
    default:
      return String(v ?? "");
  }
}

export type DiffRow = { field: string; label: string; before: string; after: string; changed: boolean };

/** Side-by-side comparison of the approved content and the proposed revision. */
export function profileDiff(approved: ProfileContent | null, draft: ProfileContent): DiffRow[] {
  return CONTENT_FIELDS.map((field) => {
    const before = approved ? displayValue(field, approved) : "";
    const after = displayValue(field, draft);
    return { field, label: FIELD_LABEL[field], before, after, changed: before !== after };
  });
}

export { FIELD_LABEL };

/** Stored content as the section forms submit it (booleans as "on"/"yes"/"no", numbers as text). */
export function toFormValues(profile: ProfileContent): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const field of CONTENT_FIELDS) {
    const v = profile[field];
    if (v === null || v === undefined) continue;
    if (field === "supervisorAvailable") values[field] = v ? "yes" : "no";
    else if (typeof v === "boolean") {
      if (v) values[field] = "on";
    } else if (typeof v === "number") values[field] = String(v);
    else values[field] = v as string | string[];
  }
  return values;
}

/** Where a facility is, in words: 「北海道名寄市」. */
export function placeOf(p: Pick<ProfileContent, "prefectureCode" | "city">) {
  return `${(p.prefectureCode && prefectureByCode(p.prefectureCode)?.name) || ""}${p.city ?? ""}`;
}
