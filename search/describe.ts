import { ACTIVITIES } from "../app/reference/activities";
import { DEPARTMENTS } from "../app/reference/departments";
import { EMPLOYMENT_FORMS } from "../app/reference/employment-forms";
import { PREFECTURES, REGIONS } from "../app/reference/prefectures";
import { LEARNING_SUPPORT } from "./query-params";
import type { SearchQuery } from "./query";

/** A search's choices in words, one per chosen value (the page's chips, an alert's name). */
export type Choice = { key: keyof SearchQuery; value?: string; label: string };

const names = <T extends { code: string }>(list: readonly T[], name: (x: T) => string) => new Map(list.map((x) => [x.code, name(x)]));
const PREF = names(PREFECTURES, (p) => p.name);
const REGION = names(REGIONS, (r) => `${r.name}地方`);
const DEPT = names(DEPARTMENTS, (d) => d.name);
const EMPLOYMENT = names(EMPLOYMENT_FORMS, (f) => f.name);
const LEARNING = names(LEARNING_SUPPORT, (l) => l.label);
const ACTIVITY = names(ACTIVITIES, (a) => a.name);

export function describeChoices(q: SearchQuery): Choice[] {
  const choices: Choice[] = [];
  if (q.q) choices.push({ key: "q", label: `「${q.q}」` });
  for (const c of q.prefecture) choices.push({ key: "prefecture", value: c, label: PREF.get(c) ?? c });
  for (const c of q.region) choices.push({ key: "region", value: c, label: REGION.get(c) ?? c });
  for (const c of q.department) choices.push({ key: "department", value: c, label: DEPT.get(c) ?? c });
  if (q.kind) choices.push({ key: "kind", label: q.kind === "HOSPITAL" ? "病院" : "診療所" });
  for (const c of q.employment) choices.push({ key: "employment", value: c, label: EMPLOYMENT.get(c) ?? c });
  if (q.supervision) choices.push({ key: "supervision", label: "指導医あり" });
  for (const c of q.learning) choices.push({ key: "learning", value: c, label: LEARNING.get(c) ?? c });
  for (const c of q.activity) choices.push({ key: "activity", value: c, label: ACTIVITY.get(c) ?? c });
  return choices;
}

/** A short name for a saved search: "東京都・内科・指導医あり", or "すべての医療機関". */
export function describeSearch(q: SearchQuery, max = 60) {
  const text = describeChoices(q).map((c) => c.label).join("・") || "すべての医療機関";
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
