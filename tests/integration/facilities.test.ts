import { describe, expect, it } from "vitest";
import { lapseUnpaidListings } from "~/payments/fee-periods.server";
import { fiscalYearLabel, fiscalYearOf } from "~/billing/fiscal-year";
import { coverage } from "~/facilities/queries.server";
import { decide } from "~/facilities/review.server";
import { loader as publicLoader } from "~/routes/facilities.$slug";
import { action as sectionAction, loader as sectionLoader } from "~/routes/facility.facilities.$facilityId.$section";
import { action as overviewAction, loader as overviewLoader } from "~/routes/facility.facilities.$facilityId._index";
import { action as facilityHomeAction, loader as facilityHomeLoader } from "~/routes/facility._index";
import { action as operatorAction, loader as operatorLoader } from "~/routes/facility.operators.$operatorId";
import { action as newOperatorAction } from "~/routes/facility.operators.new";
import { action as acceptAction, loader as invitationLoader } from "~/routes/invitations.$token";
import { loader as coverageLoader } from "~/routes/secretariat.coverage";
import { action as reviewAction, loader as reviewLoader } from "~/routes/secretariat.facilities.$facilityId";
import { loader as queueLoader } from "~/routes/secretariat._index";
import { prisma } from "~/utils/db.server";
import { seedDemoData } from "~/server/demo-seed.server";
import type { FormFailure } from "~/utils/form.server";
import { createOperatorWithFacility, lastMailTo, signedIn } from "../helpers/factories";
import { context, getRequest, postForm, responseOf, unwrap } from "../helpers/requests";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, context: context(), params });

async function statusOf(facilityId: string) {
  return (await prisma.facility.findUniqueOrThrow({ where: { id: facilityId } })).status;
}

async function versionOf(facilityId: string) {
  return (await prisma.facility.findUniqueOrThrow({ where: { id: facilityId } })).version;
}

/** Posts a secretariat decision through the route, as the form does. */
async function review(cookie: string, facilityId: string, decision: string, comment = "", version?: number) {
  const fields = { intent: "decide", decision, version: String(version ?? (await versionOf(facilityId))), comment, confirm: "on" };
  return reviewAction(args(postForm(`/secretariat/facilities/${facilityId}`, fields, { cookie }), { facilityId }));
}

async function payBankTransfer(cookie: string, facilityId: string, fiscalYear = fiscalYearOf(new Date())) {
  const fields = { intent: "record-payment", fiscalYear: String(fiscalYear), paidOn: new Date().toISOString().slice(0, 10), note: "振込 ミドリノオカカイ", confirm: "on" };
  return reviewAction(args(postForm(`/secretariat/facilities/${facilityId}`, fields, { cookie }), { facilityId }));
}

async function submit(cookie: string, facilityId: string) {
  return overviewAction(args(postForm(`/facility/facilities/${facilityId}`, { intent: "submit" }, { cookie }), { facilityId }));
}

/** Saves the stance section with a new stance and, unless given, the other fields as they are. */
async function saveStance(cookie: string, facilityId: string, stance: string) {
  const current = await prisma.facilityProfile.findUniqueOrThrow({ where: { facilityId_stage: { facilityId, stage: "DRAFT" } } });
  const body = new URLSearchParams([["stance", stance], ["hopes", current.hopes], ...current.welcomedSpecialtyCodes.map((c) => ["welcomedSpecialtyCodes", c])]);
  const request = new Request(`http://localhost:3000/facility/facilities/${facilityId}/stance`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  return sectionAction(args(request, { facilityId, section: "stance" }));
}

async function publicPage(slug: string) {
  try {
    return { status: 200, body: await publicLoader(args(getRequest(`/facilities/${slug}`), { slug })) };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, body: null };
    throw error;
  }
}

