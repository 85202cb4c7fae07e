import type { z } from "zod";

/**
 * Parses a submitted form with the same zod schema the browser used. On failure returns the
 * field errors and what was typed (minus secrets) so the page re-renders with nothing lost.
 */
export type FieldErrors = Record<string, string[]>;
export type FormFailure = { ok: false; fieldErrors: FieldErrors; formError?: string; values: Record<string, string> };

const SECRET_FIELDS = /password|token/i;

export function formValues(formData: FormData) {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !SECRET_FIELDS.test(key)) values[key] = value;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(formData: FormData, schema: S):
  | { ok: true; data: z.output<S> }
  | FormFailure {
  const raw = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string"));
  const result = schema.safeParse(raw);
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
