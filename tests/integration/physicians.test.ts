import { describe, expect, it } from "vitest";
import { openThread } from "~/inquiries/threads.server";
import { sendAlertDigests } from "~/physicians/alerts.server";
import { action as deleteAction } from "~/routes/account.delete";
import { loader as exportLoader } from "~/routes/account.export";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/alerts.unsubscribe.$token";
import { action as inquiryAction, loader as inquiryLoader } from "~/routes/facilities.$slug_.inquiry";
import { loader as inboxLoader } from "~/routes/facility.inbox";
import { action as facilityThreadAction, loader as facilityThreadLoader } from "~/routes/facility.threads.$threadId";
import { action as alertsAction } from "~/routes/physician.alerts";
import { action as favouritesAction, loader as favouritesLoader } from "~/routes/physician.favourites";
import { action as profileAction, loader as profileLoader } from "~/routes/physician.profile";
import { loader as physicianThreadsLoader } from "~/routes/physician.threads._index";
import { loader as physicianHomeLoader } from "~/routes/physician._index";
import { loader as alertsLoader } from "~/routes/physician.alerts";
import { loader as deleteLoader } from "~/routes/account.delete";
import { action as physicianThreadAction, loader as physicianThreadLoader } from "~/routes/physician.threads.$threadId";
import { action as reportedAction, loader as reportedLoader } from "~/routes/secretariat.reports.$threadId";
import { loader as reportsLoader } from "~/routes/secretariat.reports._index";
import { loader as rootLoader } from "~/root";
import { prisma } from "~/utils/db.server";
import type { FormFailure } from "~/utils/form.server";
import { createListing, signedIn, TEST_PASSWORD, withRendered } from "../helpers/factories";
import { context, getRequest, postForm, responseOf, unwrap } from "../helpers/requests";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, context: context(), params });

const PROFILE = {
  name: "山田 太郎",
  nameKana: "やまだ たろう",
  workplaceType: "UNIVERSITY_HOSPITAL",
  prefectureCode: "13",
  specialtyCode: "surgery",
  licenceYear: "2004",
  lookingFor: "training",
  contactByEmail: "on",
  contactPhone: "090-1234-5678",
  contactNote: "平日夜にお願いします",
};

async function physicianWithProfile() {
  const p = await signedIn("PHYSICIAN");
  const response = await responseOf(() => profileAction(args(postForm("/physician/profile", PROFILE, { cookie: p.cookie }))));
  expect(response.status).toBe(302);
  return p;
}

/** A published listing with a facility member who manages it. */
async function listingWithMember(overrides: Parameters<typeof createListing>[0] = {}) {
  const listing = await createListing(overrides);
  const member = await signedIn("FACILITY_MEMBER");
  await prisma.operatorMember.create({ data: { operatorId: listing.operatorId, userId: member.user.id } });
  return { listing, member };
}

async function inquire(cookie: string, slug: string, fields: Record<string, string> = {}) {
  const response = await responseOf(() =>
    inquiryAction(args(postForm(`/facilities/${slug}/inquiry`, { topic: "TRAINING", disclose: "anonymous", body: "研修についてご相談させてください。よろしくお願いします。", ...fields }, { cookie }), { slug })),
  );
  expect(response.status).toBe(302);
  return response.headers.get("Location")!.match(/threads\/([^?]+)/)![1]!;
}

const threadArgs = (path: string, cookie: string, threadId: string, fields?: Record<string, string>) =>
  args(fields ? postForm(path, fields, { cookie }) : getRequest(path, { cookie }), { threadId });

async function unread(cookie: string) {
  const data = (await rootLoader(args(getRequest("/", { cookie })))) as { user: { unread: number } };
  return data.user.unread;
}

