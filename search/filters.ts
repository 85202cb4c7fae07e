import { chosen, FILTERS, LEARNING_FILTERS, type FilterName } from "./definition";
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

/** Facet name in the API → document attribute. */
export const FACETS = Object.fromEntries(Object.entries(FILTERS).map(([name, f]) => [name, f.attribute])) as {
  [K in FilterName]: (typeof FILTERS)[K]["attribute"];
};
export type FacetName = FilterName;

function expression(name: FilterName, values: string[]) {
  const { attribute, combine } = FILTERS[name];
  switch (combine) {
    case "any":
      return inList(attribute, values);
    case "all":
      return values.map((v) => `${attribute} = ${quote(v)}`).join(" AND ");
    case "equals":
      return `${attribute} = ${quote(values[0]!)}`;
    case "flag":
      return `${attribute} = true`;
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
      .map((l) => `${l.field} = true`)
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
