import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { fiscalYearOf } from "~/billing/fiscal-year";
import { loader as exportLoader } from "~/routes/secretariat.exports.$name";
import { loader as exportsPageLoader } from "~/routes/secretariat.exports._index";
import { prisma } from "~/utils/db.server";
import { createListing, createOperatorWithFacility, signedIn } from "../helpers/factories";
import { context, getRequest, responseOf } from "../helpers/requests";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, context: context(), params });

async function download(name: string, cookie: string, query = "") {
  const response = await responseOf(() => exportLoader(args(getRequest(`/secretariat/exports/${name}${query}`, { cookie }), { name })));
  // Decoded keeping the BOM (Response.text() would drop it, and the BOM is what Excel needs).
  const bytes = response.status === 200 ? new Uint8Array(await response.arrayBuffer()) : new Uint8Array();
  return { response, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

/** The file as Excel would read it: the BOM first, then CSV. */
function rowsOf(text: string) {
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text).toContain("\r\n");
  return parse(text.slice(1)) as string[][];
}

describe("exports for the secretariat", () => {
  it("lists every facility in every state as CSV for Excel, with formula cells neutralised", async () => {
    const office = await signedIn("SECRETARIAT");
    const member = await signedIn("FACILITY_MEMBER");
    await createListing({ name: "=HYPERLINK(\"http://evil.example\",\"クリック\")", city: "名寄市" });
    await createListing({ name: "山﨑内科, 分院\n（旧館）", city: "@SUM(1+1)" });
    await createOperatorWithFacility(member.user.id, { complete: false, name: "-2+3 法人" });
    const { response, text } = await download("facilities.csv", office.cookie);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="gm-network-facilities-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = rowsOf(text);
    expect(header!.slice(0, 5)).toEqual(["ID", "公開URL", "状態", "修正", "医療機関名"]);
    const names = rows.map((r) => r[4]);
    expect(names).toContain(`'=HYPERLINK("http://evil.example","クリック")`);
    expect(names).toContain("山﨑内科, 分院\n（旧館）"); // quoted, whole
    expect(names.indexOf(`'=HYPERLINK("http://evil.example","クリック")`)).toBeLessThan(names.indexOf("山﨑内科, 分院\n（旧館）")); // oldest first
    expect(rows.map((r) => r[10])).toContain("'@SUM(1+1)");
    expect(rows.map((r) => r[22])).toContain("'-2+3 法人");
    expect(rows.map((r) => r[2]).sort()).toEqual(["下書き", "掲載中", "掲載中"].sort());
  });

  it("counts inquiries per month and listings per prefecture, and names no physician", async () => {
    const office = await signedIn("SECRETARIAT");
    const physician = await signedIn("PHYSICIAN", "yamada-taro@example.jp");
    const listing = await createListing({ prefectureCode: "01" });
    await prisma.inquiryThread.create({
      data: {
        facilityId: listing.id, physicianId: physician.user.id, topic: "VISIT", createdAt: new Date("2026-05-10T03:00:00Z"),
        messages: { create: [{ side: "PHYSICIAN", authorId: physician.user.id, body: "見学を希望します", createdAt: new Date("2026-05-10T03:00:00Z") }, { side: "FACILITY", body: "どうぞ", createdAt: new Date("2026-05-31T16:00:00Z") }] },
      },
    });
    const inquiries = rowsOf((await download("inquiries.csv", office.cookie)).text);
    expect(inquiries).toEqual([["月", "新しい相談", "医師からのメッセージ", "医療機関からのメッセージ"], ["2026-05", "1", "1", "0"], ["2026-06", "0", "0", "1"]]); // 31 May 16:00 UTC is 1 June in Japan
    const coverage = rowsOf((await download("coverage.csv", office.cookie)).text);
    expect(coverage).toHaveLength(48);
    expect(coverage[1]).toEqual(["01", "北海道", "1", "0", "0"]);
    for (const name of ["facilities.csv", "applications.csv", "coverage.csv", "inquiries.csv"]) {
      const { text } = await download(name, office.cookie);
      expect(text).not.toContain("yamada-taro");
      expect(text).not.toContain("見学を希望します");
    }
  });

  it("sums up a fiscal year for the 事業報告, on the page and as CSV", async () => {
    const office = await signedIn("SECRETARIAT");
    const fy = fiscalYearOf(new Date());
    const listing = await createListing({ prefectureCode: "47" });
    await prisma.reviewEvent.create({ data: { facilityId: listing.id, action: "SUBMITTED" } });
    await prisma.reviewEvent.create({ data: { facilityId: listing.id, action: "APPROVED" } });
    await prisma.reviewEvent.create({ data: { facilityId: listing.id, action: "SUBMITTED", createdAt: new Date(Date.UTC(fy - 1, 6, 1)) } }); // the year before
    await prisma.feePeriod.create({ data: { facilityId: listing.id, fiscalYear: fy, amountExclTax: 30_000, taxRatePercent: 10, amountTotal: 33_000, paidAt: new Date(), method: "BANK_TRANSFER" } });
    const page = await exportsPageLoader(args(getRequest(`/secretariat/exports?fy=${fy}`, { cookie: office.cookie })));
    const figure = (label: string) => page.report.figures.find((f) => f.label === label)?.value;
    expect(page.report.title).toMatch(/^GMネットワーク 事業報告 令和\d+年度（\d{4}年度）$/);
    expect(figure("年度内の申請")).toBe(1);
    expect(figure("年度内の承認")).toBe(1);
    expect(figure("掲載中の医療機関（現在）")).toBe(1);
    expect(figure("納付額（税込）")).toBe(33_000);
    const csv = rowsOf((await download("annual-report.csv", office.cookie, `?fy=${fy}`)).text);
    expect(csv).toContainEqual(["登録料", "納付額（税込）", "33000", "円"]);
  });

  it("is the secretariat's only", async () => {
    const physician = await signedIn("PHYSICIAN");
    const member = await signedIn("FACILITY_MEMBER");
    expect((await download("facilities.csv", physician.cookie)).response.status).toBe(403);
    expect((await download("facilities.csv", member.cookie)).response.status).toBe(403);
    expect((await responseOf(() => exportLoader(args(getRequest("/secretariat/exports/facilities.csv"), { name: "facilities.csv" })))).status).toBe(302);
    const office = await signedIn("SECRETARIAT");
    expect((await download("users.csv", office.cookie)).response.status).toBe(404);
  });
});
