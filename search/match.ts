import { PREFECTURES } from "../app/reference/prefectures";
import { LEARNING_SUPPORT, type SearchQuery } from "./query";

/**
 * Does one listing match a search? The same rules as the search's filters (search/filters.ts)
 * and, for free text, the fallback's simple contains match. Used for saved-search alerts and by
 * the in-memory fallback (fallback-memory.server.ts), which also counts facets with it.
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

/** The filter groups of a search; a facet's counts leave out its own group (disjunctive facets). */
export type Group = "place" | "department" | "kind" | "employment" | "activity" | "supervision" | "learning" | "text";

const REGION_OF = new Map(PREFECTURES.map((p) => [p.code, p.regionCode as string]));

/** The free text's words, lower-cased (the same split as the PostgreSQL fallback). */
export function textWords(q: string) {
  return q.toLowerCase().split(/[\s\u3000]+/).filter(Boolean).slice(0, 5);
}

/** The listing's searchable text, lower-cased, fields apart so a word cannot span two. */
export function searchableText(l: Pick<MatchableListing, "name" | "nameKana" | "city" | "stance" | "hopes">) {
  return [l.name, l.nameKana, l.city, l.stance, l.hopes].join("\n").toLowerCase();
}

/**
 * The groups a listing fails, stopping once two have failed (then it counts for nothing).
 * `text` is the listing's searchableText, `words` the query's textWords.
 */
export function failingGroups(l: Omit<MatchableListing, "stance" | "hopes" | "name" | "nameKana" | "city">, query: SearchQuery, text: string, words: string[]): Group[] {
  const failed: Group[] = [];
  const fail = (g: Group) => failed.push(g) >= 2;
  if (query.prefecture.length || query.region.length) {
    const region = REGION_OF.get(l.prefectureCode);
    if (!query.prefecture.includes(l.prefectureCode) && !(region && query.region.includes(region)) && fail("place")) return failed;
  }
  if (query.department.length && !query.department.every((d) => l.departmentCodes.includes(d)) && fail("department")) return failed;
  if (query.kind && l.kind !== query.kind && fail("kind")) return failed;
  if (query.employment.length && !query.employment.some((e) => l.employmentFormCodes.includes(e)) && fail("employment")) return failed;
  if (query.activity.length && !query.activity.every((a) => l.activityCodes.includes(a)) && fail("activity")) return failed;
  if (query.supervision && !l.supervisorAvailable && fail("supervision")) return failed;
  if (query.learning.length && LEARNING_SUPPORT.some((s) => query.learning.includes(s.code) && !l[s.field]) && fail("learning")) return failed;
  if (words.length && !words.every((w) => text.includes(w)) && fail("text")) return failed;
  return failed;
}

export function matchesSearch(listing: MatchableListing, query: SearchQuery) {
  const text = `${searchableText(listing)}\n${(listing.description ?? "").toLowerCase()}`;
  return failingGroups(listing, query, text, textWords(query.q)).length === 0;
}
