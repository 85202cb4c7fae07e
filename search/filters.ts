import { chosen, FACET_ATTRIBUTE, facetCode, FILTERS, LEARNING_FILTERS, type FilterName } from "./definition";
import type { SearchQuery } from "./query";

/**
 * Meilisearch filter expressions, derived from the search definition (definition.ts) and built
 * only from validated codes. Every value is still quoted and escaped, so even a value that
 * slipped past validation stays one string literal and cannot add a condition
 * (tests/unit/search-filters.test.ts).
 */
export function quote(value: string) {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function inList(attribute: string, values: readonly string[]) {
  return `${attribute} IN [${values.map(quote).join(", ")}]`;
}

/** The filters that have facet counts. */
export const FACETS = Object.keys(FILTERS) as FilterName[];
export type FacetName = FilterName;

function expression(name: FilterName, values: string[]) {
  const codes = values.map((v) => facetCode(name, v));
  switch (FILTERS[name].combine) {
    case "any":
      return inList(FACET_ATTRIBUTE, codes);
    case "all":
      return codes.map((c) => `${FACET_ATTRIBUTE} = ${quote(c)}`).join(" AND ");
    case "equals":
      return `${FACET_ATTRIBUTE} = ${quote(codes[0]!)}`;
  }
}

/** One filter group per facet, so a facet's own selection can be left out for its counts. */
export function filterGroups(query: SearchQuery): Partial<Record<FacetName | "learning", string>> {
  const groups: Partial<Record<FacetName | "learning", string>> = {};
  for (const name of Object.keys(FILTERS) as FilterName[]) {
    const values = chosen(query, name);
    if (values.length) groups[name] = expression(name, values);
  }
  if (query.learning.length) {
    groups.learning = LEARNING_FILTERS.filter((l) => query.learning.includes(l.code))
      .map((l) => `${FACET_ATTRIBUTE} = ${quote(facetCode("learning", l.code))}`)
      .join(" AND ");
  }
  return groups;
}

/** The whole filter; `except` leaves one facet's group out (for that facet's counts). */
export function buildFilter(query: SearchQuery, except?: FacetName) {
  const groups = filterGroups(query);
  // Prefectures and regions are both places: either matches (OR) within the "place" group.
  const place = [groups.prefecture, groups.region].filter((g) => g && except !== "prefecture" && except !== "region");
  const parts: string[] = [];
  if (place.length) parts.push(place.length > 1 ? `(${place.join(" OR ")})` : place[0]!);
  for (const [name, group] of Object.entries(groups)) {
    if (name === "prefecture" || name === "region" || name === except || !group) continue;
    parts.push(`(${group})`);
  }
  return parts.join(" AND ");
}
