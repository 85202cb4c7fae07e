import { PREFECTURES } from "../app/reference/prefectures";
import { LEARNING_SUPPORT, type SearchQuery } from "./query";

/**
 * Does one listing match a search? The same rules as the search's filters (search/filters.ts)
 * and, for free text, the fallback's simple contains match. Used for saved-search alerts, where
 * a handful of new listings are checked against each saved search.
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

export function matchesSearch(listing: MatchableListing, query: SearchQuery) {
  if (query.prefecture.length || query.region.length) {
    const region = PREFECTURES.find((p) => p.code === listing.prefectureCode)?.regionCode;
    if (!query.prefecture.includes(listing.prefectureCode) && !(region && query.region.includes(region))) return false;
  }
  if (!query.department.every((d) => listing.departmentCodes.includes(d))) return false;
  if (query.kind && listing.kind !== query.kind) return false;
  if (query.employment.length && !query.employment.some((e) => listing.employmentFormCodes.includes(e))) return false;
  if (!query.activity.every((a) => listing.activityCodes.includes(a))) return false;
  if (query.supervision && !listing.supervisorAvailable) return false;
  for (const l of LEARNING_SUPPORT) if (query.learning.includes(l.code) && !listing[l.field]) return false;
  if (query.q) {
    const text = [listing.name, listing.nameKana, listing.city, listing.stance, listing.hopes, listing.description ?? ""].join("\n").toLowerCase();
    const words = query.q.toLowerCase().split(/[\s\u3000]+/).filter(Boolean);
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}
