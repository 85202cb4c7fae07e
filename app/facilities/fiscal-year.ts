/**
 * Japan's fiscal year (年度): 1 April – 31 March, counted in Japan time. A fiscal year is named by
 * the calendar year it starts in: 2026 = 令和8年度 (2026-04-01 – 2027-03-31).
 */
const JST_OFFSET_MS = 9 * 3600_000;

export function fiscalYearOf(date: Date): number {
  const jst = new Date(date.getTime() + JST_OFFSET_MS);
  const month = jst.getUTCMonth() + 1;
  return month >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

/** The first and last instants of a fiscal year, as UTC Dates. */
export function fiscalYearRange(fiscalYear: number) {
  return {
    start: new Date(Date.UTC(fiscalYear, 3, 1) - JST_OFFSET_MS),
    end: new Date(Date.UTC(fiscalYear + 1, 3, 1) - JST_OFFSET_MS - 1),
  };
}

/** 令和8年度 for 2026; 令和元年度 for 2019. */
export function fiscalYearLabel(fiscalYear: number): string {
  const reiwa = fiscalYear - 2018;
  if (reiwa < 1) return `平成${fiscalYear - 1988}年度`;
  return `令和${reiwa === 1 ? "元" : reiwa}年度`;
}
