import { z } from "zod";
import { ACTIVITIES } from "../app/reference/activities";
import { DEPARTMENTS } from "../app/reference/departments";
import { EMPLOYMENT_FORMS } from "../app/reference/employment-forms";
import { PREFECTURES, REGIONS } from "../app/reference/prefectures";
import { DEFAULT_PER_PAGE, LEARNING_SUPPORT, MAX_PAGE, MAX_PER_PAGE, REPEATABLE, SORTS } from "./query-params";

export { DEFAULT_PER_PAGE, LEARNING_SUPPORT, MAX_PAGE, MAX_PER_PAGE, SORTS, toSearchParams } from "./query-params";

/**
 * The search's parameters, checked: every filter value is a code from a reference list; nothing
 * a person types reaches a filter expression except through these lists. (The parts the page
 * needs in the browser, without zod, are in query-params.ts.)
 */
const oneOf = (codes: readonly string[], label: string) =>
  z.string().refine((v) => codes.includes(v), { message: `${label}の値が正しくありません` });

const list = (codes: readonly string[], label: string) => z.array(oneOf(codes, label)).max(codes.length).default([]);

export const searchQuerySchema = z.object({
  q: z.string().trim().max(100, "検索語は100文字以内で入力してください").default(""),
  prefecture: list(PREFECTURES.map((p) => p.code), "都道府県"),
  region: list(REGIONS.map((r) => r.code), "地方"),
  department: list(DEPARTMENTS.map((d) => d.code), "診療科"),
  kind: z.enum(["HOSPITAL", "CLINIC"], { message: "種別の値が正しくありません" }).optional(),
  employment: list(EMPLOYMENT_FORMS.map((f) => f.code), "勤務形態"),
  activity: list(ACTIVITIES.map((a) => a.code), "活動"),
  supervision: z.enum(["1"], { message: "指導医の値が正しくありません" }).optional(),
  learning: list(LEARNING_SUPPORT.map((l) => l.code), "学びの支援"),
  sort: z.enum(SORTS.map((s) => s.code) as ["relevance", "newest", "kana"], { message: "並び順の値が正しくありません" }).default("relevance"),
  page: z.coerce.number({ message: "ページ番号が正しくありません" }).int("ページ番号が正しくありません").min(1, "ページ番号は1以上です").max(MAX_PAGE, `ページ番号は${MAX_PAGE}以下です`).default(1),
  perPage: z.coerce.number({ message: "件数が正しくありません" }).int("件数が正しくありません").min(1, "件数は1以上です").max(MAX_PER_PAGE, `件数は${MAX_PER_PAGE}以下です`).default(DEFAULT_PER_PAGE),
});

export type SearchQuery = z.infer<typeof searchQuerySchema>;

function raw(params: URLSearchParams) {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== "");
    if ((REPEATABLE as readonly string[]).includes(key)) out[key] = values;
    else if (values.length) out[key] = values[values.length - 1];
  }
  return out;
}

/** Strict parsing for the API: any bad value is an error to report (400). */
export function parseSearchParams(params: URLSearchParams) {
  return searchQuerySchema.safeParse(raw(params));
}

/**
 * Lenient parsing for the page: a bookmark with a value that no longer exists still opens,
 * without that value.
 */
export function parseSearchParamsLeniently(params: URLSearchParams): SearchQuery {
  const input = raw(params);
  const shape = searchQuerySchema.shape;
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const field = shape[key as keyof typeof shape];
    if (!field) continue;
    if (Array.isArray(value)) {
      clean[key] = value.filter((v) => (field as z.ZodType).safeParse([v]).success);
    } else if ((field as z.ZodType).safeParse(value).success) {
      clean[key] = value;
    }
  }
  return searchQuerySchema.parse(clean);
}
