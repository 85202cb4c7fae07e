import { describe, expect, it } from "vitest";
import { publishedCountsByPrefecture } from "~/facilities/queries.server";
import { loader as home } from "~/routes/_index";
import { prisma } from "~/utils/db.server";
import { createListing } from "../helpers/factories";
import { context, getRequest } from "../helpers/requests";

describe("listings per prefecture (kept between requests)", () => {
  it("follows every publication, revocation and move, and answers from memory when nothing changed", async () => {
    const first = await createListing({ prefectureCode: "31" });
    expect((await publishedCountsByPrefecture())["31"]).toBe(1);
    const second = await createListing({ prefectureCode: "31" });
    expect((await publishedCountsByPrefecture())["31"]).toBe(2);
    // Nothing changed: the same object, not a new count.
    expect(await publishedCountsByPrefecture()).toBe(await publishedCountsByPrefecture());

    await prisma.facility.update({ where: { id: first.id }, data: { status: "REVOKED" } });
    expect((await publishedCountsByPrefecture())["31"]).toBe(1);
    // A revision accepted into another prefecture: the approved profile moves, the facility is touched.
    await prisma.$transaction([
      prisma.facilityProfile.update({ where: { facilityId_stage: { facilityId: second.id, stage: "APPROVED" } }, data: { prefectureCode: "32" } }),
      prisma.facility.update({ where: { id: second.id }, data: { version: { increment: 1 } } }),
    ]);
    const counts = await publishedCountsByPrefecture();
    expect(counts["31"]).toBeUndefined();
    expect(counts["32"]).toBe(1);
    const page = await home({ request: getRequest("/"), params: {}, context: context() });
    expect(page.counts["32"]).toBe(1);
    expect(page.total).toBe(Object.values(counts).reduce((a, n) => a + n, 0));
  });
});
