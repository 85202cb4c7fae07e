import { z } from "zod";
import { hiraganaReading } from "~/utils/japanese";

/** Field helpers shared by the form schemas: Japanese input normalised, messages in Japanese. */

/** Full-width digits and hyphens from Japanese input become half-width; spaces are trimmed. */
export const normalized = (v: unknown) => (typeof v === "string" ? v.normalize("NFKC").trim() : v);

/**
 * Phone numbers and postal codes as typed in Japan: full-width digits, any of the dashes an IME
 * offers (ー, ―, −, ‐, －), a leading 〒 and spaces.
 */
export const digitsAndDashes = (v: unknown) =>
  typeof v === "string" ? v.normalize("NFKC").replace(/[‐‑‒–—―−ーｰ]/g, "-").replace(/[〒\s]/g, "") : v;

export const text = (label: string, { min = 0, max }: { min?: number; max: number }) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : v ?? ""),
    z
      .string()
      .min(min, min <= 1 ? `${label}を入力してください` : `${label}は${min}文字以上で入力してください`)
      .max(max, `${label}は${max}文字以内で入力してください（現在の文字数を減らしてください）`),
  );

export const codes = (allowed: readonly string[], { min = 0, message }: { min?: number; message: string }) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string())
      .refine((list) => list.every((c) => allowed.includes(c)), "選択肢にない項目が含まれています")
      .refine((list) => list.length >= min, message)
      .transform((list) => [...new Set(list)]),
  );

export const yesNo = (message: string) =>
  z.preprocess((v) => (v === "yes" || v === true ? true : v === "no" || v === false ? false : undefined), z.boolean({ message }));

export const checkbox = z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean());


/**
 * A reading (ふりがな): hiragana or katakana, full or half width, stored as hiragana
 * (ヤマザキ → やまざき).
 */
export const reading = (label: string, max: number) =>
  z.preprocess(
    normalized,
    z
      .string({ message: `${label}を入力してください` })
      .min(1, `${label}を入力してください`)
      .max(max, `ふりがなは${max}文字以内で入力してください`)
      .regex(/^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u, "ふりがなは、ひらがなまたはカタカナで入力してください")
      .transform(hiraganaReading),
  );
