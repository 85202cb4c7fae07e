import { describe, expect, it } from "vitest";
import { buildFilter, inList, quote } from "../../search/filters";
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

  it("combine places with OR, everything else with AND, and leave a facet out for its own counts", () => {
    const q = query({ prefecture: ["13"], region: ["kinki"], department: ["naika", "geka"], kind: "CLINIC", supervision: "1", learning: ["time"] });
    expect(buildFilter(q)).toBe(
      '(prefectureCode IN ["13"] OR regionCode IN ["kinki"]) AND (departmentCodes = "naika" AND departmentCodes = "geka") AND (kind = "CLINIC") AND (supervisorAvailable = true) AND (learningTimeProtected = true)',
    );
    expect(buildFilter(q, "prefecture")).not.toContain("prefectureCode");
    expect(buildFilter(q, "department")).not.toContain("departmentCodes");
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
