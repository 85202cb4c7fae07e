import { describe, expect, it } from "vitest";
import { loader as homeLoader } from "~/routes/secretariat._index";
import { prisma } from "~/utils/db.server";
import { createListing, createOperatorWithFacility, signedIn } from "../helpers/factories";
import { context, getRequest, responseOf } from "../helpers/requests";

const args = (request: Request) => ({ request, context: context(), params: {} });
const DAY = 86_400_000;

describe("the secretariat's home", () => {
  it("shows today's numbers, each with where to act: waiting applications and the longest wait, reports, unpaid fees, empty prefectures", async () => {
    const office = await signedIn("SECRETARIAT");
    const member = await signedIn("FACILITY_MEMBER");
    const { facility } = await createOperatorWithFacility(member.user.id);
    await prisma.facility.update({ where: { id: facility.id }, data: { status: "SUBMITTED", submittedAt: new Date(Date.now() - 6.5 * DAY) } });
    const tokyo = await createListing({ prefectureCode: "13" });
    await createListing({ prefectureCode: "13" });
    await createListing({ prefectureCode: "47" }, { status: "APPROVED" }); // approved, unpaid, not public
    await prisma.listingReport.create({ data: { facilityId: tokyo.id, reason: "OUTDATED", details: "受け入れを終了したようです。", createdAt: new Date(Date.now() - DAY) } });

    const { today } = await homeLoader(args(getRequest("/secretariat", { cookie: office.cookie })));
    const figure = (key: string) => today.find((f) => f.key === key)!;
    expect(figure("applications")).toMatchObject({ value: 1, detail: "最も古いもので6日待ち", urgent: true, href: "/secretariat?state=SUBMITTED#queue" });
    expect(figure("revisions")).toMatchObject({ value: 0, urgent: false });
    expect(figure("listing-reports")).toMatchObject({ value: 1, detail: "最も古いもので1日", href: "/secretariat/listing-reports" });
    expect(figure("unpaid").value).toBe(3); // the two listings made here have no fee period, and the approved one
    expect(figure("empty-prefectures")).toMatchObject({ value: 46, href: "/secretariat/coverage" }); // only 東京都 is listed

    const physician = await signedIn("PHYSICIAN");
    expect((await responseOf(() => homeLoader(args(getRequest("/secretariat", { cookie: physician.cookie }))))).status).toBe(403);
  });
});