describe("physician profile", () => {
  it("saves the profile, and keeps what was typed with Japanese messages when it is wrong", async () => {
    const p = await signedIn("PHYSICIAN");
    const bad = unwrap<FormFailure>(await profileAction(args(postForm("/physician/profile", { ...PROFILE, licenceYear: "平成16", nameKana: "Yamada" }, { cookie: p.cookie }))));
    expect(bad.status).toBe(400);
    expect(bad.data.fieldErrors.licenceYear?.[0]).toContain("西暦4桁");
    expect(bad.data.fieldErrors.nameKana?.[0]).toContain("ひらがなまたはカタカナ");
    expect(bad.data.values.name).toBe("山田 太郎");
    await responseOf(() => profileAction(args(postForm("/physician/profile", PROFILE, { cookie: p.cookie }))));
    const loaded = await profileLoader(args(getRequest("/physician/profile", { cookie: p.cookie })));
    expect(loaded.values).toMatchObject({ name: "山田 太郎", licenceYear: "2004", contactByEmail: "on" });
  });

  it("is for physicians only (403 for others, login for visitors)", async () => {
    const member = await signedIn("FACILITY_MEMBER");
    expect((await responseOf(() => profileLoader(args(getRequest("/physician/profile", { cookie: member.cookie }))))).status).toBe(403);
    const visitor = await responseOf(() => profileLoader(args(getRequest("/physician/profile"))));
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toContain("/login");
  });
});

describe("favourites", () => {
  it("saves and unsaves; a listing that leaves shows as no longer listed", async () => {
    const p = await signedIn("PHYSICIAN");
    const listing = await createListing({ name: "お気に入り診療所" });
    const save = (intent: string, slug = listing.slug) => responseOf(() => favouritesAction(args(postForm("/physician/favourites", { slug, intent, redirectTo: "/search" }, { cookie: p.cookie }))));
    expect((await save("save")).headers.get("Location")).toBe("/search");
    let list = await favouritesLoader(args(getRequest("/physician/favourites", { cookie: p.cookie })));
    expect(list.favourites).toMatchObject([{ name: "お気に入り診療所", listed: true }]);
    await prisma.facility.update({ where: { id: listing.id }, data: { status: "REVOKED" } });
    list = await favouritesLoader(args(getRequest("/physician/favourites", { cookie: p.cookie })));
    expect(list.favourites).toMatchObject([{ name: "お気に入り診療所", listed: false }]);
    await save("unsave");
    list = await favouritesLoader(args(getRequest("/physician/favourites", { cookie: p.cookie })));
    expect(list.favourites).toEqual([]);
  });

  it("cannot save a listing that is not published", async () => {
    const p = await signedIn("PHYSICIAN");
    const draft = await createListing({}, { status: "SUBMITTED" });
    const { status } = unwrap(await favouritesAction(args(postForm("/physician/favourites", { slug: draft.slug, intent: "save" }, { cookie: p.cookie }))));
    expect(status).toBe(404);
    expect(await prisma.favourite.count()).toBe(0);
  });
});

