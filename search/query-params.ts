import type { SearchQuery } from "./query";

/**
 * The search's parameters as the page uses them in the browser: the lists of choices and the
 * query written back as URL parameters. No zod here, so the public pages do not load it; the
 * checking is in query.ts (server side).
 */
export const LEARNING_SUPPORT = [
  { code: "time", label: "学習時間の確保", field: "learningTimeProtected" },
  { code: "schedule", label: "研修日の勤務調整", field: "scheduleAdjustment" },
  { code: "program", label: "総合医育成プログラムの受講支援", field: "programSupport" },
] as const;

export const SORTS = [
  { code: "relevance", label: "関連度順" },
  { code: "newest", label: "新着順" },
  { code: "kana", label: "五十音順" },
] as const;

export const MAX_PER_PAGE = 50;
export const DEFAULT_PER_PAGE = 20;
export const MAX_PAGE = 250;

export const REPEATABLE = ["prefecture", "region", "department", "employment", "activity", "learning"] as const;

/** The query as URL parameters (defaults left out), for links and bookmarks. */
export function toSearchParams(query: Partial<SearchQuery>) {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const key of REPEATABLE) for (const v of query[key] ?? []) params.append(key, v);
  if (query.kind) params.set("kind", query.kind);
  if (query.supervision) params.set("supervision", query.supervision);
  if (query.sort && query.sort !== "relevance") params.set("sort", query.sort);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  if (query.perPage && query.perPage !== DEFAULT_PER_PAGE) params.set("perPage", String(query.perPage));
  return params;
}
