import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageText } from "~/components/message-text";
import { digestBoundary } from "~/physicians/alerts.server";
import { facetCodesOf, searchTextOf } from "../../search/definition";
import { matchesSearch, type MatchableListing } from "../../search/match";
import { searchQuerySchema, type SearchQuery } from "../../search/query";
import { isSameOriginRequest, ORIGIN_EXEMPT } from "~/utils/request.server";

const q = (over: Partial<SearchQuery> = {}): SearchQuery => ({ ...searchQuerySchema.parse({}), ...over });
const listing: MatchableListing = {
  text: searchTextOf({
    name: "みどり診療所",
    nameKana: "みどりしんりょうじょ",
    prefectureCode: "13",
    city: "青梅市",
    departmentCodes: ["naika", "geka"],
    activityCodes: ["1-1"],
    stance: "在宅医療と看取りに取り組んでいます",
    hopes: "",
    description: "",
  }),
  facetCodes: facetCodesOf({
    kind: "CLINIC",
    prefectureCode: "13",
    departmentCodes: ["naika", "geka"],
    employmentFormCodes: ["part-time"],
    activityCodes: ["1-1"],
    supervisorAvailable: true,
    learningTimeProtected: false,
    scheduleAdjustment: true,
    programSupport: false,
  }),
};

describe("matching a listing against a saved search", () => {
  it("uses the search's rules: place is a union, departments and activities all required", () => {
    expect(matchesSearch(listing, q({ prefecture: ["27"], region: ["kanto"] }))).toBe(true);
    expect(matchesSearch(listing, q({ prefecture: ["27"] }))).toBe(false);
    expect(matchesSearch(listing, q({ department: ["naika", "geka"] }))).toBe(true);
    expect(matchesSearch(listing, q({ department: ["shinryo-naika"] }))).toBe(false); // 内科 is not 心療内科
    expect(matchesSearch(listing, q({ activity: ["1-1", "1-2"] }))).toBe(false);
    expect(matchesSearch(listing, q({ kind: "HOSPITAL" }))).toBe(false);
    expect(matchesSearch(listing, q({ supervision: "1", learning: ["schedule"] }))).toBe(true);
    expect(matchesSearch(listing, q({ learning: ["time"] }))).toBe(false);
  });

  it("matches free text by the search definition's rule, every word, folded", () => {
    expect(matchesSearch(listing, q({ q: "在宅医療 青梅" }))).toBe(true);
    expect(matchesSearch(listing, q({ q: "在宅医療 小児" }))).toBe(false);
    expect(matchesSearch(listing, q({ q: "東京都 ミドリ 内科" }))).toBe(true); // prefecture, katakana, department
    expect(matchesSearch(listing, q({ q: "midori" }))).toBe(true);
  });
});

describe("message text", () => {
  it("links http(s) addresses only, safely, and escapes everything else", () => {
    const html = renderToStaticMarkup(<MessageText text={'見学は https://example.jp/a?b=1 へ。<script>alert(1)</script> javascript:alert(1) www.example.com'} />);
    expect(html).toContain('<a href="https://example.jp/a?b=1" target="_blank" rel="noopener noreferrer nofollow ugc"');
    expect(html).toContain('href="http://www.example.com"');
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain('href="javascript:');
  });
});

describe("alert digests", () => {
  it("are due once a day from 07:00 Japan time", () => {
    // 06:59 JST on 21 Nov → the boundary is 07:00 JST on 20 Nov; 07:00 JST → that same morning.
    expect(digestBoundary(new Date("2026-11-20T21:59:00Z")).toISOString()).toBe("2026-11-19T22:00:00.000Z");
    expect(digestBoundary(new Date("2026-11-20T22:00:00Z")).toISOString()).toBe("2026-11-20T22:00:00.000Z");
  });
});

describe("unsubscribe posts from mail programs", () => {
  it("are let through the Origin check; other cross-site posts are not", () => {
    const exempt = ORIGIN_EXEMPT;
    expect(isSameOriginRequest("POST", {}, ["https://gm.example"], "/alerts/unsubscribe/abc.def", exempt)).toBe(true);
    expect(isSameOriginRequest("POST", {}, ["https://gm.example"], "/physician/alerts", exempt)).toBe(false);
  });
});
