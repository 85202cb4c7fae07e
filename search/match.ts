import { chosen, FILTERS, haystackOf, LEARNING_FILTERS, matchesWords, prepareQuery, romajiHaystackOf, type FilterName, type SearchText } from "./definition";
import type { SearchQuery } from "./query";

/**
 * Does one listing match a search? The search definition's rules (definition.ts), applied to
 * one listing's search document: used for saved-search alerts. The in-memory fallback
 * (fallback-memory.server.ts) applies the same rules to typed columns, and
 * tests/integration/search-japanese.test.ts checks all of them against Meilisearch.
 */
export type MatchableListing = {
  text: SearchText;
  kind: string;
  prefectureCode: string;
  regionCode: string;
  departmentCodes: string[];
  employmentFormCodes: string[];
  activityCodes: string[];
  supervisorAvailable: boolean;
  learningTimeProtected: boolean;
  scheduleAdjustment: boolean;
  programSupport: boolean;
};

function satisfies(l: MatchableListing, name: FilterName, values: string[]) {
  const { attribute, combine } = FILTERS[name];
  const value = l[attribute] as string | string[] | boolean;
  const has = (v: string) => (Array.isArray(value) ? value.includes(v) : value === v);
  switch (combine) {
    case "any":
      return values.some(has);
    case "all":
      return values.every(has);
    case "equals":
      return value === values[0];
    case "flag":
      return value === true;
  }
}

export function matchesSearch(l: MatchableListing, query: SearchQuery, words = prepareQuery(query.q)) {
  const prefectures = chosen(query, "prefecture");
  const regions = chosen(query, "region");
  if ((prefectures.length || regions.length) && !(satisfies(l, "prefecture", prefectures) || satisfies(l, "region", regions))) return false;
  for (const name of Object.keys(FILTERS) as FilterName[]) {
    if (FILTERS[name].group === "place") continue;
    const values = chosen(query, name);
    if (values.length && !satisfies(l, name, values)) return false;
  }
  if (LEARNING_FILTERS.some((s) => query.learning.includes(s.code) && !l[s.field])) return false;
  return words.length === 0 || matchesWords(haystackOf(l.text), romajiHaystackOf(l.text), words);
}
