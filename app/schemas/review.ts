import { z } from "zod";

/** The secretariat's forms: a decision on a listing, and a bank-transfer payment. */
export const DECISIONS = ["approve", "return", "reject", "revoke", "reinstate", "acceptRevision", "returnRevision"] as const;
const COMMENT_REQUIRED = new Set<string>(["return", "reject", "revoke", "returnRevision"]);

const confirm = z.preprocess((v) => v === "on" || v === true, z.literal(true, { message: "確認のチェックを入れてください" }));

export const decisionSchema = z
  .object({
    decision: z.enum(DECISIONS),
    version: z.coerce.number().int().min(0),
    comment: z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(2000, "コメントは2000文字以内で入力してください")),
    confirm,
  })
  .refine((v) => !COMMENT_REQUIRED.has(v.decision) || v.comment.length > 0, {
    path: ["comment"],
    message: "理由・修正してほしい点を入力してください（医療機関に伝わります）",
    when: (p) => typeof (p.value as { decision?: unknown }).decision === "string",
  });

export const paymentSchema = z.object({
  fiscalYear: z.coerce.number({ message: "年度を選んでください" }).int().min(2025, "年度を選んでください").max(2100),
  paidOn: z
    .string({ message: "入金日を入力してください" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "入金日を入力してください（例: 2026-11-20）")
    .refine((v) => !Number.isNaN(Date.parse(v)), "入金日が正しくありません")
    .refine((v) => Date.parse(v) <= Date.now() + 86_400_000, "入金日に未来の日付は指定できません"),
  note: z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(200, "メモは200文字以内で入力してください")),
  confirm,
});