describe("operators and members", () => {
  it("creates an operator, refusing a corporate number whose check digit is wrong", async () => {
    const { user, cookie } = await signedIn("FACILITY_MEMBER");
    const bad = unwrap<FormFailure>(await newOperatorAction(args(postForm("/facility/operators/new", { kind: "CORPORATION", name: "医療法人 テスト会", corporateNumber: "7000012050003" }, { cookie }))));
    expect(bad.status).toBe(400);
    expect(bad.data.fieldErrors.corporateNumber?.[0]).toContain("チェックデジット");
    expect(bad.data.values).toMatchObject({ name: "医療法人 テスト会", corporateNumber: "7000012050003" });
    const ok = await responseOf(() => newOperatorAction(args(postForm("/facility/operators/new", { kind: "CORPORATION", name: "医療法人 テスト会", corporateNumber: "７０００－０１２０５０００２" }, { cookie }))));
    expect(ok.headers.get("Location")).toBe("/facility");
    const operator = await prisma.operator.findFirstOrThrow({ include: { members: true } });
    expect(operator.corporateNumber).toBe("7000012050002");
    expect(operator.members.map((m) => m.userId)).toEqual([user.id]);
  });

  it("limits invitations per operator per day: each one mails any address with the operator's name", async () => {
    const owner = await signedIn("FACILITY_MEMBER");
    const { operator } = await createOperatorWithFacility(owner.user.id);
    const invite = (n: number) => operatorAction(args(postForm(`/facility/operators/${operator.id}`, { intent: "invite", email: `person${n}@example.jp` }, { cookie: owner.cookie }), { operatorId: operator.id }));
    for (let n = 0; n < 20; n++) expect((await responseOf(() => invite(n))).status).toBe(302);
    const refused = unwrap<FormFailure>(await invite(20));
    expect(refused.status).toBe(429);
    expect(refused.data.formError).toContain("本日の招待の上限");
    expect(await prisma.mailOutbox.count({ where: { template: "operator-invitation" } })).toBe(20);
  });

  it("invites a colleague by mail; only that address can accept, once", async () => {
    const owner = await signedIn("FACILITY_MEMBER");
    const { operator } = await createOperatorWithFacility(owner.user.id);
    const colleague = await signedIn("FACILITY_MEMBER", "colleague@example.jp");
    const stranger = await signedIn("FACILITY_MEMBER", "stranger@example.jp");
    const invited = await responseOf(() => operatorAction(args(postForm(`/facility/operators/${operator.id}`, { intent: "invite", email: "Colleague@Example.jp" }, { cookie: owner.cookie }), { operatorId: operator.id })));
    expect(invited.headers.get("Location")).toContain("notice=invited");
    const mail = (await lastMailTo("colleague@example.jp"))!;
    expect(mail.template).toBe("operator-invitation");
    const token = new URL(mail.link!).pathname.split("/").pop()!;

    const anonymous = await invitationLoader(args(getRequest(`/invitations/${token}`), { token }));
    expect(anonymous).toMatchObject({ state: "valid", signedIn: false, operatorName: "テスト医療法人" });
    expect((await invitationLoader(args(getRequest(`/invitations/${token}`, { cookie: stranger.cookie }), { token }))).state).toBe("wrong-account");
    expect(await acceptAction(args(postForm(`/invitations/${token}`, {}, { cookie: stranger.cookie }), { token }))).toMatchObject({ problem: expect.stringContaining("別のメールアドレス宛て") });

    const accepted = await responseOf(() => acceptAction(args(postForm(`/invitations/${token}`, {}, { cookie: colleague.cookie }), { token })));
    expect(accepted.headers.get("Location")).toBe("/facility");
    expect(await prisma.operatorMember.count({ where: { operatorId: operator.id } })).toBe(2);
    expect((await invitationLoader(args(getRequest(`/invitations/${token}`, { cookie: colleague.cookie }), { token }))).state).toBe("used");
    // The colleague now sees the facility.
    const home = await facilityHomeLoader(args(getRequest("/facility", { cookie: colleague.cookie })));
    expect(home.operators[0]?.facilities).toHaveLength(1);
  });

  it("removes members but never the last one", async () => {
    const owner = await signedIn("FACILITY_MEMBER");
    const other = await signedIn("FACILITY_MEMBER");
    const { operator } = await createOperatorWithFacility(owner.user.id);
    const last = unwrap<FormFailure>(await operatorAction(args(postForm(`/facility/operators/${operator.id}`, { intent: "remove", userId: owner.user.id }, { cookie: owner.cookie }), { operatorId: operator.id })));
    expect(last.data.formError).toContain("メンバーが1人だけ");
    await prisma.operatorMember.create({ data: { operatorId: operator.id, userId: other.user.id } });
    await responseOf(() => operatorAction(args(postForm(`/facility/operators/${operator.id}`, { intent: "remove", userId: other.user.id }, { cookie: owner.cookie }), { operatorId: operator.id })));
    expect(await prisma.operatorMember.count({ where: { operatorId: operator.id } })).toBe(1);
  });
});

