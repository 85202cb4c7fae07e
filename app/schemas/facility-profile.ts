import { z } from "zod";
import { CONSULTATION_FREQUENCIES, FACILITY_KINDS, PROFILE_SECTION_TITLES, type SectionKey } from "./facility-profile-options";
import { checkbox, codes, digitsAndDashes, normalized, reading, text, yesNo } from "./fields";
import { ACTIVITIES } from "~/reference/activities";
import { DEPARTMENTS } from "~/reference/departments";
import { EMPLOYMENT_FORMS } from "~/reference/employment-forms";
import { PREFECTURES } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";

export { CONSULTATION_FREQUENCIES, FACILITY_KINDS, PROFILE_SECTION_TITLES };

/**
 * The facility profile, one zod schema per section. Each section saves on its own, so a
 * person can fill the profile over several visits; a facility can be submitted when every
 * section parses. The same schemas run in the browser (react-hook-form) and in the actions.
 */


export const basicSchema = z
  .object({
    name: text("医療機関名", { min: 1, max: 100 }),
    nameKana: reading("医療機関名（ふりがな）", 200),
    kind: z.enum(["HOSPITAL", "CLINIC"], { message: "病院か診療所かを選んでください" }),
    bedCount: z.preprocess(
      (v) => (v === "" || v === undefined || v === null ? undefined : Number(normalized(v))),
      z
        .number({ message: "病床数は数字で入力してください" })
        .int("病床数は整数で入力してください")
        .min(0, "病床数は0以上で入力してください")
        .max(3000, "病床数が大きすぎます。ご確認ください")
        .optional(),
    ),
    postalCode: z.preprocess(
      digitsAndDashes,
      z
        .string({ message: "郵便番号を入力してください" })
        .regex(/^\d{3}-?\d{4}$/, "郵便番号は7桁の数字で入力してください（例: 101-0061）")
        .transform((v) => `${v.replace("-", "").slice(0, 3)}-${v.replace("-", "").slice(3)}`),
    ),
    prefectureCode: z.enum(PREFECTURES.map((p) => p.code) as [string, ...string[]], { message: "都道府県を選んでください" }),
    city: text("市区町村", { min: 1, max: 50 }),
    address: text("番地・建物名", { min: 1, max: 100 }),
    access: text("最寄り駅・アクセス", { max: 200 }),
    phone: z.preprocess(
      digitsAndDashes,
      z.string({ message: "電話番号を入力してください" }).regex(/^0\d{1,4}-?\d{1,4}-?\d{3,4}$/, "電話番号の形式が正しくありません（例: 03-5283-7441）"),
    ),
    website: z.preprocess(
      normalized,
      z
        .string()
        .max(300, "URLは300文字以内で入力してください")
        .refine((v) => v === "" || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v), "URLは http:// または https:// から入力してください")
        .default(""),
    ),
    departmentCodes: codes(
      DEPARTMENTS.map((d) => d.code),
      { min: 1, message: "標榜診療科を1つ以上選んでください" },
    ),
  })
  .refine((v) => v.kind !== "HOSPITAL" || (v.bedCount !== undefined && v.bedCount >= 20), {
    path: ["bedCount"],
    message: "病院は病床数（20床以上）を入力してください",
    when: (p) => (p.value as { kind?: unknown }).kind === "HOSPITAL",
  })
  .refine((v) => v.kind !== "CLINIC" || v.bedCount === undefined || v.bedCount <= 19, {
    path: ["bedCount"],
    message: "診療所の病床数は19床以下です。20床以上の場合は「病院」を選んでください",
    when: (p) => (p.value as { kind?: unknown }).kind === "CLINIC",
  });

export const stanceSchema = z.object({
  stance: text("受け入れと育成の方針", { min: 20, max: 2000 }),
  hopes: text("求める医師像", { max: 1000 }),
  welcomedSpecialtyCodes: codes(
    SPECIALTIES.map((s) => s.code),
    { message: "" },
  ),
});


export const supervisionSchema = z.object({
  supervisorAvailable: yesNo("指導医の有無を選んでください"),
  consultationSetup: text("相談体制の説明", { min: 1, max: 1000 }),
  consultationFrequency: z.enum(CONSULTATION_FREQUENCIES, { message: "相談できる頻度を選んでください" }),
});

export const learningSchema = z.object({
  learningTimeProtected: checkbox,
  scheduleAdjustment: checkbox,
  programSupport: checkbox,
  learningSupport: text("学びの支援の説明", { min: 1, max: 1000 }),
});

export const employmentSchema = z.object({
  employmentFormCodes: codes(
    EMPLOYMENT_FORMS.map((f) => f.code),
    { min: 1, message: "可能な勤務形態を1つ以上選んでください" },
  ),
  employmentTerms: text("勤務条件の決め方", { min: 1, max: 1000 }),
});

export const activitiesSchema = z.object({
  activityCodes: codes(
    ACTIVITIES.map((a) => a.code),
    { message: "" },
  ),
});

export const contactSchema = z.object({
  contactName: text("担当者名", { min: 1, max: 50 }),
  contactTitle: text("部署・役職", { max: 50 }),
  contactEmail: z.preprocess(
    normalized,
    z.string({ message: "担当者のメールアドレスを入力してください" }).min(1, "担当者のメールアドレスを入力してください").pipe(z.email("メールアドレスの形式が正しくありません")),
  ),
  contactPhone: z.preprocess(
    digitsAndDashes,
    z.string({ message: "担当者の電話番号を入力してください" }).regex(/^0\d{1,4}-?\d{1,4}-?\d{3,4}$/, "電話番号の形式が正しくありません（例: 03-5283-7441）"),
  ),
});

const SCHEMAS = {
  basic: basicSchema,
  stance: stanceSchema,
  supervision: supervisionSchema,
  learning: learningSchema,
  employment: employmentSchema,
  activities: activitiesSchema,
  contact: contactSchema,
} as const;

/** Each section of the profile with its schema (for the actions; pages use PROFILE_SECTION_TITLES). */
export const PROFILE_SECTIONS = PROFILE_SECTION_TITLES.map((s) => ({ ...s, schema: SCHEMAS[s.key] }));

export type { SectionKey };

export function sectionByKey(key: string) {
  return PROFILE_SECTIONS.find((s) => s.key === key);
}
