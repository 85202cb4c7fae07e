import { z } from "zod";
import { PREFECTURES } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import { checkbox, codes, digitsAndDashes, reading, text } from "./fields";

/** The physicians' side: one schema per form, shared by the browser and the actions. */

import { LOOKING_FOR, MESSAGE_MAX, THREAD_TOPICS, WORKPLACE_TYPES } from "./physician-options";

export { LOOKING_FOR, MESSAGE_MAX, THREAD_TOPICS, WORKPLACE_TYPES };
const CURRENT_YEAR = new Date().getFullYear();

export const physicianProfileSchema = z.object({
  name: text("氏名", { min: 1, max: 50 }),
  nameKana: reading("氏名のふりがな", 50),
  workplaceType: z.enum(["UNIVERSITY_HOSPITAL", "LARGE_HOSPITAL", "OTHER"], { message: "現在の勤務先の種類を選んでください" }),
  prefectureCode: z.enum(PREFECTURES.map((p) => p.code) as [string, ...string[]], { message: "現在の勤務地（都道府県）を選んでください" }),
  specialtyCode: z.enum(SPECIALTIES.map((s) => s.code) as [string, ...string[]], { message: "専門領域を選んでください" }),
  licenceYear: z.preprocess(
    (v) => (typeof v === "string" ? v.normalize("NFKC").trim() : v),
    z
      .string({ message: "医師免許の取得年を入力してください" })
      .regex(/^\d{4}$/, "医師免許の取得年を西暦4桁で入力してください（例: 2005）")
      .transform(Number)
      .refine((y) => y >= 1950 && y <= CURRENT_YEAR, `医師免許の取得年は1950年から${CURRENT_YEAR}年の間で入力してください`),
  ),
  programParticipant: checkbox,
  interestPrefectureCodes: codes(
    PREFECTURES.map((p) => p.code),
    { message: "" },
  ),
  lookingFor: codes(
    LOOKING_FOR.map((l) => l.value),
    { min: 1, message: "探しているものを1つ以上選んでください" },
  ),
  contactByEmail: checkbox,
  contactPhone: z.preprocess(
    (v) => digitsAndDashes(v ?? ""),
    z.string().refine((v) => v === "" || /^[0-9-]{10,13}$/.test(v), "電話番号は数字とハイフンで入力してください（例: 090-1234-5678）"),
  ),
  contactNote: text("連絡についての希望", { max: 200 }),
});
export type PhysicianProfileInput = z.output<typeof physicianProfileSchema>;

const body = (min: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : v ?? ""),
    z
      .string()
      .min(min, min <= 1 ? "メッセージを入力してください" : `メッセージは${min}文字以上で入力してください`)
      .max(MESSAGE_MAX, `メッセージは${MESSAGE_MAX}文字以内で入力してください（現在の文字数を減らしてください）`),
  );

export const newThreadSchema = z.object({
  topic: z.enum(["TRAINING", "EMPLOYMENT", "VISIT", "OTHER"], { message: "相談の内容を選んでください" }),
  disclose: z.enum(["anonymous", "named"], { message: "名前を伝えるかどうかを選んでください" }),
  body: body(10),
});

export const messageSchema = z.object({ body: body(1) });

export const reportSchema = z.object({ reason: text("通報の理由", { min: 5, max: 1000 }) });

export const alertSchema = z.object({
  label: text("お知らせの名前", { min: 1, max: 60 }),
  query: z.string().max(2000).default(""),
});

export const deleteAccountSchema = z.object({
  password: z.string({ message: "パスワードを入力してください" }).min(1, "パスワードを入力してください"),
  confirm: z.literal("on", { message: "確認のチェックを入れてください" }),
});
