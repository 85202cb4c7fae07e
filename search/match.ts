import { PREFECTURES } from "../app/reference/prefectures";
import { LEARNING_SUPPORT, type SearchQuery } from "./query";

/**
 * Does one listing match a search? The same rules as the search's filters (search/filters.ts)
 * and, for free text, the fallback's simple contains match. Used for saved-search alerts; the
 * in-memory fallback (fallback-memory.server.ts) applies the same rules to typed columns.
 */
export type MatchableListing = {
  name: string;
  nameKana: string;
  city: string;
  stance: string;
  hopes: string;
  description?: string;
  kind: string;
  prefectureCode: string;
  departmentCodes: string[];
  employmentFormCodes: string[];
  activityCodes: string[];
  supervisorAvailable: boolean;
  learningTimeProtected: boolean;
  scheduleAdjustment: boolean;
  programSupport: boolean;
};

const REGION_OF = new Map(PREFECTURES.map((p) => [p.code, p.regionCode as string]));

/** The free text's words, lower-cased (the same split as the PostgreSQL fallback). */
export function textWords(q: string) {
  return q.toLowerCase().split(/[\s\u3000]+/).filter(Boolean).slice(0, 5);
}

/** The listing's searchable text, lower-cased, fields apart so a word cannot span two. */
export function searchableText(l: Pick<MatchableListing, "name" | "nameKana" | "city" | "stance" | "hopes">) {
  return [l.name, l.nameKana, l.city, l.stance, l.hopes].join("\n").toLowerCase();
}

export function matchesSearch(l: MatchableListing, query: SearchQuery) {
  if (query.prefecture.length || query.region.length) {
    const region = REGION_OF.get(l.prefectureCode);
    if (!query.prefecture.includes(l.prefectureCode) && !(region && query.region.includes(region))) return false;
  }
  if (!query.department.every((d) => l.departmentCodes.includes(d))) return false;
  if (query.kind && l.kind !== query.kind) return false;
  if (query.employment.length && !query.employment.some((e) => l.employmentFormCodes.includes(e))) return false;
  if (!query.activity.every((a) => l.activityCodes.includes(a))) return false;
  if (query.supervision && !l.supervisorAvailable) return false;
  if (LEARNING_SUPPORT.some((s) => query.learning.includes(s.code) && !l[s.field])) return false;
  const text = `${searchableText(l)}\n${(l.description ?? "").toLowerCase()}`;
  return textWords(query.q).every((w) => text.includes(w));
}
