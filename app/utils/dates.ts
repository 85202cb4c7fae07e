/**
 * Dates as people in Japan read them, always in Japan time (JST, UTC+9 all year, no daylight
 * saving) whatever the server's zone. The one place for JST and for 和暦, which comes from the
 * calendar in Intl (ja-JP-u-ca-japanese), never from hard-coded era offsets.
 */
const TIME_ZONE = "Asia/Tokyo";
const dateTime = new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeStyle: "short", timeZone: TIME_ZONE });
const dateOnly = new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeZone: TIME_ZONE });
const eraYear = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", timeZone: TIME_ZONE });
const eraDate = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", month: "long", day: "numeric", timeZone: TIME_ZONE });
const parts = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "numeric", day: "numeric", timeZone: TIME_ZONE });

/** 2026年11月21日 9:00 */
export function formatJst(date: Date) {
  return dateTime.format(date);
}

/** 2026年11月21日 */
export function formatJstDate(date: Date) {
  return dateOnly.format(date);
}

/** 令和8年11月21日 (和暦, for documents such as receipts). */
export function formatJstDateJapaneseEra(date: Date) {
  return eraDate.format(date);
}

/** The calendar date in Japan: { year, month (1–12), day }. */
export function jstDate(date: Date) {
  const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day) };
}

/** 2026-11-21: the calendar date in Japan, as forms and file names write it. */
export function jstIsoDate(date: Date) {
  const { year, month, day } = jstDate(date);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whole days elapsed since a moment (0 for none): how long something has waited. */
export function daysSince(since: Date | null | undefined, now = Date.now()) {
  return since ? Math.floor((now - since.getTime()) / 86_400_000) : 0;
}

/** The instant a calendar date in Japan begins (month 1–12). */
export function jstMidnight(year: number, month: number, day = 1) {
  return new Date(Date.UTC(year, month - 1, day) - 9 * 3600_000);
}

/** 令和8年 / 平成元年: the era and year of a date in Japan. */
export function japaneseEraYear(date: Date) {
  const p = eraYear.formatToParts(date);
  return `${p.find((x) => x.type === "era")?.value ?? ""}${p.find((x) => x.type === "year")?.value ?? ""}年`;
}
