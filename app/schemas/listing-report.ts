import { z } from "zod";
import { normalized, text } from "./fields";

export { LISTING_REPORT_REASONS, LISTING_REPORT_RESOLUTIONS } from "./listing-report-options";

export const listingReportSchema = z.object({
  reason: z.enum(["INACCURATE", "OUTDATED", "UNREACHABLE", "INAPPROPRIATE", "OTHER"], { message: "お知らせの種類を選んでください" }),
  details: text("詳しい内容", { min: 10, max: 2000 }),
  contactEmail: z.preprocess(
    normalized,
    z.union([z.literal(""), z.email("メールアドレスの形式が正しくありません")]).default(""),
  ),
});


export const reportNoteSchema = z.object({ body: text("メモ", { min: 1, max: 2000 }) });

export const reportResolutionSchema = z.object({
  resolution: z.enum(["CORRECTED", "REVOKED", "NO_CHANGE"], { message: "対応の結果を選んでください" }),
  resolutionNote: text("対応の内容", { min: 1, max: 2000 }),
});
