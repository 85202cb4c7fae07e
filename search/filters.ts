import { LEARNING_SUPPORT, type SearchQuery } from "./query";

/**
 * Meilisearch filter expressions, built only from validated codes. Every value is still quoted
 * and escaped, so even a value that slipped past validation stays one string literal and cannot
 * add a condition (tests/unit/search-filters.test.ts).
 */
export function quote(value: string) {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function inList(attribute: string, values: readonly string[]) {
  return `${attribute} IN [${values.map(quote).join(", ")}]`;
}

/** Facet name in the API → document attribute. */
export const FACETS = {
  prefecture: "prefectureCode",
  region: "regionCode",
  department: "departmentCodes",
  kind: "kind",
  employment: "employmentFormCodes",
  activity: "activityCodes",
  supervision: "supervisorAvailable",
} as const;
export type FacetName = keyof typeof FACETS;

/** One filter group per facet, so a facet's own selection can be left out for its counts. */
export function filterGroups(query: SearchQuery): Partial<Record<FacetName | "learning", string>> {
  const groups: Partial<Record<FacetName | "learning", string>> = {};
  // Prefectures and regions are both places: either matches (OR) within the "place" group.
  if (query.prefecture.length) groups.prefecture = inList(FACETS.prefecture, query.prefecture);
  if (query.region.length) groups.region = inList(FACETS.region, query.region);
  // A facility must offer every department asked for (AND): a physician narrows down.
  if (query.department.length) groups.department = query.department.map((d) => `${FACETS.department} = ${quote(d)}`).join(" AND ");
  if (query.kind) groups.kind = `${FACETS.kind} = ${quote(query.kind)}`;
  if (query.employment.length) groups.employment = inList(FACETS.employment, query.employment);
  if (query.activity.length) groups.activity = query.activity.map((a) => `${FACETS.activity} = ${quote(a)}`).join(" AND ");
  if (query.supervision) groups.supervision = `${FACETS.supervision} = true`;
  if (query.learning.length) {
    groups.learning = LEARNING_SUPPORT.filter((l) => query.learning.includes(l.code))
      .map((l) => `${l.field} = true`)
      .join(" AND ");
  }
  return groups;
}

/** The whole filter; `except` leaves one facet's group out (for that facet's counts). */
export function buildFilter(query: SearchQuery, except?: FacetName) {
  const groups = filterGroups(query);
  const place = [groups.prefecture, groups.region].filter((g) => g && except !== "prefecture" && except !== "region");
  const parts: string[] = [];
  if (place.length) parts.push(place.length > 1 ? `(${place.join(" OR ")})` : place[0]!);
  for (const [name, group] of Object.entries(groups)) {
    if (name === "prefecture" || name === "region" || name === except || !group) continue;
    parts.push(`(${group})`);
  }
  return parts.join(" AND ");
}
