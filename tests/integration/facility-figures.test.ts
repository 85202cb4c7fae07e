import { describe, expect, it } from "vitest";
import { deliverSearchOutbox } from "../../search/sync.server";
import { flushFigures } from "~/facilities/figures.server";
import { runFeeCycle } from "~/payments/fee-cycle.server";
import { loader as facilityPage } from "~/routes/facilities.$slug";
import { loader as dashboard } from "~/routes/facility.facilities.$facilityId._index";
import { loader as searchPage } from "~/routes/search";
import { prisma } from "~/utils/db.server";
import { createListing, createUser, signedIn, withRendered } from "../helpers/factories";
import { BASE, context } from "../helpers/requests";

const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

function visit(path: string, { ua = BROWSER, cookie, headers = {} }: { ua?: string; cookie?: string; headers?: Record<string, string> } = {}) {
  return new Request(`${BASE}${path}`, { headers: { "User-Agent": ua, ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

describe("a facility's own figures", () => {
  it("counts page views on the server without bots, prefetches or staff, counts search appearances, and shows them by month on the dashboard", async () => {
    const listing = await createListing({ name: "社会医療法人 渡邉会 山﨑記念病院", prefectureCode: "08" });
    const member = await signedIn("FACILITY_MEMBER");
    await prisma.operatorMember.create({ data: { operatorId: listing.operatorId, userId: member.user.id } });
    const physician = await signedIn("PHYSICIAN");
    const page = (request: Request) => facilityPage({ request, params: { slug: listing.slug }, context: context() });

    await page(visit(`/facilities/${listing.slug}`));
    await page(visit(`/facilities/${listing.slug}`, { cookie: physician.cookie }));
    await page(visit(`/facilities/${listing.slug}`, { ua: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }));
    await page(visit(`/facilities/${listing.slug}`, { ua: "" }));
    await page(visit(`/facilities/${listing.slug}`, { headers: { "Sec-Purpose": "prefetch" } }));
    await page(visit(`/facilities/${listing.slug}`, { cookie: member.cookie }));
    // The listing is in the index before it is searched for (the worker does this in the site).
    expect(await deliverSearchOutbox()).not.toHaveProperty("error");
    const found = await searchPage({ request: visit(`/search?q=${encodeURIComponent("山﨑記念")}`), params: {}, context: context() });
    expect(found.result.hits.map((h) => h.slug)).toContain(listing.slug);
    await flushFigures();
    const stat = await prisma.facilityDailyStat.findFirstOrThrow({ where: { facilityId: listing.id } });
    expect(stat.pageViews).toBe(2);
    expect(stat.searchAppearances).toBeGreaterThanOrEqual(1);
    // A second flush adds to the same day.
    await page(visit(`/facilities/${listing.slug}`));
    await flushFigures();
    expect((await prisma.facilityDailyStat.findFirstOrThrow({ where: { facilityId: listing.id } })).pageViews).toBe(3);

    await prisma.favourite.create({ data: { userId: physician.user.id, facilityId: listing.id } });
    const thread = await prisma.inquiryThread.create({ data: { facilityId: listing.id, physicianId: physician.user.id, topic: "TRAINING" } });
    await prisma.threadMessage.createMany({
      data: [
        { threadId: thread.id, side: "PHYSICIAN", authorId: physician.user.id, body: "見学を希望します。" },
        { threadId: thread.id, side: "FACILITY", authorId: member.user.id, body: "ぜひお越しください。" },
        { threadId: thread.id, side: "FACILITY", body: "", event: "DISCLOSED" },
      ],
    });
    const d = await dashboard({ request: visit(`/facility/facilities/${listing.id}`, { cookie: member.cookie }), params: { facilityId: listing.id }, context: context() });
    expect(d.figures?.months).toHaveLength(12);
    expect(d.figures?.total).toMatchObject({ views: 3, favourites: 1, inquiries: 1, replies: 1 });
    expect(d.figures?.favouritesNow).toBe(1);
    expect(d.figures?.months.at(-1)).toMatchObject({ views: 3, inquiries: 1, replies: 1 });

    // Another facility's member cannot see them.
    const stranger = await signedIn("FACILITY_MEMBER");
    await expect(dashboard({ request: visit(`/facility/facilities/${listing.id}`, { cookie: stranger.cookie }), params: { facilityId: listing.id }, context: context() })).rejects.toMatchObject({ status: 404 });
  });

  it("sums up the year in the first renewal notice", async () => {
    const listing = await createListing({ name: "つくば北診療所" });
    const user = await createUser({ role: "FACILITY_MEMBER", email: "renewal-figures@example.jp" });
    await prisma.operatorMember.create({ data: { operatorId: listing.operatorId, userId: user.id } });
    const february = new Date("2027-02-05T00:00:00Z");
    await prisma.facilityDailyStat.create({ data: { facilityId: listing.id, day: new Date("2027-01-10"), pageViews: 1234, searchAppearances: 5678 } });
    await runFeeCycle(february);
    const mail = await withRendered(prisma.mailOutbox.findFirstOrThrow({ where: { toAddress: user.email, template: "fee-notice" } }));
    expect(mail.text).toContain("公開ページの閲覧 1,234回");
    expect(mail.text).toContain("検索結果への表示 5,678回");
    expect(mail.text).toContain("2026年3月〜2027年2月");
  });
});
