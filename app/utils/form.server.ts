import type { z } from "zod";

/**
 * Parses a submitted form with the same zod schema the browser used. On failure returns the
 * field errors and what was typed (minus secrets) so the page re-renders with nothing lost.
 */
export type FieldErrors = Record<string, string[]>;
export type FormValues = Record<string, string | string[]>;
export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: string; values: FormValues };

const SECRET_FIELDS = /password|token/i;

/** The submitted fields; a name sent more than once (a group of checkboxes) becomes a list. */
export function formEntries(formData: FormData, { keepSecrets = true } = {}) {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (!keepSecrets && SECRET_FIELDS.test(key)) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (all.length === 0) continue;
    values[key] = all.length === 1 ? all[0]! : all;
  }
  return values;
}

export function formValues(formData: FormData) {
  return formEntries(formData, { keepSecrets: false });
}

export function parseForm<S extends z.ZodType>(formData: FormData, schema: S):
  | { ok: true; data: z.output<S> }
  | FormFailure {
  const result = schema.safeParse(formEntries(formData));
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, fieldErrors, values: formValues(formData) };
}

export function formFailure(formData: FormData, formError: string, fieldErrors: FieldErrors = {}): FormFailure {
  return { ok: false, fieldErrors, formError, values: formValues(formData) };
}
