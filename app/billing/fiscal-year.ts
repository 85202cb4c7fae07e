import { japaneseEraYear, jstDate, jstMidnight } from "~/utils/dates";

/**
 * Japan's fiscal year (年度): 1 April – 31 March, counted in Japan time. A fiscal year is named by
 * the calendar year it starts in: 2026 = 令和8年度 (2026-04-01 – 2027-03-31).
 */
export function fiscalYearOf(date: Date): number {
  const { year, month } = jstDate(date);
  return month >= 4 ? year : year - 1;
}

/** The first and last instants of a fiscal year, as UTC Dates. */
export function fiscalYearRange(fiscalYear: number) {
  return { start: jstMidnight(fiscalYear, 4), end: new Date(jstMidnight(fiscalYear + 1, 4).getTime() - 1) };
}

/**
 * The one label of a fiscal year, everywhere: 令和8年度（2026年度）. The era is the one in force
 * for most of the year, as government documents name it (2019 = 令和元年度, although April 2019
 * was still 平成).
 */
/** The fiscal years a secretariat page offers: next year back to the site's first (2025). */
export function fiscalYearOptions(now = new Date()) {
  const years: Array<{ value: number; label: string }> = [];
  for (let y = fiscalYearOf(now) + 1; y >= 2025; y--) years.push({ value: y, label: fiscalYearLabel(y) });
  return years;
}

export function fiscalYearLabel(fiscalYear: number): string {
  const era = japaneseEraYear(jstMidnight(fiscalYear, 7));
  return `${era.replace(/年$/, "")}年度（${fiscalYear}年度）`;
}