describe("inquiry threads", () => {
  it("runs a whole anonymous conversation: unread counts, reply, disclosure, close and reopen", async () => {
    const physician = await physicianWithProfile();
    const { listing, member } = await listingWithMember({ name: "みどり診療所" });
    const threadId = await inquire(physician.cookie, listing.slug);

    // The facility sees it in its inbox, unread, with only the anonymous summary.
    expect(await unread(member.cookie)).toBe(1);
    const inbox = await inboxLoader(args(getRequest("/facility/inbox", { cookie: member.cookie })));
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ unread: true });
    expect(inbox.items[0]!.title).toContain("外科");
    expect(inbox.items[0]!.title).not.toContain("山田");
    const view = (await facilityThreadLoader(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId))).view;
    expect(view.summary).toEqual({ specialty: "外科", yearsSinceLicence: new Date().getFullYear() - 2004, prefecture: "東京都" });
    expect(view.disclosure).toBeNull();
    expect(JSON.stringify(view)).not.toContain("山田");
    expect(await unread(member.cookie)).toBe(0); // reading marks it read

    // The facility replies; the physician has one unread thread.
    const reply = await responseOf(() => facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "message", body: "ご相談ありがとうございます。見学もできます https://example.jp/visit" })));
    expect(reply.status).toBe(302);
    expect(await unread(physician.cookie)).toBe(1);
    const list = await physicianThreadsLoader(args(getRequest("/physician/threads", { cookie: physician.cookie })));
    expect(list.items[0]).toMatchObject({ title: "みどり診療所", unread: true });

    // Disclosing takes two steps: a post without the confirmation (a stray click, no JavaScript)
    // only opens it, showing exactly what would be sent; nothing is sent yet.
    const asked = await responseOf(() => physicianThreadAction(threadArgs(`/physician/threads/${threadId}`, physician.cookie, threadId, { intent: "disclose" })));
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe(`/physician/threads/${threadId}?confirm=disclose#confirm`);
    expect((await prisma.inquiryThread.findUniqueOrThrow({ where: { id: threadId } })).disclosedAt).toBeNull();
    const confirmation = await physicianThreadLoader(threadArgs(`/physician/threads/${threadId}?confirm=disclose`, physician.cookie, threadId));
    expect(confirmation.confirm).toBe("disclose");
    expect(confirmation.preview).toMatchObject({ name: "山田 太郎", email: physician.user.email, phone: "090-1234-5678" });
    expect((await facilityThreadLoader(threadArgs(`/facility/threads/${threadId}?confirm=disclose`, member.cookie, threadId))).confirm).toBeNull();

    // Confirmed, the facility sees the name and the allowed contacts.
    await responseOf(() => physicianThreadAction(threadArgs(`/physician/threads/${threadId}`, physician.cookie, threadId, { intent: "disclose", confirmed: "yes" })));
    const named = (await facilityThreadLoader(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId))).view;
    expect(named.disclosure).toMatchObject({ name: "山田 太郎", email: physician.user.email, phone: "090-1234-5678" });
    expect(named.messages.some((m) => m.isEvent && m.body.includes("開示"))).toBe(true);

    // The facility closes it; writing needs a reopen, which either side may do.
    await responseOf(() => facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "close" })));
    const closed = unwrap<FormFailure>(await physicianThreadAction(threadArgs(`/physician/threads/${threadId}`, physician.cookie, threadId, { intent: "message", body: "もう一点よろしいですか" })));
    expect(closed.status).toBe(409);
    expect(closed.data.formError).toContain("再開");
    expect(closed.data.values.body).toBe("もう一点よろしいですか"); // nothing typed is lost
    await responseOf(() => physicianThreadAction(threadArgs(`/physician/threads/${threadId}`, physician.cookie, threadId, { intent: "reopen" })));
    expect((await prisma.inquiryThread.findUniqueOrThrow({ where: { id: threadId } })).status).toBe("OPEN");
  });

  it("rejects empty and overlong messages with Japanese messages, keeping the text", async () => {
    const physician = await physicianWithProfile();
    const { listing } = await listingWithMember();
    const empty = unwrap<FormFailure>(await inquiryAction(args(postForm(`/facilities/${listing.slug}/inquiry`, { topic: "TRAINING", disclose: "anonymous", body: "短い" }, { cookie: physician.cookie }), { slug: listing.slug })));
    expect(empty.status).toBe(400);
    expect(empty.data.fieldErrors.body?.[0]).toContain("10文字以上");
    const long = "あ".repeat(4001);
    const tooLong = unwrap<FormFailure>(await inquiryAction(args(postForm(`/facilities/${listing.slug}/inquiry`, { topic: "VISIT", disclose: "named", body: long }, { cookie: physician.cookie }), { slug: listing.slug })));
    expect(tooLong.data.fieldErrors.body?.[0]).toContain("4000文字以内");
    expect(tooLong.data.values.body).toBe(long);
  });

  it("asks for a profile before the first inquiry", async () => {
    const p = await signedIn("PHYSICIAN");
    const { listing } = await listingWithMember();
    const page = await inquiryLoader(args(getRequest(`/facilities/${listing.slug}/inquiry`, { cookie: p.cookie }), { slug: listing.slug }));
    expect(page.hasProfile).toBe(false);
    const { status, data } = unwrap<FormFailure>(await inquiryAction(args(postForm(`/facilities/${listing.slug}/inquiry`, { topic: "TRAINING", disclose: "anonymous", body: "研修についてご相談させてください。" }, { cookie: p.cookie }), { slug: listing.slug })));
    expect(status).toBe(409);
    expect(data.formError).toContain("プロフィール");
  });

  it("mails the other side at most once per thread per 10 minutes, with no message text", async () => {
    const physician = await physicianWithProfile();
    const { listing, member } = await listingWithMember();
    const t0 = new Date();
    const opened = await openThread({ physicianId: physician.user.id, email: physician.user.email, facilityId: listing.id, topic: "EMPLOYMENT", disclose: "anonymous", body: "非常勤での勤務について秘密の相談があります。", now: t0 });
    if (!opened.ok) throw new Error(opened.error);
    const mails = () => withRendered(prisma.mailOutbox.findMany({ where: { toAddress: member.user.email, template: "new-message" }, orderBy: { createdAt: "asc" } }));
    expect(await mails()).toHaveLength(1);
    const [first] = await mails();
    expect(first!.text).not.toContain("秘密の相談");
    expect(first!.html).not.toContain("秘密の相談");
    expect(first!.text).toContain(`/facility/threads/${opened.threadId}`);

    const { postMessage, threadForPhysician } = await import("~/inquiries/threads.server");
    const access = (await threadForPhysician(physician.user.id, opened.threadId))!;
    await postMessage({ access, authorId: physician.user.id, body: "追伸です。", now: new Date(t0.getTime() + 5 * 60_000) });
    expect(await mails()).toHaveLength(1); // within 10 minutes: no second mail
    await postMessage({ access, authorId: physician.user.id, body: "さらに追伸です。", now: new Date(t0.getTime() + 11 * 60_000) });
    expect(await mails()).toHaveLength(2);
  });

  it("limits new threads per physician per day", async () => {
    const physician = await physicianWithProfile();
    for (let i = 0; i < 5; i++) {
      const { listing } = await listingWithMember();
      await inquire(physician.cookie, listing.slug);
    }
    const { listing } = await listingWithMember();
    const { status, data } = unwrap<FormFailure>(await inquiryAction(args(postForm(`/facilities/${listing.slug}/inquiry`, { topic: "TRAINING", disclose: "anonymous", body: "研修についてご相談させてください。" }, { cookie: physician.cookie }), { slug: listing.slug })));
    expect(status).toBe(429);
    expect(data.formError).toContain("上限");
  });
});

