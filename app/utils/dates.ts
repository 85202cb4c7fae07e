/** Dates as people in Japan read them, always in Japan time whatever the server's zone. */
const dateTime = new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Tokyo" });
const dateOnly = new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeZone: "Asia/Tokyo" });

/** 2026年11月21日 9:00 */
export function formatJst(date: Date) {
  return dateTime.format(date);
}

/** 2026年11月21日 */
export function formatJstDate(date: Date) {
  return dateOnly.format(date);
}
