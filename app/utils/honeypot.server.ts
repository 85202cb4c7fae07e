/**
 * A field people never see (hidden off-screen, skipped by keyboard and screen readers) and
 * bots tend to fill. A filled honeypot gets a generic error and nothing is done.
 */
export const HONEYPOT_FIELD = "website_url";

export function isHoneypotFilled(formData: FormData) {
  const value = formData.get(HONEYPOT_FIELD);
  return typeof value === "string" && value.trim() !== "";
}