describe("who may see and do what, per thread", () => {
  async function conversation() {
    const physician = await physicianWithProfile();
    const { listing, member } = await listingWithMember();
    const threadId = await inquire(physician.cookie, listing.slug);
    return { physician, member, listing, threadId };
  }

  it("a physician cannot read or post in another physician's thread", async () => {
    const { threadId } = await conversation();
    const other = await signedIn("PHYSICIAN");
    expect((await responseOf(() => physicianThreadLoader(threadArgs(`/physician/threads/${threadId}`, other.cookie, threadId)))).status).toBe(404);
    expect((await responseOf(() => physicianThreadAction(threadArgs(`/physician/threads/${threadId}`, other.cookie, threadId, { intent: "message", body: "横から失礼します" })))).status).toBe(404);
    expect(await prisma.threadMessage.count({ where: { threadId, body: "横から失礼します" } })).toBe(0);
  });

  it("a facility member cannot read or post in another facility's threads", async () => {
    const { threadId } = await conversation();
    const { member: stranger } = await listingWithMember();
    expect((await responseOf(() => facilityThreadLoader(threadArgs(`/facility/threads/${threadId}`, stranger.cookie, threadId)))).status).toBe(404);
    expect((await responseOf(() => facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, stranger.cookie, threadId, { intent: "message", body: "他院です" })))).status).toBe(404);
    const inbox = await inboxLoader(args(getRequest("/facility/inbox", { cookie: stranger.cookie })));
    expect(inbox.items).toEqual([]);
  });

  it("each side's pages refuse the other roles", async () => {
    const { physician, member, threadId } = await conversation();
    expect((await responseOf(() => facilityThreadLoader(threadArgs(`/facility/threads/${threadId}`, physician.cookie, threadId)))).status).toBe(403);
    expect((await responseOf(() => physicianThreadLoader(threadArgs(`/physician/threads/${threadId}`, member.cookie, threadId)))).status).toBe(403);
    const office = await signedIn("SECRETARIAT");
    expect((await responseOf(() => physicianThreadLoader(threadArgs(`/physician/threads/${threadId}`, office.cookie, threadId)))).status).toBe(403);
    expect((await responseOf(() => facilityThreadLoader(threadArgs(`/facility/threads/${threadId}`, office.cookie, threadId)))).status).toBe(403);
  });

  it("a facility member cannot disclose for the physician", async () => {
    const { member, threadId } = await conversation();
    const { status } = unwrap(await facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "disclose", confirmed: "yes" })));
    expect(status).toBe(403);
    expect((await prisma.inquiryThread.findUniqueOrThrow({ where: { id: threadId } })).disclosure).toBeNull();
  });

  it("a blocked physician cannot post nor open a new thread, and is told only that messages are not accepted", async () => {
    const { physician, member, listing, threadId } = await conversation();
    const asked = await responseOf(() => facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "block" })));
    expect(asked.headers.get("Location")).toBe(`/facility/threads/${threadId}?confirm=block#confirm`);
    expect(await prisma.facilityBlock.count({ where: { physicianId: physician.user.id } })).toBe(0); // not confirmed: nothing happened
    await responseOf(() => facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "block", confirmed: "yes" })));
    const post = unwrap<FormFailure>(await physicianThreadAction(threadArgs(`/physician/threads/${threadId}`, physician.cookie, threadId, { intent: "message", body: "お返事をお待ちしています" })));
    expect(post.status).toBe(403);
    expect(post.data.formError).toBe("この医療機関は現在メッセージを受け付けていません。");
    const again = unwrap<FormFailure>(await inquiryAction(args(postForm(`/facilities/${listing.slug}/inquiry`, { topic: "VISIT", disclose: "anonymous", body: "見学についてご相談させてください。" }, { cookie: physician.cookie }), { slug: listing.slug })));
    expect(again.status).toBe(403);
    const page = (await physicianThreadLoader(threadArgs(`/physician/threads/${threadId}`, physician.cookie, threadId))).view;
    expect(page.blocked).toBe(true);
    // Unblocked, they can write again.
    await responseOf(() => facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "unblock" })));
    expect((await responseOf(() => physicianThreadAction(threadArgs(`/physician/threads/${threadId}`, physician.cookie, threadId, { intent: "message", body: "ありがとうございます" })))).status).toBe(302);
  });

  it("limits reports per thread (each mails the secretariat) and facility-side messages per day", async () => {
    const { member, threadId } = await conversation();
    const office = await signedIn("SECRETARIAT");
    const report = () => facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "report", reason: "不適切な勧誘が含まれています" }));
    for (let i = 0; i < 3; i++) await responseOf(report);
    const fourth = unwrap<FormFailure>(await report());
    expect(fourth.status).toBe(429);
    expect(fourth.data.formError).toContain("通報は受け付け済みです");
    expect(await prisma.mailOutbox.count({ where: { toAddress: office.user.email, template: "thread-reported" } })).toBe(3);
    // Messages from the facility side have a daily ceiling too.
    await prisma.rateLimitBucket.create({ data: { key: `messages:${member.user.id}`, windowStart: new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000), count: 200 } });
    const message = unwrap<FormFailure>(await facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "message", body: "ご連絡ありがとうございます。" })));
    expect(message.status).toBe(429);
    expect(message.data.values.body).toBe("ご連絡ありがとうございます。"); // kept in the box
  });

  it("the secretariat reads a thread only while it has an open report", async () => {
    const { member, threadId } = await conversation();
    const office = await signedIn("SECRETARIAT");
    const read = () => responseOf(() => reportedLoader(threadArgs(`/secretariat/reports/${threadId}`, office.cookie, threadId)));
    expect((await read()).status).toBe(404);

    await responseOf(() => facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "report", reason: "不適切な勧誘が含まれています" })));
    expect((await withRendered(prisma.mailOutbox.findFirst({ where: { toAddress: office.user.email, template: "thread-reported" } })))?.text).not.toContain("研修について");
    const reports = await reportsLoader(args(getRequest("/secretariat/reports", { cookie: office.cookie })));
    expect(reports.reports).toMatchObject([{ threadId, side: "FACILITY", reason: "不適切な勧誘が含まれています" }]);
    expect(JSON.stringify(reports)).not.toContain("研修について"); // the list shows no message text
    const view = (await reportedLoader(threadArgs(`/secretariat/reports/${threadId}`, office.cookie, threadId))).view;
    expect(view.messages[0]!.body).toContain("研修について");

    await responseOf(() => reportedAction(threadArgs(`/secretariat/reports/${threadId}`, office.cookie, threadId, {})));
    expect((await read()).status).toBe(404);
    // Neither a physician nor a facility member can open the secretariat's page.
    expect((await responseOf(() => reportedLoader(threadArgs(`/secretariat/reports/${threadId}`, member.cookie, threadId)))).status).toBe(403);
  });
});

