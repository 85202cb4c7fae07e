import { describe, expect, it } from "vitest";
import { billingFiscalYear, inNextYearWindow, isPaidUp, isPastGrace, taxOn, yen } from "~/billing/policy";
import { noticesDue } from "~/payments/fee-cycle.server";

const jst = (iso: string) => new Date(`${iso}+09:00`);

describe("the fee policy", () => {
  it("bills the next fiscal year from the configured month (February by default) until 31 March", () => {
    expect(billingFiscalYear(jst("2027-01-31T23:59:59"), 2)).toBe(2026);
    expect(billingFiscalYear(jst("2027-02-01T00:00:00"), 2)).toBe(2027);
    expect(billingFiscalYear(jst("2027-03-31T23:59:59"), 2)).toBe(2027);
    expect(billingFiscalYear(jst("2027-04-01T00:00:00"), 2)).toBe(2027);
    expect(billingFiscalYear(jst("2026-11-21T12:00:00"), 2)).toBe(2026);
    expect(inNextYearWindow(jst("2027-03-15T00:00:00"), 0)).toBe(false); // 0 turns the window off
    expect(billingFiscalYear(jst("2027-03-15T00:00:00"), 3)).toBe(2027);
    expect(billingFiscalYear(jst("2027-02-15T00:00:00"), 3)).toBe(2026);
  });

  it("counts a listing paid up for the current year, or in the window for the next", () => {
    expect(isPaidUp([2026], jst("2026-11-21T00:00:00"), 2)).toBe(true);
    expect(isPaidUp([2025], jst("2026-11-21T00:00:00"), 2)).toBe(false);
    expect(isPaidUp([2027], jst("2027-02-10T00:00:00"), 2)).toBe(true); // paid early, starts now
    expect(isPaidUp([2027], jst("2027-01-10T00:00:00"), 2)).toBe(false);
  });

  it("lets the grace period run from 1 April in Japan", () => {
    expect(isPastGrace(jst("2027-04-30T23:59:59"), 30)).toBe(false);
    expect(isPastGrace(jst("2027-05-01T00:00:00"), 30)).toBe(true);
    expect(isPastGrace(jst("2027-04-01T00:00:00"), 0)).toBe(true);
  });

  it("rounds the consumption tax down once per receipt", () => {
    expect(taxOn(30_000, 10)).toBe(3_000);
    expect(taxOn(12_345, 10)).toBe(1_234);
    expect(taxOn(30_000, 8)).toBe(2_400);
    expect(yen(33_000)).toBe("¥33,000");
  });

  it("schedules renewal notices before the year ends and reminders inside the grace period", () => {
    const kinds = (iso: string) => noticesDue(jst(iso), 30).map((n) => `${n.kind}:${n.fiscalYear}`);
    expect(kinds("2026-11-21T00:00:00")).toEqual([]);
    expect(kinds("2027-02-10T00:00:00")).toEqual(["renewal-60:2027"]);
    expect(kinds("2027-03-25T00:00:00")).toEqual(["renewal-60:2027", "renewal-14:2027"]);
    expect(kinds("2027-04-05T00:00:00")).toEqual(["reminder-1:2027"]);
    expect(kinds("2027-04-26T00:00:00")).toEqual(["reminder-1:2027", "reminder-final:2027"]);
    expect(kinds("2027-05-02T00:00:00")).toEqual([]);
  });
});
