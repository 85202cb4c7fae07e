import { describe, expect, it } from "vitest";
import { formatJstDateJapaneseEra, japaneseEraYear } from "~/utils/dates";
import { isValidCorporateNumber } from "~/utils/corporate-number";
import { fiscalYearLabel, fiscalYearOf, fiscalYearRange } from "~/billing/fiscal-year";
import {
  canEditDraft,
  IllegalTransitionError,
  nextRevisionStatus,
  nextStatus,
  TRANSITIONS,
  type Actor,
  type FacilityEvent,
} from "~/facilities/lifecycle";
import type { FacilityStatus, RevisionStatus } from "~/generated/prisma/enums";

const STATUSES: FacilityStatus[] = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "REJECTED", "PUBLISHED", "REVOKED", "LAPSED"];
const EVENTS = Object.keys(TRANSITIONS) as FacilityEvent[];
const ACTORS: Actor[] = ["member", "secretariat", "system"];

// The lifecycle the issue describes, written out independently of TRANSITIONS.
const LEGAL: Array<[FacilityStatus, FacilityEvent, Actor, FacilityStatus]> = [
  ["DRAFT", "submit", "member", "SUBMITTED"],
  ["RETURNED", "submit", "member", "SUBMITTED"],
  ["SUBMITTED", "return", "secretariat", "RETURNED"],
  ["SUBMITTED", "approve", "secretariat", "APPROVED"],
  ["SUBMITTED", "reject", "secretariat", "REJECTED"],
  ["APPROVED", "publish", "system", "PUBLISHED"],
  ["LAPSED", "publish", "system", "PUBLISHED"],
  ["PUBLISHED", "revoke", "secretariat", "REVOKED"],
  ["REVOKED", "reinstate", "secretariat", "APPROVED"],
  ["PUBLISHED", "lapse", "system", "LAPSED"],
];

describe("the facility state machine", () => {
  it.each(LEGAL)("%s --%s (%s)--> %s", (from, event, actor, to) => {
    expect(nextStatus(from, event, actor)).toBe(to);
  });

  it("refuses every other combination of status, event and actor", () => {
    const legal = new Set(LEGAL.map(([f, e, a]) => `${f}/${e}/${a}`));
    let refused = 0;
    for (const from of STATUSES)
      for (const event of EVENTS)
        for (const actor of ACTORS) {
          if (legal.has(`${from}/${event}/${actor}`)) continue;
          expect(() => nextStatus(from, event, actor), `${from}/${event}/${actor}`).toThrow(IllegalTransitionError);
          refused++;
        }
    expect(refused).toBe(STATUSES.length * EVENTS.length * ACTORS.length - LEGAL.length);
  });

  it("handles revisions of approved content separately", () => {
    expect(nextRevisionStatus("PUBLISHED", "NONE", "submitRevision", "member")).toBe("PENDING");
    expect(nextRevisionStatus("PUBLISHED", "RETURNED", "submitRevision", "member")).toBe("PENDING");
    expect(nextRevisionStatus("APPROVED", "PENDING", "acceptRevision", "secretariat")).toBe("NONE");
    expect(nextRevisionStatus("PUBLISHED", "PENDING", "returnRevision", "secretariat")).toBe("RETURNED");
    const illegal: Array<[FacilityStatus, RevisionStatus, Parameters<typeof nextRevisionStatus>[2], Actor]> = [
      ["DRAFT", "NONE", "submitRevision", "member"],
      ["SUBMITTED", "NONE", "submitRevision", "member"],
      ["REVOKED", "NONE", "submitRevision", "member"],
      ["PUBLISHED", "PENDING", "submitRevision", "member"],
      ["PUBLISHED", "NONE", "acceptRevision", "secretariat"],
      ["PUBLISHED", "PENDING", "acceptRevision", "member"],
      ["REJECTED", "PENDING", "returnRevision", "secretariat"],
    ];
    for (const [status, revision, event, actor] of illegal) {
      expect(() => nextRevisionStatus(status, revision, event, actor), `${status}/${revision}/${event}`).toThrow(IllegalTransitionError);
    }
  });

  it("lets members edit drafts, returned applications and approved content not under review", () => {
    expect(canEditDraft("DRAFT", "NONE")).toBe(true);
    expect(canEditDraft("RETURNED", "NONE")).toBe(true);
    expect(canEditDraft("PUBLISHED", "RETURNED")).toBe(true);
    expect(canEditDraft("SUBMITTED", "NONE")).toBe(false);
    expect(canEditDraft("PUBLISHED", "PENDING")).toBe(false);
    expect(canEditDraft("REJECTED", "NONE")).toBe(false);
    expect(canEditDraft("REVOKED", "NONE")).toBe(false);
  });
});

describe("fiscal years (April–March, Japan time)", () => {
  it("switches on 1 April in Japan, not in UTC", () => {
    expect(fiscalYearOf(new Date("2027-03-31T14:59:59Z"))).toBe(2026); // 23:59:59 JST on 31 March
    expect(fiscalYearOf(new Date("2027-03-31T15:00:00Z"))).toBe(2027); // 00:00 JST on 1 April
    expect(fiscalYearOf(new Date("2026-11-21T00:00:00Z"))).toBe(2026);
    expect(fiscalYearOf(new Date("2026-01-15T00:00:00Z"))).toBe(2025);
  });

  it("names the year in 和暦 from the calendar, with the Western year, and gives its range", () => {
    expect(fiscalYearLabel(2026)).toBe("令和8年度（2026年度）");
    expect(fiscalYearLabel(2019)).toBe("令和元年度（2019年度）"); // April 2019 was still 平成: the year's name is 令和
    expect(fiscalYearLabel(2018)).toBe("平成30年度（2018年度）");
    expect(fiscalYearLabel(1989)).toBe("平成元年度（1989年度）");
    expect(fiscalYearLabel(1988)).toBe("昭和63年度（1988年度）");
    expect(formatJstDateJapaneseEra(new Date("2026-03-31T15:00:00Z"))).toBe("令和8年4月1日");
    expect(japaneseEraYear(new Date("2019-04-30T14:59:59Z"))).toBe("平成31年");
    expect(japaneseEraYear(new Date("2019-04-30T15:00:00Z"))).toBe("令和元年");
    const { start, end } = fiscalYearRange(2026);
    expect(start.toISOString()).toBe("2026-03-31T15:00:00.000Z");
    expect(end.toISOString()).toBe("2027-03-31T14:59:59.999Z");
  });
});

describe("corporate numbers (法人番号)", () => {
  it("accepts numbers whose check digit matches", () => {
    expect(isValidCorporateNumber("7000012050002")).toBe(true); // 国税庁
  });

  it("refuses a changed digit, a wrong length or letters", () => {
    expect(isValidCorporateNumber("7000012050003")).toBe(false);
    expect(isValidCorporateNumber("8000012050002")).toBe(false);
    expect(isValidCorporateNumber("700001205000")).toBe(false);
    expect(isValidCorporateNumber("70000120500021")).toBe(false);
    expect(isValidCorporateNumber("700001205000a")).toBe(false);
  });
});
