import type { Settings } from "meilisearch";

/**
 * Index names and settings, kept in code and applied idempotently at start-up
 * (docs/decisions/0008-search.md).
 */
export const FACILITIES_INDEX = "facilities";

const TEXT = ["name", "nameKana", "city", "prefectureName", "departmentNames", "activityNames", "stance", "hopes", "description"];

export const facilitiesSettings: Settings = {
  // Order is ranking: a match in the name outranks the town, which outranks the free text.
  searchableAttributes: TEXT,
  filterableAttributes: [
    "prefectureCode",
    "regionCode",
    "kind",
    "departmentCodes",
    "employmentFormCodes",
    "supervisorAvailable",
    "learningTimeProtected",
    "scheduleAdjustment",
    "programSupport",
    "activityCodes",
    "activityCategoryCodes",
  ],
  sortableAttributes: ["publishedAt", "nameKana", "contentApprovedAt"],
  // Kanji-only text would otherwise be detected as Chinese; the readings (kana) are Japanese too.
  localizedAttributes: [{ attributePatterns: TEXT, locales: ["jpn"] }],
  // Japanese words are short; one typo in a 3-character word changes its meaning.
  typoTolerance: { minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnAttributes: ["nameKana"] },
  pagination: { maxTotalHits: 5000 },
  // Word proximity per attribute rather than per word pair: much faster indexing, and the
  // texts are short. Facet values are listed, never searched, so no facet-search index.
  proximityPrecision: "byAttribute",
  facetSearch: false,
  faceting: { maxValuesPerFacet: 200 },
  displayedAttributes: ["*"],
};
