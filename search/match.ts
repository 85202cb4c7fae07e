import { chosen, facetCode, FILTERS, haystackOf, matchesWords, prepareQuery, romajiHaystackOf, type FilterName, type SearchText } from "./definition";
import type { SearchQuery } from "./query";

/**
 * Does one listing match a search? The search definition's rules (definition.ts), applied to
 * one listing's search document: used for saved-search alerts. The in-memory fallback
 * (fallback-memory.server.ts) applies the same rules to typed columns, and
 * tests/integration/search-japanese.test.ts checks all of them against Meilisearch.
 */
export type MatchableListing = {
  text: SearchText;
  /** facetCodesOf (definition.ts): every filter value of the listing. */
  facetCodes: string[];
};

function satisfies(codes: ReadonlySet<string>, name: FilterName, values: string[]) {
  const has = (v: string) => codes.has(facetCode(name, v));
  switch (FILTERS[name].combine) {
    case "any":
      return values.some(has);
    case "all":
      return values.every(has);
    case "equals":
      return has(values[0]!);
  }
}

export function matchesSearch(l: MatchableListing, query: SearchQuery, words = prepareQuery(query.q)) {
  const codes = new Set(l.facetCodes);
  const prefectures = chosen(query, "prefecture");
  const regions = chosen(query, "region");
  if ((prefectures.length || regions.length) && !(satisfies(codes, "prefecture", prefectures) || satisfies(codes, "region", regions))) return false;
  for (const name of Object.keys(FILTERS) as FilterName[]) {
    if (FILTERS[name].group === "place") continue;
    const values = chosen(query, name);
    if (values.length && !satisfies(codes, name, values)) return false;
  }
  if (query.learning.some((code) => !codes.has(facetCode("learning", code)))) return false;
  return words.length === 0 || matchesWords(haystackOf(l.text), romajiHaystackOf(l.text), words);
}
