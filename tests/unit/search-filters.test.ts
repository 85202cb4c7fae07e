import { describe, expect, it } from "vitest";
import { ACTIVITIES } from "../../app/reference/activities";
import { DEPARTMENTS } from "../../app/reference/departments";
import { EMPLOYMENT_FORMS } from "../../app/reference/employment-forms";
import { PREFECTURES, REGIONS } from "../../app/reference/prefectures";
import { facetCode, LEARNING_FILTERS, parseFacetCode } from "../../search/definition";
import { buildFilter, inList, quote } from "../../search/filters";
import { MAX_FACET_VALUES } from "../../search/settings";
import { parseSearchParams, parseSearchParamsLeniently, searchQuerySchema, toSearchParams } from "../../search/query";

const query = (over: Partial<ReturnType<typeof searchQuerySchema.parse>> = {}) => ({ ...searchQuerySchema.parse({}), ...over });

describe("filter expressions", () => {
  it("quote every value as one string literal, escaping quotes and backslashes", () => {
    expect(quote("13")).toBe('"13"');
    expect(quote('13" OR prefectureCode = "14')).toBe('"13\\" OR prefectureCode = \\"14"');
    expect(quote("a\\")).toBe('"a\\\\"');
    expect(quote('\\" OR 1=1 OR "')).toBe('"\\\\\\" OR 1=1 OR \\""');
    expect(inList("prefectureCode", ["01", 'x"]) OR (kind = "CLINIC'])).toBe('prefectureCode IN ["01", "x\\"]) OR (kind = \\"CLINIC"]');
  });

  it("give every filter value of every listing its own code, all within Meilisearch's count of facet values", () => {
    const codes = new Set([
      ...PREFECTURES.map((p) => facetCode("prefecture", p.code)),
      ...REGIONS.map((r) => facetCode("region", r.code)),
      ...DEPARTMENTS.map((d) => facetCode("department", d.code)),
      ...["HOSPITAL", "CLINIC"].map((k) => facetCode("kind", k)),
      ...EMPLOYMENT_FORMS.map((f) => facetCode("employment", f.code)),
      ...ACTIVITIES.map((a) => facetCode("activity", a.code)),
      facetCode("supervision", "1"),
      ...LEARNING_FILTERS.map((l) => facetCode("learning", l.code)),
    ]);
    expect(codes.size).toBe(PREFECTURES.length + REGIONS.length + DEPARTMENTS.length + 2 + EMPLOYMENT_FORMS.length + ACTIVITIES.length + 1 + LEARNING_FILTERS.length);
    expect(codes.size).toBeLessThan(MAX_FACET_VALUES);
    for (const code of codes) expect(facetCode(parseFacetCode(code)!.group, parseFacetCode(code)!.value)).toBe(code);
    expect(parseFacetCode("x:1")).toBeUndefined();
    expect(parseFacetCode("naika")).toBeUndefined();
  });

  it("combine places with OR, everything else with AND, and leave a facet out for its own counts", () => {
    const q = query({ prefecture: ["13"], region: ["kinki"], department: ["naika", "geka"], kind: "CLINIC", supervision: "1", learning: ["time"] });
    expect(buildFilter(q)).toBe(
      '(facetCodes IN ["p:13"] OR facetCodes IN ["r:kinki"]) AND (facetCodes = "d:naika" AND facetCodes = "d:geka") AND (facetCodes = "k:CLINIC") AND (facetCodes = "s:1") AND (facetCodes = "l:time")',
    );
    expect(buildFilter(q, "prefecture")).not.toMatch(/"[pr]:/);
    expect(buildFilter(q, "department")).not.toContain('"d:');
    expect(buildFilter(query())).toBe("");
  });
});

describe("search parameters", () => {
  it("accept only codes from the reference lists, with Japanese messages", () => {
    const bad = parseSearchParams(new URLSearchParams("prefecture=48&department=AND&perPage=51&page=0&sort=random"));
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining(["都道府県の値が正しくありません", "診療科の値が正しくありません", "件数は50以下です", "ページ番号は1以上です", "並び順の値が正しくありません"]),
    );
    expect(parseSearchParams(new URLSearchParams(`q=${"あ".repeat(101)}`)).success).toBe(false);
    const ok = parseSearchParams(new URLSearchParams("prefecture=13&prefecture=14&department=naika&sort=kana&page=2"));
    expect(ok.data).toMatchObject({ prefecture: ["13", "14"], department: ["naika"], sort: "kana", page: 2, perPage: 20 });
  });

  it("drop unknown values on the page instead of failing, and round-trip through the URL", () => {
    const q = parseSearchParamsLeniently(new URLSearchParams('prefecture=13&prefecture=13" OR 1&department=naika&kind=SPACESHIP&page=abc'));
    expect(q).toMatchObject({ prefecture: ["13"], department: ["naika"], page: 1 });
    expect(q.kind).toBeUndefined();
    expect(toSearchParams(q).toString()).toBe("prefecture=13&department=naika");
  });
});