describe("the profile, section by section", () => {
  it("keeps everything typed when a section is refused, and saves nothing", async () => {
    const { user, cookie } = await signedIn("FACILITY_MEMBER");
    const { facility } = await createOperatorWithFacility(user.id, { complete: false });
    const fields = new URLSearchParams([
      ["name", "みどり病院"],
      ["nameKana", "Midori"],
      ["kind", "HOSPITAL"],
      ["bedCount", ""],
      ["postalCode", "１０１－００６１"],
      ["prefectureCode", "13"],
      ["city", "千代田区"],
      ["address", "神田三崎町1-4-17"],
      ["phone", "03-5283-7441"],
      ["website", "ftp://x"],
      ["departmentCodes", "naika"],
      ["departmentCodes", "geka"],
    ]);
    const request = new Request(`http://localhost:3000/facility/facilities/${facility.id}/basic`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: fields,
    });
    const { status, data } = unwrap<FormFailure>(await sectionAction(args(request, { facilityId: facility.id, section: "basic" })));
    expect(status).toBe(400);
    expect(data.fieldErrors).toMatchObject({
      nameKana: ["ふりがなは、ひらがなまたはカタカナで入力してください"],
      bedCount: ["病院は病床数（20床以上）を入力してください"],
      website: ["URLは http:// または https:// から入力してください"],
    });
    expect(data.values).toMatchObject({ name: "みどり病院", departmentCodes: ["naika", "geka"], postalCode: "１０１－００６１" });
    expect((await prisma.facilityProfile.findFirstOrThrow({ where: { facilityId: facility.id } })).city).toBe("");

    fields.set("nameKana", "みどりびょういん");
    fields.set("bedCount", "１２０");
    fields.set("website", "");
    const ok = await responseOf(() =>
      sectionAction(args(new Request(request.url, { method: "POST", headers: request.headers, body: fields }), { facilityId: facility.id, section: "basic" })),
    );
    expect(ok.headers.get("Location")).toBe(`/facility/facilities/${facility.id}?saved=basic`);
    const saved = await prisma.facilityProfile.findFirstOrThrow({ where: { facilityId: facility.id, stage: "DRAFT" } });
    expect(saved).toMatchObject({ postalCode: "101-0061", bedCount: 120, departmentCodes: ["naika", "geka"], kind: "HOSPITAL" });
    const page = await sectionLoader(args(getRequest(`/facility/facilities/${facility.id}/basic`, { cookie }), { facilityId: facility.id, section: "basic" }));
    expect(page.initial).toMatchObject({ bedCount: "120", departmentCodes: ["naika", "geka"] });
  });

  it("takes Japanese as it is typed: a katakana reading is stored in hiragana, full-width digits, and the postal code fills an empty prefecture and city", async () => {
    const { user, cookie } = await signedIn("FACILITY_MEMBER");
    const { facility } = await createOperatorWithFacility(user.id, { complete: false });
    const fields = new URLSearchParams([
      ["name", "山﨑内科クリニック"],
      ["nameKana", "ﾔﾏｻﾞｷ　ナイカクリニック"],
      ["kind", "CLINIC"],
      ["bedCount", "１９"],
      ["postalCode", "〒０６０－０００１"],
      ["prefectureCode", ""],
      ["city", ""],
      ["address", "北一条西２丁目"],
      ["access", "ＪＲ札幌駅から徒歩１０分"],
      ["phone", "０１１―２２２―３３３３"],
      ["departmentCodes", "naika"],
    ]);
    const ok = await responseOf(() => sectionAction(args(postForm(`/facility/facilities/${facility.id}/basic`, Object.fromEntries(fields), { cookie }), { facilityId: facility.id, section: "basic" })));
    expect(ok.status).toBe(302);
    const saved = await prisma.facilityProfile.findFirstOrThrow({ where: { facilityId: facility.id, stage: "DRAFT" } });
    expect(saved).toMatchObject({
      name: "山﨑内科クリニック", // the name exactly as written
      nameKana: "やまざき ないかくりにっく",
      bedCount: 19,
      postalCode: "060-0001",
      prefectureCode: "01",
      city: "札幌市中央区",
      access: "ＪＲ札幌駅から徒歩１０分", // free text is kept as written; search folds widths
      phone: "011-222-3333",
    });
  });

  it("answers a postal code with its prefecture, city and town from Japan Post's data", async () => {
    const { loader } = await import("~/routes/api.postal-code");
    const get = async (code: string) => (await loader(args(getRequest(`/api/postal-code?code=${encodeURIComponent(code)}`)))) as Response;
    const found = await get("１０１－００６１");
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ postalCode: "101-0061", prefectureCode: "13", prefectureName: "東京都", city: "千代田区", town: "神田三崎町" });
    expect((await get("9999999")).status).toBe(404);
    expect((await get("<script>")).status).toBe(404);
  });

  it("refuses overlong text with a message instead of cutting it, and stores HTML as plain text", async () => {
    const { user, cookie } = await signedIn("FACILITY_MEMBER");
    const { facility } = await createOperatorWithFacility(user.id, { complete: false });
    const long = unwrap<FormFailure>(await saveStance(cookie, facility.id, "あ".repeat(2001)));
    expect(long.data.fieldErrors.stance?.[0]).toContain("2000文字以内");
    expect(long.data.values.stance).toHaveLength(2001);
    const html = "<script>alert(1)</script> 地域で<b>総合医</b>を育てます。私たちは歓迎します。";
    await responseOf(() => saveStance(cookie, facility.id, html));
    expect((await prisma.facilityProfile.findFirstOrThrow({ where: { facilityId: facility.id } })).stance).toBe(html);
  });

  it("shows which sections are complete and refuses to submit an incomplete profile", async () => {
    const { user, cookie } = await signedIn("FACILITY_MEMBER");
    const { facility } = await createOperatorWithFacility(user.id, { complete: false });
    const page = await overviewLoader(args(getRequest(`/facility/facilities/${facility.id}`, { cookie }), { facilityId: facility.id }));
    expect(page.allComplete).toBe(false);
    expect(page.completeCount).toBe(0);
    expect(page.firstIncomplete).toBe("basic");
    // None is a valid answer for 実地研修, but only once the facility has looked and saved it.
    expect(page.sections.find((s) => s.key === "activities")).toMatchObject({ complete: false, missing: ["未確認（該当がなければ、そのまま保存してください）"] });
    expect(page.sections.find((s) => s.key === "basic")?.missing).toEqual(expect.arrayContaining(["ふりがな", "種別", "郵便番号", "都道府県", "電話番号", "標榜診療科"]));
    const { status, data } = unwrap<{ error: string }>(await submit(cookie, facility.id));
    expect(status).toBe(400);
    expect(data.error).toContain("未入力の項目");
    expect(await statusOf(facility.id)).toBe("DRAFT");

    // 「保存して次へ」 saves and opens the next section; saving 実地研修 with nothing ticked completes it.
    const next = await responseOf(() => sectionAction(args(postForm(`/facility/facilities/${facility.id}/activities`, { then: "next" }, { cookie }), { facilityId: facility.id, section: "activities" })));
    expect(next.headers.get("Location")).toBe(`/facility/facilities/${facility.id}/contact?saved=activities`);
    const after = await overviewLoader(args(getRequest(`/facility/facilities/${facility.id}`, { cookie }), { facilityId: facility.id }));
    expect(after.sections.find((s) => s.key === "activities")).toMatchObject({ complete: true, missing: [] });
    expect(after.completeCount).toBe(1);
    const last = await sectionLoader(args(getRequest(`/facility/facilities/${facility.id}/contact`, { cookie }), { facilityId: facility.id, section: "contact" }));
    expect(last).toMatchObject({ step: 7, steps: 7, nextTitle: null, readOnly: false });
  });

  it("while in review, shows each section read-only as submitted, and says how long review takes", async () => {
    const { user, cookie } = await signedIn("FACILITY_MEMBER");
    const { facility } = await createOperatorWithFacility(user.id);
    const sent = await responseOf(() => submit(cookie, facility.id));
    expect(sent.headers.get("Location")).toBe(`/facility/facilities/${facility.id}?notice=submitted`);
    const page = await overviewLoader(args(getRequest(`/facility/facilities/${facility.id}?notice=submitted`, { cookie }), { facilityId: facility.id }));
    expect(page.inReview).toBe(true);
    expect(page.completeCount).toBe(7);
    // Fewer than five decisions on record here: the programme's stated target.
    expect(page.reviewTime).toBe("審査には通常5営業日ほどかかります。");
    const section = await sectionLoader(args(getRequest(`/facility/facilities/${facility.id}/basic`, { cookie }), { facilityId: facility.id, section: "basic" }));
    expect(section.readOnly).toBe(true);
    const draft = await prisma.facilityProfile.findUniqueOrThrow({ where: { facilityId_stage: { facilityId: facility.id, stage: "DRAFT" } } });
    expect(section.submitted).toEqual(expect.arrayContaining([{ label: "医療機関名", value: draft.name }, { label: "病床数", value: draft.bedCount ? `${draft.bedCount}床` : "" }]));
    // Saving is refused while in review, keeping what was typed.
    const refused = unwrap<FormFailure>(await sectionAction(args(postForm(`/facility/facilities/${facility.id}/stance`, { stance: "審査中に書き換えようとした方針の文章です。二十文字以上あります。" }, { cookie }), { facilityId: facility.id, section: "stance" })));
    expect(refused.status).toBe(409);
    expect(refused.data.values.stance).toContain("審査中に書き換えようとした");
  });
});

