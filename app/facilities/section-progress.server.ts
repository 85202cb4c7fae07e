import { PROFILE_SECTIONS, type SectionKey } from "~/schemas/facility-profile";
import { asFormValue, FIELD_LABEL, type CONTENT_FIELDS, type ProfileContent } from "./profile";

/**
 * How far a facility's profile is, section by section, by the sections' schemas. On the server
 * only: the pages that show it need not load the validation code.
 */
export type SectionProgress = { key: SectionKey; complete: boolean; missing: string[] };

/**
 * Where each section stands: complete when its schema accepts what is stored and, for a section
 * that may rightly be left empty (実地研修), once the facility has saved it; otherwise the labels
 * of the fields still missing or wrong, so the overview can say what is left to do.
 */
export function sectionProgress(profile: ProfileContent, savedSections: readonly string[] = []): SectionProgress[] {
  return PROFILE_SECTIONS.map((section) => {
    const input: Record<string, unknown> = {};
    const keys = Object.keys(section.schema.shape ?? {});
    for (const key of keys) {
      const raw = profile[key as keyof ProfileContent];
      input[key] = key === "supervisorAvailable" && typeof raw === "boolean" ? (raw ? "yes" : "no") : asFormValue(raw);
    }
    const parsed = section.schema.safeParse(input);
    const missing = parsed.success
      ? []
      : [...new Set(parsed.error.issues.map((i) => FIELD_LABEL[String(i.path[0]) as (typeof CONTENT_FIELDS)[number]] ?? section.title))];
    const hasContent = keys.some((k) => {
      const v = profile[k as keyof ProfileContent];
      return Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined && v !== "";
    });
    if (parsed.success && !hasContent && !savedSections.includes(section.key)) missing.push("未確認（該当がなければ、そのまま保存してください）");
    return { key: section.key, complete: missing.length === 0, missing };
  });
}

/** Which sections are complete (see sectionProgress). */
export function sectionCompletion(profile: ProfileContent, savedSections: readonly string[] = []): Record<SectionKey, boolean> {
  return Object.fromEntries(sectionProgress(profile, savedSections).map((s) => [s.key, s.complete])) as Record<SectionKey, boolean>;
}

