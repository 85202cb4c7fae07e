import type { z } from "zod";
import { formFailure, parseForm } from "./form.server";

/**
 * A field people never see (hidden off-screen, skipped by keyboard and screen readers) and
 * bots tend to fill. A filled honeypot gets a generic error and nothing is done.
 */
export const HONEYPOT_FIELD = "website_url";

export function isHoneypotFilled(formData: FormData) {
  const value = formData.get(HONEYPOT_FIELD);
  return typeof value === "string" && value.trim() !== "";
}

/**
 * Parses a public form (sign-up, login, reset): a filled honeypot and invalid input both come
 * back as a failure to return with status 400; otherwise the parsed data.
 */
export function parsePublicForm<S extends z.ZodType>(formData: FormData, schema: S) {
  if (isHoneypotFilled(formData)) return { ok: false as const, failure: formFailure(formData, "送信できませんでした。もう一度お試しください。") };
  const parsed = parseForm(formData, schema);
  if (!parsed.ok) return { ok: false as const, failure: parsed };
  return { ok: true as const, data: parsed.data };
}