describe("every page added refuses the wrong role", () => {
  const physicianOnly = [
    ["/physician", physicianHomeLoader],
    ["/physician/profile", profileLoader],
    ["/physician/favourites", favouritesLoader],
    ["/physician/alerts", alertsLoader],
    ["/physician/threads", physicianThreadsLoader],
    ["/account/export", exportLoader],
    ["/account/delete", deleteLoader],
  ] as const;

  it.each(physicianOnly)("%s: 403 for a facility member and the secretariat, login for a visitor", async (path, loader) => {
    for (const role of ["FACILITY_MEMBER", "SECRETARIAT"] as const) {
      const { cookie } = await signedIn(role);
      expect((await responseOf(() => (loader as (a: unknown) => Promise<unknown>)(args(getRequest(path, { cookie }))))).status).toBe(403);
    }
    const visitor = await responseOf(() => (loader as (a: unknown) => Promise<unknown>)(args(getRequest(path))));
    expect(visitor.headers.get("Location")).toContain("/login");
  });

  it("the inbox is for facility members, the report list for the secretariat", async () => {
    const physician = await signedIn("PHYSICIAN");
    const member = await signedIn("FACILITY_MEMBER");
    expect((await responseOf(() => inboxLoader(args(getRequest("/facility/inbox", { cookie: physician.cookie }))))).status).toBe(403);
    for (const { cookie } of [physician, member]) {
      expect((await responseOf(() => reportsLoader(args(getRequest("/secretariat/reports", { cookie }))))).status).toBe(403);
    }
  });

  it("a physician cannot remove another physician's alert or favourite", async () => {
    const owner = await signedIn("PHYSICIAN");
    const other = await signedIn("PHYSICIAN");
    await responseOf(() => alertsAction(args(postForm("/physician/alerts", { intent: "prefecture", prefecture: "13" }, { cookie: owner.cookie }))));
    const alert = await prisma.searchAlert.findFirstOrThrow({ where: { userId: owner.user.id } });
    await responseOf(() => alertsAction(args(postForm("/physician/alerts", { intent: "delete", alertId: alert.id }, { cookie: other.cookie }))));
    expect(await prisma.searchAlert.count({ where: { id: alert.id } })).toBe(1);

    const listing = await createListing();
    await favouritesAction(args(postForm("/physician/favourites", { slug: listing.slug, intent: "save" }, { cookie: owner.cookie })));
    await responseOf(() => favouritesAction(args(postForm("/physician/favourites", { slug: listing.slug, intent: "unsave" }, { cookie: other.cookie }))));
    expect(await prisma.favourite.count({ where: { userId: owner.user.id } })).toBe(1);
    expect((await favouritesLoader(args(getRequest("/physician/favourites", { cookie: other.cookie })))).favourites).toEqual([]);
  });
});

