import { z } from "zod";
import { PREFECTURES } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import { codes, normalized, text } from "./fields";

import { PARTICIPATION_OPTIONS } from "./campaign-options";

export { PARTICIPATION_OPTIONS };

/** Published listings to feature: their page addresses (or the last part of it), one per line. */
const featured = z.preprocess(
  (v) => (typeof v === "string" ? v.normalize("NFKC") : ""),
  z
    .string()
    .transform((v) =>
      v
        .split(/[\n,、]/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => line.replace(/^.*\/facilities\//, "").replace(/[/?#].*$/, "")),
    )
    .refine((slugs) => slugs.length <= 5, "紹介する医療機関は5件までにしてください")
    .refine((slugs) => slugs.every((s) => /^[a-z0-9-]{1,64}$/.test(s)), "医療機関の公開ページのURLを1行に1つずつ入力してください"),
);

/** The campaign form: the mail and its audience. */
export const campaignSchema = z.object({
  subject: text("件名", { min: 1, max: 120 }),
  body: text("本文", { min: 10, max: 10_000 }),
  featured,
  prefectureCodes: codes(
    PREFECTURES.map((p) => p.code),
    { message: "" },
  ),
  specialtyCodes: codes(
    SPECIALTIES.map((s) => s.code),
    { message: "" },
  ),
  participation: z.enum(["any", "participants", "others"], { message: "プログラムへの参加の条件を選んでください" }),
});

/** Sending: now, or at a set time (Japan time, from a datetime-local box). */
export const campaignSendSchema = z
  .object({
    when: z.enum(["now", "later"], { message: "送信の時期を選んでください" }),
    scheduledAt: z.preprocess(normalized, z.string().default("")),
  })
  .superRefine((v, ctx) => {
    if (v.when !== "later") return;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v.scheduledAt)) {
      ctx.addIssue({ code: "custom", path: ["scheduledAt"], message: "送信する日時を入力してください" });
    }
  });

/**
 * Recipients who are not users (e.g. programme participants), added by the secretariat with
 * where their consent was given: one per line, "address" or "address, name".
 */
export const guidanceRecipientsSchema = z.object({
  consentSource: text("同意の取得元", { min: 1, max: 200 }).refine((v) => v.length >= 4, "同意の取得元は、どの書類・フォームで同意を得たかが分かるように書いてください"),
  lines: text("宛先", { min: 3, max: 200_000 }),
  programParticipant: z.preprocess((v) => v === "on" || v === true, z.boolean()),
});

const EMAIL = z.email();

/** An address the secretariat adds to the suppression list by hand. */
export const suppressionSchema = z.object({ email: z.preprocess(normalized, z.email("メールアドレスの形式が正しくありません")) });

/** The lines of the recipients box: the addresses read, and the lines that are not addresses. */
export function parseRecipientLines(lines: string) {
  const recipients = new Map<string, string>();
  const invalid: string[] = [];
  for (const raw of lines.normalize("NFKC").split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const [address = "", ...rest] = line.split(/[,\t、]/);
    const email = address.trim().toLowerCase();
    if (!EMAIL.safeParse(email).success) invalid.push(line);
    else recipients.set(email, rest.join(" ").trim().slice(0, 100));
  }
  return { recipients: [...recipients].map(([email, name]) => ({ email, name })), invalid };
}
