import { z } from "zod";
import { isValidCorporateNumber } from "~/utils/corporate-number";
import { emailField } from "./account";

export const operatorSchema = z.object({
  name: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ message: "法人名・開設者名を入力してください" }).min(1, "法人名・開設者名を入力してください").max(100, "100文字以内で入力してください"),
  ),
  kind: z.enum(["CORPORATION", "INDIVIDUAL"], { message: "法人か個人開設かを選んでください" }),
  corporateNumber: z.preprocess(
    (v) => (typeof v === "string" ? v.normalize("NFKC").replace(/[\s-]/g, "") : v ?? ""),
    z
      .string()
      .refine((v) => v === "" || /^\d{13}$/.test(v), "法人番号は13桁の数字で入力してください")
      .refine((v) => v === "" || !/^\d{13}$/.test(v) || isValidCorporateNumber(v), "法人番号が正しくありません（チェックデジットが一致しません）。番号をご確認ください"),
  ),
});

export const inviteMemberSchema = z.object({ email: emailField });

export const newFacilitySchema = z.object({
  name: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string({ message: "医療機関名を入力してください" }).min(1, "医療機関名を入力してください").max(100, "100文字以内で入力してください"),
  ),
});