describe("alerts for new listings", () => {
  it("mails a facility published in a saved prefecture once and only once, with a working unsubscribe", async () => {
    const p = await signedIn("PHYSICIAN");
    const created = new Date(Date.now() - 86_400_000 * 2);
    const response = await responseOf(() => alertsAction(args(postForm("/physician/alerts", { intent: "prefecture", prefecture: "13" }, { cookie: p.cookie }))));
    expect(response.status).toBe(302);
    await prisma.searchAlert.updateMany({ data: { checkedUntil: created } });
    const tokyo = await createListing({ prefectureCode: "13", name: "東京の新しい診療所" });
    await createListing({ prefectureCode: "27", name: "大阪の新しい診療所" });

    const first = await sendAlertDigests(new Date());
    expect(first.mailed).toBe(1);
    const digest = await withRendered(prisma.mailOutbox.findFirstOrThrow({ where: { toAddress: p.user.email, template: "alert-digest" } }));
    expect(digest.text).toContain("東京の新しい診療所");
    expect(digest.text).not.toContain("大阪の新しい診療所");
    const headers = digest.headers as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const unsubscribeUrl = headers["List-Unsubscribe"]!.slice(1, -1);
    expect(digest.text).toContain(unsubscribeUrl);

    // Again today, and again tomorrow: the same facility is never mailed twice.
    expect((await sendAlertDigests(new Date())).mailed).toBe(0);
    await prisma.searchAlert.updateMany({ data: { checkedUntil: created } }); // as if it were due again
    expect((await sendAlertDigests(new Date(Date.now() + 86_400_000))).mailed).toBe(0);
    expect(await prisma.searchAlertDelivery.count({ where: { facilityId: tokyo.id } })).toBe(1);

    // Unsubscribe without logging in: a page with one button, then the POST (or the mail program's).
    const token = unsubscribeUrl.split("/").pop()!;
    const page = await unsubscribeLoader(args(getRequest(`/alerts/unsubscribe/${token}`), { token }));
    expect(page.label).toBe("東京都");
    const forged = await responseOf(() => unsubscribeAction(args(new Request(`http://localhost:3000/alerts/unsubscribe/${token}x`, { method: "POST", body: "List-Unsubscribe=One-Click" }), { token: `${token}x` })));
    expect(forged.status).toBe(404);
    await unsubscribeAction(args(new Request(`http://localhost:3000/alerts/unsubscribe/${token}`, { method: "POST", body: "List-Unsubscribe=One-Click" }), { token }));
    expect(await prisma.searchAlert.count({ where: { userId: p.user.id } })).toBe(0);
  });

  it("saves any search from the search page, with its filters only", async () => {
    const p = await signedIn("PHYSICIAN");
    await responseOf(() => alertsAction(args(postForm("/physician/alerts", { intent: "create", query: "prefecture=01&department=naika&supervision=1&sort=kana&page=3" }, { cookie: p.cookie }))));
    const [alert] = await prisma.searchAlert.findMany({ where: { userId: p.user.id } });
    expect(alert).toMatchObject({ query: "prefecture=01&department=naika&supervision=1", label: "北海道・内科・指導医あり" });
    await createListing({ prefectureCode: "01", departmentCodes: ["naika"], supervisorAvailable: true, name: "合う病院" });
    await createListing({ prefectureCode: "01", departmentCodes: ["naika"], supervisorAvailable: false, name: "指導医のいない病院" });
    await prisma.searchAlert.updateMany({ data: { checkedUntil: new Date(Date.now() - 86_400_000 * 2) } });
    await sendAlertDigests(new Date());
    const digest = await withRendered(prisma.mailOutbox.findFirstOrThrow({ where: { toAddress: p.user.email, template: "alert-digest" } }));
    expect(digest.text).toContain("合う病院");
    expect(digest.text).not.toContain("指導医のいない病院");
  });
});