describe("typical review time", () => {
  it("is the median of the last decisions, from submission to decision, once there are five", async () => {
    const { typicalReviewDays } = await import("~/facilities/review-time.server");
    const { user } = await signedIn("FACILITY_MEMBER");
    const day = 86_400_000;
    const base = Date.now() - 60 * day;
    for (const [i, days] of [1.2, 2.5, 3.1, 6, 9].entries()) {
      const { facility } = await createOperatorWithFacility(user.id, { name: `審査日数${i}` });
      await prisma.reviewEvent.create({ data: { facilityId: facility.id, action: "SUBMITTED", createdAt: new Date(base + i * day) } });
      await prisma.reviewEvent.create({ data: { facilityId: facility.id, action: i % 2 ? "RETURNED" : "APPROVED", createdAt: new Date(base + i * day + days * day) } });
    }
    expect(await typicalReviewDays()).toEqual({ days: 4, fromExperience: true }); // median 3.1 days, rounded up
  });
});

describe("the review, from application to publication", () => {
  it("walks draft → submitted → returned → resubmitted → approved → paid → published, mailing each step", async () => {
    const member = await signedIn("FACILITY_MEMBER", "member@example.jp");
    const office = await signedIn("SECRETARIAT", "office@example.jp");
    const { facility } = await createOperatorWithFacility(member.user.id);

    expect((await responseOf(() => submit(member.cookie, facility.id))).headers.get("Location")).toContain("notice=submitted");
    expect(await statusOf(facility.id)).toBe("SUBMITTED");
    expect((await lastMailTo("office@example.jp"))?.template).toBe("review-requested");
    // Locked while the secretariat looks at it.
    expect(unwrap<FormFailure>(await saveStance(member.cookie, facility.id, "審査中に書き換えようとした方針の文章です。")).status).toBe(409);

    const queue = await queueLoader(args(getRequest("/secretariat", { cookie: office.cookie })));
    expect(queue.items.map((i) => i.id)).toEqual([facility.id]);
    expect(queue.counts.SUBMITTED).toBe(1);

    const noReason = unwrap<FormFailure>(await review(office.cookie, facility.id, "return"));
    expect(noReason.data.fieldErrors.comment?.[0]).toContain("理由・修正してほしい点");
    await responseOf(() => review(office.cookie, facility.id, "return", "指導体制の説明をもう少し具体的に書いてください。"));
    expect(await statusOf(facility.id)).toBe("RETURNED");
    const returnedMail = (await lastMailTo("member@example.jp"))!;
    expect(returnedMail.subject).toContain("申請内容の修正をお願いします");
    expect(returnedMail.text).toContain("指導体制の説明をもう少し具体的に");
    const overview = await overviewLoader(args(getRequest(`/facility/facilities/${facility.id}`, { cookie: member.cookie }), { facilityId: facility.id }));
    expect(overview.returned?.comment).toBe("指導体制の説明をもう少し具体的に書いてください。");
    expect(overview.history[0]).toMatchObject({ label: "差し戻し", actor: "事務局" });

    await responseOf(() => submit(member.cookie, facility.id));
    expect(await statusOf(facility.id)).toBe("SUBMITTED");
    await responseOf(() => review(office.cookie, facility.id, "approve"));
    const approved = await prisma.facility.findUniqueOrThrow({ where: { id: facility.id }, include: { profiles: true } });
    expect(approved.status).toBe("APPROVED"); // not paid yet
    expect(approved.contentApprovedAt).not.toBeNull();
    expect(approved.profiles.map((p) => p.stage).sort()).toEqual(["APPROVED", "DRAFT"]);
    expect((await publicPage(facility.slug)).status).toBe(404);

    expect((await responseOf(() => payBankTransfer(office.cookie, facility.id))).headers.get("Location")).toContain("done=payment");
    expect(await statusOf(facility.id)).toBe("PUBLISHED");
    expect((await lastMailTo("member@example.jp"))?.subject).toBe("【GMネットワーク】名寄みどりの丘病院：掲載を開始しました");
    const fee = await prisma.feePeriod.findFirstOrThrow({ where: { facilityId: facility.id } });
    expect(fee).toMatchObject({ method: "BANK_TRANSFER", amountExclTax: 30000, taxRatePercent: 10, amountTotal: 33000, fiscalYear: fiscalYearOf(new Date()) });
    const again = unwrap<FormFailure>(await payBankTransfer(office.cookie, facility.id));
    expect(again.data.formError).toContain("すでに入金済み");

    const page = await publicPage(facility.slug);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ ended: false, profile: { name: "名寄みどりの丘病院", prefecture: "北海道" } });
    const events = await prisma.reviewEvent.findMany({ where: { facilityId: facility.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["CREATED", "SUBMITTED", "RETURNED", "SUBMITTED", "APPROVED", "PAYMENT_RECORDED", "PUBLISHED"]);
    expect(events.find((e) => e.action === "RETURNED")).toMatchObject({ actorId: office.user.id, comment: "指導体制の説明をもう少し具体的に書いてください。" });
  });

  it("publishes at approval when the fee was already received", async () => {
    const member = await signedIn("FACILITY_MEMBER");
    const office = await signedIn("SECRETARIAT");
    const { facility } = await createOperatorWithFacility(member.user.id);
    await responseOf(() => submit(member.cookie, facility.id));
    await responseOf(() => payBankTransfer(office.cookie, facility.id));
    expect(await statusOf(facility.id)).toBe("SUBMITTED");
    await responseOf(() => review(office.cookie, facility.id, "approve"));
    expect(await statusOf(facility.id)).toBe("PUBLISHED");
  });

  it("rejects with a reason", async () => {
    const member = await signedIn("FACILITY_MEMBER", "member@example.jp");
    const office = await signedIn("SECRETARIAT");
    const { facility } = await createOperatorWithFacility(member.user.id);
    await responseOf(() => submit(member.cookie, facility.id));
    await responseOf(() => review(office.cookie, facility.id, "reject", "事業の趣旨と異なるため"));
    expect(await statusOf(facility.id)).toBe("REJECTED");
    expect((await lastMailTo("member@example.jp"))?.subject).toContain("登録を見送る");
    // Nothing more can happen to a rejected application.
    expect(unwrap<FormFailure>(await review(office.cookie, facility.id, "approve")).data.formError).toContain("この状態では行えない操作");
    expect(unwrap<{ error: string }>(await submit(member.cookie, facility.id)).data.error).toContain("現在の状態では申請できません");
  });

  it("lets exactly one of two reviewers acting at once decide; the other is told", async () => {
    const member = await signedIn("FACILITY_MEMBER");
    const a = await signedIn("SECRETARIAT");
    const b = await signedIn("SECRETARIAT");
    const { facility } = await createOperatorWithFacility(member.user.id);
    await responseOf(() => submit(member.cookie, facility.id));
    const seen = await versionOf(facility.id);
    const [first, second] = await Promise.all([
      decide({ facilityId: facility.id, expectedVersion: seen, actorId: a.user.id, decision: "approve" }),
      decide({ facilityId: facility.id, expectedVersion: seen, actorId: b.user.id, decision: "return", comment: "修正してください" }),
    ]);
    expect([first, second].sort()).toEqual(["ok", "stale"]);
    expect(await prisma.reviewEvent.count({ where: { facilityId: facility.id, action: { in: ["APPROVED", "RETURNED"] } } })).toBe(1);
    // Through the route, the late reviewer gets a clear message.
    const late = unwrap<FormFailure>(await review(b.cookie, facility.id, "reject", "理由", seen));
    expect(late.status).toBe(409);
    expect(late.data.formError).toContain("他の事務局メンバーが先に");
  });
});

