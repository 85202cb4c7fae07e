import type { Settings } from "meilisearch";

/**
 * Index names and settings, kept in code and applied idempotently at start-up.
 * The facility documents themselves are built by the search feature; these settings are the
 * contract the documents will follow.
 */
export const FACILITIES_INDEX = "facilities";

export const facilitiesSettings: Settings = {
  // Order matters: a match in the name outranks one in the free text.
  searchableAttributes: ["name", "nameKana", "city", "prefectureName", "departmentNames", "activityNames", "stance", "hopes", "description"],
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
  localizedAttributes: [{ attributePatterns: ["name", "city", "prefectureName", "departmentNames", "activityNames", "stance", "hopes", "description"], locales: ["jpn"] }],
  typoTolerance: { minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  pagination: { maxTotalHits: 5000 },
  faceting: { maxValuesPerFacet: 100 },
};
