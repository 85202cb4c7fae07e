import { fiscalYearOf, fiscalYearRange } from "~/billing/fiscal-year";

/**
 * The fee policy (docs/decisions/0007-fees-and-payments.md), as pure functions of the date.
 * A listing is "paid up" when its current fiscal year is paid; from `nextYearFromMonth`
 * (1–3, i.e. late in the fiscal year) a new registration pays for the next fiscal year instead,
 * and that payment also covers the weeks left of the current one. After 1 April an unpaid
 * listing stays up for `graceDays`, then lapses.
 */
const JST_OFFSET_MS = 9 * 3600_000;

export function jstMonth(date: Date) {
  return new Date(date.getTime() + JST_OFFSET_MS).getUTCMonth() + 1;
}

/** Whether `date` falls in the late window in which payments are for the next fiscal year. */
export function inNextYearWindow(date: Date, nextYearFromMonth: number) {
  if (nextYearFromMonth < 1) return false;
  const month = jstMonth(date);
  return month >= nextYearFromMonth && month <= 3;
}

/** The fiscal year a payment made now is for. */
export function billingFiscalYear(date: Date, nextYearFromMonth: number) {
  const fy = fiscalYearOf(date);
  return inNextYearWindow(date, nextYearFromMonth) ? fy + 1 : fy;
}

/** Whether the paid fiscal years keep a listing up at `date` (grace not included). */
export function isPaidUp(paidYears: Iterable<number>, date: Date, nextYearFromMonth: number) {
  const years = new Set(paidYears);
  const fy = fiscalYearOf(date);
  return years.has(fy) || (inNextYearWindow(date, nextYearFromMonth) && years.has(fy + 1));
}

/** Whether an unpaid listing is past its grace period at `date`. */
export function isPastGrace(date: Date, graceDays: number) {
  const { start } = fiscalYearRange(fiscalYearOf(date));
  return date.getTime() >= start.getTime() + graceDays * 86_400_000;
}

/** Consumption tax on a tax-exclusive amount: one rounding per receipt, fractions dropped. */
export function taxOn(amountExclTax: number, ratePercent: number) {
  return Math.floor((amountExclTax * ratePercent) / 100);
}

export function yen(amount: number) {
  return `¥${amount.toLocaleString("ja-JP")}`;
}