describe("after publication", () => {
  async function published() {
    const member = await signedIn("FACILITY_MEMBER", "member@example.jp");
    const office = await signedIn("SECRETARIAT");
    const { facility } = await createOperatorWithFacility(member.user.id);
    await responseOf(() => submit(member.cookie, facility.id));
    await responseOf(() => payBankTransfer(office.cookie, facility.id));
    await responseOf(() => review(office.cookie, facility.id, "approve"));
    expect(await statusOf(facility.id)).toBe("PUBLISHED");
    return { member, office, facility };
  }

  it("offers the bank-transfer form only once approved, and only for unpaid years", async () => {
    const member = await signedIn("FACILITY_MEMBER", "member@example.jp");
    const office = await signedIn("SECRETARIAT");
    const { facility } = await createOperatorWithFacility(member.user.id);
    await responseOf(() => submit(member.cookie, facility.id));
    const page = async () => reviewLoader(args(getRequest(`/secretariat/facilities/${facility.id}`, { cookie: office.cookie }), { facilityId: facility.id }));
    expect((await page()).canRecordPayment).toBe(false); // in review
    await responseOf(() => review(office.cookie, facility.id, "approve"));
    const approved = await page();
    expect(approved.canRecordPayment).toBe(true);
    expect(approved.fiscalYears).toHaveLength(2);
    const { recordBankTransfer } = await import("~/payments/fee-periods.server");
    const fy = fiscalYearOf(new Date());
    for (const year of [fy, fy + 1]) {
      await recordBankTransfer({ facilityId: facility.id, actorId: office.user.id, fiscalYear: year, paidAt: new Date(), note: "" });
      const after = await page();
      expect(after.fiscalYears.map((y) => y.value)).not.toContain(String(year));
    }
    expect((await page()).canRecordPayment).toBe(false); // both years paid
  });

  it("keeps showing the approved text until the secretariat accepts the revision, with a diff", async () => {
    const { member, office, facility } = await published();
    const before = (await publicPage(facility.slug)).body as { profile: { stance: string } };
    const newStance = "新しい方針です。在宅医療を中心に、地域の暮らしを支える総合医を一緒に育てます。";
    await responseOf(() => saveStance(member.cookie, facility.id, newStance));
    expect(((await publicPage(facility.slug)).body as { profile: { stance: string } }).profile.stance).toBe(before.profile.stance);

    const page = await overviewLoader(args(getRequest(`/facility/facilities/${facility.id}`, { cookie: member.cookie }), { facilityId: facility.id }));
    expect(page.changedFields).toEqual(["受け入れと育成の方針"]);
    expect((await responseOf(() => submit(member.cookie, facility.id))).headers.get("Location")).toContain("revision-submitted");

    const detail = await reviewLoader(args(getRequest(`/secretariat/facilities/${facility.id}`, { cookie: office.cookie }), { facilityId: facility.id }));
    const stanceRow = detail.diff?.find((r) => r.field === "stance");
    expect(stanceRow).toMatchObject({ changed: true, before: before.profile.stance, after: newStance });
    expect(detail.diff?.find((r) => r.field === "name")?.changed).toBe(false);
    expect(detail.decisions).toEqual(expect.arrayContaining(["acceptRevision", "returnRevision", "revoke"]));
    // A published listing whose years are paid offers no bank-transfer form for a paid year.
    expect(detail.fiscalYears.map((y) => y.label).join()).not.toContain(fiscalYearLabel(fiscalYearOf(new Date())));

    await responseOf(() => review(office.cookie, facility.id, "returnRevision", "表現を確認させてください"));
    expect(((await publicPage(facility.slug)).body as { profile: { stance: string } }).profile.stance).toBe(before.profile.stance);
    await responseOf(() => submit(member.cookie, facility.id));
    const approvedBefore = (await prisma.facility.findUniqueOrThrow({ where: { id: facility.id } })).contentApprovedAt!;
    await responseOf(() => review(office.cookie, facility.id, "acceptRevision"));
    expect(((await publicPage(facility.slug)).body as { profile: { stance: string } }).profile.stance).toBe(newStance);
    const after = await prisma.facility.findUniqueOrThrow({ where: { id: facility.id } });
    expect(after).toMatchObject({ status: "PUBLISHED", revisionStatus: "NONE" });
    expect(after.contentApprovedAt!.getTime()).toBeGreaterThan(approvedBefore.getTime());
    expect((await lastMailTo("member@example.jp"))?.subject).toContain("修正が反映されました");
  });

  it("shows where it is: the nearest station and a plain link to a map of its address (no embedded script)", async () => {
    const { facility } = await published();
    await prisma.facilityProfile.updateMany({ where: { facilityId: facility.id }, data: { access: "JR名寄駅から車で5分", address: "西7条南8丁目1" } });
    const page = await publicPage(facility.slug);
    const profile = (page.body as { profile: { access: string; mapUrl: string; prefecture: string; city: string; name: string } }).profile;
    expect(profile.access).toBe("JR名寄駅から車で5分");
    const map = new URL(profile.mapUrl);
    expect(map.origin + map.pathname).toBe("https://www.google.com/maps/search/");
    expect(map.searchParams.get("api")).toBe("1");
    expect(map.searchParams.get("query")).toBe(`${profile.prefecture}${profile.city}西7条南8丁目1 ${profile.name}`);
  });

  it("revokes with a reason (the page says 掲載終了) and reinstates", async () => {
    const { office, facility } = await published();
    expect(unwrap<FormFailure>(await review(office.cookie, facility.id, "revoke")).data.fieldErrors.comment).toBeDefined();
    await responseOf(() => review(office.cookie, facility.id, "revoke", "掲載内容が事実と異なることが判明したため"));
    expect(await statusOf(facility.id)).toBe("REVOKED");
    const ended = await publicLoader(args(getRequest(`/facilities/${facility.slug}`), { slug: facility.slug }));
    expect(unwrap(ended)).toMatchObject({ status: 410, data: { ended: true, name: "名寄みどりの丘病院" } });
    await responseOf(() => review(office.cookie, facility.id, "reinstate"));
    expect(await statusOf(facility.id)).toBe("PUBLISHED"); // this year's fee is paid
    expect((await publicPage(facility.slug)).status).toBe(200);
  });

  it("lapses when the fiscal year ends unpaid, and comes back on payment", async () => {
    const { office, facility } = await published();
    const nextYear = fiscalYearOf(new Date()) + 1;
    const inNextYear = new Date(Date.UTC(nextYear, 4, 1));
    expect(await lapseUnpaidListings(new Date())).toBe(0);
    expect(await lapseUnpaidListings(inNextYear)).toBe(1);
    expect(await statusOf(facility.id)).toBe("LAPSED");
    expect(unwrap(await publicLoader(args(getRequest(`/facilities/${facility.slug}`), { slug: facility.slug })))).toMatchObject({ status: 410 });
    const { recordBankTransfer } = await import("~/payments/fee-periods.server");
    await recordBankTransfer({ facilityId: facility.id, actorId: office.user.id, fiscalYear: nextYear, paidAt: inNextYear, note: "", now: inNextYear });
    expect(await statusOf(facility.id)).toBe("PUBLISHED");
  });

  it("keeps the audit trail append-only in the database itself", async () => {
    const { facility } = await published();
    const event = await prisma.reviewEvent.findFirstOrThrow({ where: { facilityId: facility.id } });
    await expect(prisma.$executeRaw`UPDATE "ReviewEvent" SET comment = 'edited' WHERE id = ${event.id}`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRaw`DELETE FROM "ReviewEvent" WHERE id = ${event.id}`).rejects.toThrow(/append-only/);
  });
});