describe("a physician's own data", () => {
  it("exports everything as JSON", async () => {
    const physician = await physicianWithProfile();
    const { listing, member } = await listingWithMember({ name: "書き出し病院" });
    const threadId = await inquire(physician.cookie, listing.slug);
    await responseOf(() => facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "message", body: "お待ちしています" })));
    await favouritesAction(args(postForm("/physician/favourites", { slug: listing.slug, intent: "save" }, { cookie: physician.cookie })));
    const response = await exportLoader(args(getRequest("/account/export", { cookie: physician.cookie })));
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const data = await response.json();
    expect(data.account.email).toBe(physician.user.email);
    expect(data.profile).toMatchObject({ name: "山田 太郎", licenceYear: 2004 });
    expect(data.favourites).toMatchObject([{ facility: "書き出し病院" }]);
    expect(data.threads[0].facility).toBe("書き出し病院");
    expect(data.threads[0].messages.map((m: { from: string; body: string }) => [m.from, m.body])).toEqual([
      ["you", "研修についてご相談させてください。よろしくお願いします。"],
      ["facility", "お待ちしています"],
    ]);
    expect(data).not.toHaveProperty("passwordHash");
    expect(JSON.stringify(data)).not.toContain("argon2");
  });

  it("deletes the account: the facility keeps its own messages and sees a deleted user", async () => {
    const physician = await physicianWithProfile();
    const { listing, member } = await listingWithMember();
    const threadId = await inquire(physician.cookie, listing.slug, { disclose: "named" });
    await responseOf(() => facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "message", body: "施設からの返信です" })));

    const wrong = unwrap<FormFailure>(await deleteAction(args(postForm("/account/delete", { password: "wrong password", confirm: "on" }, { cookie: physician.cookie }))));
    expect(wrong.status).toBe(400);
    expect(await prisma.user.count({ where: { id: physician.user.id } })).toBe(1);

    const done = await responseOf(() => deleteAction(args(postForm("/account/delete", { password: TEST_PASSWORD, confirm: "on" }, { cookie: physician.cookie }))));
    expect(done.status).toBe(302);
    expect(await prisma.user.count({ where: { id: physician.user.id } })).toBe(0);
    expect(await prisma.physicianProfile.count({ where: { userId: physician.user.id } })).toBe(0);
    expect(await prisma.mailOutbox.count({ where: { toAddress: physician.user.email } })).toBe(0);

    const view = (await facilityThreadLoader(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId))).view;
    expect(view.physicianLabel).toBe("退会したユーザー");
    expect(view.disclosure).toBeNull();
    expect(view.summary).toBeNull();
    expect(view.status).toBe("CLOSED");
    expect(JSON.stringify(view)).not.toContain("研修についてご相談");
    expect(JSON.stringify(view)).not.toContain("山田");
    expect(view.messages.some((m) => m.body === "施設からの返信です")).toBe(true);
    // The facility cannot write to a deleted user.
    const post = unwrap<FormFailure>(await facilityThreadAction(threadArgs(`/facility/threads/${threadId}`, member.cookie, threadId, { intent: "message", body: "届きますか" })));
    expect(post.status).toBe(409);
  });
});
