import { describe, expect, it } from "vitest";
import { action as reportAction, loader as reportLoader } from "~/routes/facilities.$slug_.report";
import { action as detailAction, loader as detailLoader } from "~/routes/secretariat.listing-reports.$reportId";
import { loader as queueLoader } from "~/routes/secretariat.listing-reports._index";
import { prisma } from "~/utils/db.server";
import type { FormFailure } from "~/utils/form.server";
import { createListing, signedIn, withRendered } from "../helpers/factories";
import { context, getRequest, postForm, responseOf, unwrap } from "../helpers/requests";

const at = (ip: string) => (request: Request, params: Record<string, string> = {}) => ({ request, context: context(ip), params });
const args = at("203.0.113.50");

const REPORT = { reason: "OUTDATED", details: "今年3月で受け入れを終了したと、病院のウェブサイトに書かれています。", contactEmail: "" };

function report(slug: string, fields: Record<string, string> = REPORT, ip = "198.51.100.7") {
  return reportAction(at(ip)(postForm(`/facilities/${slug}/report`, fields), { slug }));
}

describe("reports from the public about a listing", () => {
  it("takes a report without login, tells the secretariat by mail, and lists it in their queue", async () => {
    const office = await signedIn("SECRETARIAT", "office-reports@example.jp");
    const listing = await createListing({ name: "名寄みどりの丘病院" });
    expect((await reportLoader(args(getRequest(`/facilities/${listing.slug}/report`), { slug: listing.slug }))).name).toBe("名寄みどりの丘病院");
    const sent = await responseOf(() => report(listing.slug, { ...REPORT, contactEmail: "ｈａｎａｋｏ＠example.jp" }));
    expect(sent.headers.get("Location")).toBe(`/facilities/${listing.slug}/report?sent=1`);
    const saved = await prisma.listingReport.findFirstOrThrow({ where: { facilityId: listing.id } });
    expect(saved).toMatchObject({ reason: "OUTDATED", details: REPORT.details, contactEmail: "hanako@example.jp", resolvedAt: null });
    const mail = await withRendered(prisma.mailOutbox.findFirstOrThrow({ where: { toAddress: office.user.email, template: "listing-reported" } }));
    expect(mail.subject).toBe("【GMネットワーク】掲載内容についてのお知らせ：名寄みどりの丘病院");
    expect(mail.text).toContain(`/secretariat/listing-reports/${saved.id}`);
    expect(mail.text).not.toContain("受け入れを終了"); // the report's text stays on the site

    const queue = await queueLoader(args(getRequest("/secretariat/listing-reports", { cookie: office.cookie })));
    expect(queue.open.map((r) => r.facilityName)).toEqual(["名寄みどりの丘病院"]);
    const physician = await signedIn("PHYSICIAN");
    expect((await responseOf(() => queueLoader(args(getRequest("/secretariat/listing-reports", { cookie: physician.cookie }))))).status).toBe(403);
    const member = await signedIn("FACILITY_MEMBER");
    expect((await responseOf(() => detailLoader(args(getRequest(`/secretariat/listing-reports/${saved.id}`, { cookie: member.cookie }), { reportId: saved.id })))).status).toBe(403);
  });

  it("refuses a bot (honeypot), bad input (keeping it), an unpublished listing, and too many reports", async () => {
    const listing = await createListing();
    const bot = unwrap<FormFailure>(await report(listing.slug, { ...REPORT, website_url: "http://spam.example" }));
    expect(bot.status).toBe(400);
    const short = unwrap<FormFailure>(await report(listing.slug, { reason: "INACCURATE", details: "違う", contactEmail: "not-an-address" }));
    expect(short.status).toBe(400);
    expect(short.data.fieldErrors.details?.[0]).toBe("詳しい内容は10文字以上で入力してください");
    expect(short.data.fieldErrors.contactEmail?.[0]).toBe("メールアドレスの形式が正しくありません");
    expect(short.data.values).toMatchObject({ details: "違う", contactEmail: "not-an-address" });
    const hidden = await createListing({}, { status: "REVOKED" });
    expect((await responseOf(() => report(hidden.slug))).status).toBe(404);
    expect(await prisma.listingReport.count()).toBe(0);

    // One listing hears once a day from one address; one address makes five attempts an hour
    // (a refused one counts too).
    expect((await responseOf(() => report(listing.slug, REPORT, "192.0.2.1"))).status).toBe(302);
    const again = unwrap<FormFailure>(await report(listing.slug, REPORT, "192.0.2.1"));
    expect(again.status).toBe(429);
    expect(again.data.values.details).toBe(REPORT.details);
    for (let i = 0; i < 3; i++) expect((await responseOf(async () => report((await createListing()).slug, REPORT, "192.0.2.1"))).status).toBe(302);
    expect(unwrap(await report((await createListing()).slug, REPORT, "192.0.2.1")).status).toBe(429);
    expect((await responseOf(() => report(listing.slug, REPORT, "192.0.2.2"))).status).toBe(302); // another address
  });

  it("the secretariat keeps notes and records a resolution once; a change is mailed to the facility's members", async () => {
    const office = await signedIn("SECRETARIAT", "office-resolve@example.jp");
    const member = await signedIn("FACILITY_MEMBER", "member-reported@example.jp");
    const listing = await createListing({ name: "港南クリニック" });
    await prisma.operatorMember.create({ data: { operatorId: listing.operatorId, userId: member.user.id } });
    await responseOf(() => report(listing.slug));
    const { id } = await prisma.listingReport.findFirstOrThrow({ where: { facilityId: listing.id } });
    const post = (fields: Record<string, string>) => detailAction(args(postForm(`/secretariat/listing-reports/${id}`, fields, { cookie: office.cookie }), { reportId: id }));

    await responseOf(() => post({ intent: "note", body: "病院に電話で確認中。受け入れは来年度再開の予定とのこと。" }));
    const empty = unwrap<FormFailure>(await post({ intent: "resolve", resolution: "CORRECTED", resolutionNote: "" }));
    expect(empty.status).toBe(400);
    expect(empty.data.fieldErrors.resolutionNote?.[0]).toBe("対応の内容を入力してください");
    await responseOf(() => post({ intent: "resolve", resolution: "CORRECTED", resolutionNote: "受け入れ再開時期を掲載内容に追記していただきました。" }));
    const page = await detailLoader(args(getRequest(`/secretariat/listing-reports/${id}`, { cookie: office.cookie }), { reportId: id }));
    expect(page.notes.map((n) => n.body)).toEqual(["病院に電話で確認中。受け入れは来年度再開の予定とのこと。"]);
    expect(page.resolved).toMatchObject({ resolution: "医療機関が掲載内容を修正した", note: "受け入れ再開時期を掲載内容に追記していただきました。" });
    const mail = await withRendered(prisma.mailOutbox.findFirstOrThrow({ where: { toAddress: member.user.email, template: "facility-decision" } }));
    expect(mail.text).toContain("受け入れ再開時期を掲載内容に追記していただきました。");
    expect(mail.text).not.toContain("今年3月で受け入れを終了"); // the reporter's words are not passed on

    const twice = unwrap<FormFailure>(await post({ intent: "resolve", resolution: "NO_CHANGE", resolutionNote: "二度目" }));
    expect(twice.status).toBe(409);
    expect((await prisma.listingReport.findUniqueOrThrow({ where: { id } })).resolution).toBe("CORRECTED");
  });

  it("records 'no change needed' without mailing the facility", async () => {
    const office = await signedIn("SECRETARIAT", "office-nochange@example.jp");
    const member = await signedIn("FACILITY_MEMBER", "member-nochange@example.jp");
    const listing = await createListing();
    await prisma.operatorMember.create({ data: { operatorId: listing.operatorId, userId: member.user.id } });
    await responseOf(() => report(listing.slug));
    const { id } = await prisma.listingReport.findFirstOrThrow({ where: { facilityId: listing.id } });
    await responseOf(() => detailAction(args(postForm(`/secretariat/listing-reports/${id}`, { intent: "resolve", resolution: "NO_CHANGE", resolutionNote: "確認の結果、掲載内容は正しいものでした。" }, { cookie: office.cookie }), { reportId: id })));
    expect(await prisma.mailOutbox.count({ where: { toAddress: member.user.email } })).toBe(0);
  });
});