describe("who may do what (every route of this feature)", () => {
  async function setup() {
    const owner = await signedIn("FACILITY_MEMBER");
    const otherMember = await signedIn("FACILITY_MEMBER");
    const physician = await signedIn("PHYSICIAN");
    const office = await signedIn("SECRETARIAT");
    const { operator, facility } = await createOperatorWithFacility(owner.user.id);
    await createOperatorWithFacility(otherMember.user.id, { name: "別の法人" });
    return { owner, otherMember, physician, office, operator, facility };
  }

  async function status(fn: () => Promise<unknown>) {
    return (await responseOf(fn)).status;
  }

  it("facility pages: 403 for physicians and the secretariat, 404 for another operator's member", async () => {
    const { otherMember, physician, office, operator, facility } = await setup();
    const p = { facilityId: facility.id, section: "basic", operatorId: operator.id };
    for (const { cookie } of [physician, office]) {
      expect(await status(() => facilityHomeLoader(args(getRequest("/facility", { cookie }))))).toBe(403);
      expect(await status(() => facilityHomeAction(args(postForm("/facility", { operatorId: operator.id, name: "x" }, { cookie }))))).toBe(403);
      expect(await status(() => newOperatorAction(args(postForm("/facility/operators/new", { kind: "INDIVIDUAL", name: "x" }, { cookie }))))).toBe(403);
      expect(await status(() => overviewLoader(args(getRequest("/x", { cookie }), p)))).toBe(403);
      expect(await status(() => sectionLoader(args(getRequest("/x", { cookie }), p)))).toBe(403);
    }
    const cookie = otherMember.cookie;
    expect(await status(() => operatorLoader(args(getRequest("/x", { cookie }), p)))).toBe(404);
    expect(await status(() => operatorAction(args(postForm("/x", { intent: "invite", email: "a@example.jp" }, { cookie }), p)))).toBe(404);
    expect(await status(() => facilityHomeAction(args(postForm("/facility", { operatorId: operator.id, name: "乗っ取り" }, { cookie }))))).toBe(404);
    expect(await status(() => overviewLoader(args(getRequest("/x", { cookie }), p)))).toBe(404);
    expect(await status(() => overviewAction(args(postForm("/x", { intent: "submit" }, { cookie }), p)))).toBe(404);
    expect(await status(() => sectionLoader(args(getRequest("/x", { cookie }), p)))).toBe(404);
    expect(await status(() => sectionAction(args(postForm("/x", { name: "x" }, { cookie }), p)))).toBe(404);
    expect(await status(() => sectionLoader(args(getRequest("/x", { cookie }), { ...p, section: "nope" })))).toBe(404);
    expect(await statusOf(facility.id)).toBe("DRAFT");
  });

  it("anonymous visitors are sent to log in", async () => {
    const { operator, facility } = await setup();
    const response = await responseOf(() => overviewLoader(args(getRequest(`/facility/facilities/${facility.id}`), { facilityId: facility.id })));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain("/login?redirectTo=");
    expect(await status(() => operatorLoader(args(getRequest("/x"), { operatorId: operator.id })))).toBe(302);
    expect(await status(() => reviewLoader(args(getRequest("/x"), { facilityId: facility.id })))).toBe(302);
  });

  it("secretariat pages: 403 for physicians and facility members, 404 for unknown records", async () => {
    const { owner, physician, office, facility } = await setup();
    for (const { cookie } of [owner, physician]) {
      expect(await status(() => queueLoader(args(getRequest("/secretariat", { cookie }))))).toBe(403);
      expect(await status(() => coverageLoader(args(getRequest("/secretariat/coverage", { cookie }))))).toBe(403);
      expect(await status(() => reviewLoader(args(getRequest("/x", { cookie }), { facilityId: facility.id })))).toBe(403);
      expect(await status(() => review(cookie, facility.id, "approve"))).toBe(403);
      expect(await status(() => payBankTransfer(cookie, facility.id))).toBe(403);
    }
    expect(await status(() => reviewLoader(args(getRequest("/x", { cookie: office.cookie }), { facilityId: "missing" })))).toBe(404);
    expect(await status(() => review(office.cookie, "missing", "approve", "", 0))).toBe(404);
    expect(await prisma.feePeriod.count()).toBe(0);
  });

  it("the public page shows only published listings", async () => {
    const { facility } = await setup();
    expect((await publicPage(facility.slug)).status).toBe(404);
    expect((await publicPage("no-such-slug")).status).toBe(404);
  });
});

describe("the coverage dashboard", () => {
  it("counts the demo data per prefecture and highlights prefectures with none", async () => {
    await seedDemoData(() => {});
    const office = await signedIn("SECRETARIAT");
    const result = await coverageLoader(args(getRequest("/secretariat/coverage", { cookie: office.cookie })));
    expect(result.totals).toEqual({ published: 60, inReview: 2, drafts: 0 });
    expect(result.covered).toBe(46);
    expect(result.empty).toEqual(["福井県"]);
    const row = (code: string) => result.prefectures.find((p) => p.code === code)!;
    expect(row("18")).toMatchObject({ name: "福井県", published: 0, inReview: 1 });
    expect(row("05")).toMatchObject({ name: "秋田県", published: 1, inReview: 1 });
    expect(row("01")).toMatchObject({ name: "北海道", published: 3 });
    // Independent count straight from the data.
    const hokkaido = await prisma.facilityProfile.count({ where: { stage: "APPROVED", prefectureCode: "01", facility: { status: "PUBLISHED" } } });
    expect(row("01").published).toBe(hokkaido);
    expect((await coverage()).covered).toBe(46);
  });
});
