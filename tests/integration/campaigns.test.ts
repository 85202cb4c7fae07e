import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliverCampaignBatch, runCampaignDelivery } from "~/campaigns/delivery.server";
import { queueDueCampaigns } from "~/campaigns/campaigns.server";
import { action as campaignAction, loader as campaignLoader } from "~/routes/secretariat.campaigns.$campaignId";
import { loader as previewLoader } from "~/routes/secretariat.campaigns.$campaignId.preview";
import { action as newAction } from "~/routes/secretariat.campaigns.new";
import { action as recipientsAction } from "~/routes/secretariat.campaigns.recipients";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe.$token";
import { loader as exportLoader } from "~/routes/secretariat.exports.$name";
import { action as webhookAction } from "~/routes/webhooks.resend";
import { prisma } from "~/utils/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import type { FormFailure } from "~/utils/form.server";
import { deliverDueMails } from "~/utils/mail-outbox.server";
import { startResendFake } from "../fakes/resend";
import { createListing, createUser, signedIn, withRendered } from "../helpers/factories";
import { BASE, context, getRequest, responseOf, unwrap } from "../helpers/requests";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, context: context(), params });
const WEBHOOK_SECRET = `whsec_${Buffer.from("campaign-webhook-secret-0123456789").toString("base64")}`;

let fake: Awaited<ReturnType<typeof startResendFake>>;
beforeAll(async () => {
  fake = await startResendFake();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  for (const key of ["RESEND_API_KEY", "RESEND_BASE_URL", "RESEND_WEBHOOK_SECRET", "CAMPAIGN_BATCH_SIZE"]) delete process.env[key];
  resetEnvForTests();
});

function useResend({ batchSize }: { batchSize?: number } = {}) {
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = fake.url;
  process.env.RESEND_WEBHOOK_SECRET = WEBHOOK_SECRET;
  if (batchSize) process.env.CAMPAIGN_BATCH_SIZE = String(batchSize);
  resetEnvForTests();
}

/** A form post with repeated fields (check boxes). */
function post(path: string, fields: Array<[string, string]>, cookie: string) {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, Cookie: cookie },
    body: new URLSearchParams(fields),
  });
}

/** A physician who opted in (or not), with a profile. */
async function physician({ consent = true, interest = ["08"], specialty = "anesthesiology", participant = false, email }: { consent?: boolean; interest?: string[]; specialty?: string; participant?: boolean; email?: string } = {}) {
  const user = await createUser({ email });
  await prisma.user.update({ where: { id: user.id }, data: consent ? { guidanceConsentAt: new Date(), guidanceConsentSource: "sign-up" } : {} });
  await prisma.physicianProfile.create({
    data: { userId: user.id, name: "髙橋 祐介", nameKana: "たかはし ゆうすけ", workplaceType: "UNIVERSITY_HOSPITAL", prefectureCode: "13", specialtyCode: specialty, licenceYear: 2005, programParticipant: participant, interestPrefectureCodes: interest, lookingFor: ["training"] },
  });
  return user;
}

const BODY = "■ 茨城県で総合医を目指す先生へ\n\n今月は、つくば市と水戸市の医療機関をご紹介します。\n\n・週1日の学習時間を確保\n・詳しくは https://gm-network.example/search?prefecture=08 をご覧ください";

async function draft(office: { cookie: string }, fields: Array<[string, string]> = []) {
  const listing = await createListing({ name: "医療法人社団 筑波記念会 つくば北診療所" });
  const response = await responseOf(() =>
    newAction(
      args(
        post(
          "/secretariat/campaigns/new",
          [
            ["intent", "save"],
            ["subject", "茨城県の受け入れ医療機関のご案内"],
            ["body", BODY],
            ["featured", `${BASE}/facilities/${listing.slug}`],
            ["participation", "any"],
            ...fields,
          ],
          office.cookie,
        ),
      ),
    ),
  );
  expect(response.status).toBe(302);
  return response.headers.get("Location")!.match(/campaigns\/([^?]+)/)![1]!;
}

function send(id: string, cookie: string, fields: Array<[string, string]>) {
  return campaignAction(args(post(`/secretariat/campaigns/${id}`, [["intent", "send"], ...fields], cookie), { campaignId: id }));
}

function signedWebhook(payload: object, { id = `msg_${Math.random().toString(36).slice(2)}`, at = new Date() } = {}) {
  const body = JSON.stringify(payload);
  const signature = new Webhook(WEBHOOK_SECRET).sign(id, at, body);
  return new Request(`${BASE}/webhooks/resend`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": signature },
    body,
  });
}

describe("guidance mail campaigns", () => {
  it("sends only to physicians who opted in and match the segment, in batches, each with a working one-click unsubscribe", async () => {
    useResend({ batchSize: 2 });
    const office = await signedIn("SECRETARIAT", "office-campaign@example.jp");
    const match = await Promise.all([physician(), physician({ interest: ["08", "13"] }), physician({ interest: ["08"], specialty: "anesthesiology" })]);
    await physician({ consent: false }); // no consent: never
    await physician({ interest: ["01"] }); // another prefecture
    await physician({ specialty: "pediatrics" }); // another specialty
    const id = await draft(office, [
      ["prefectureCodes", "08"],
      ["specialtyCodes", "anesthesiology"],
    ]);

    const page = await campaignLoader(args(getRequest(`/secretariat/campaigns/${id}`, { cookie: office.cookie }), { campaignId: id }));
    expect(page.audienceCount).toBe(3);
    expect(page.previewText).toContain("今月は、つくば市と水戸市の医療機関をご紹介します。");
    expect(page.previewText).toContain("医療法人社団 筑波記念会 つくば北診療所");
    const html = await (await responseOf(() => previewLoader(args(getRequest(`/secretariat/campaigns/${id}/preview`, { cookie: office.cookie }), { campaignId: id })))).text();
    expect(html).toContain('href="https://gm-network.example/search?prefecture=08"');
    expect(html).not.toContain("\u0000");

    // The test mail goes to the secretariat member only, marked as a test.
    await campaignAction(args(post(`/secretariat/campaigns/${id}`, [["intent", "test"]], office.cookie), { campaignId: id }));
    const test = await withRendered(prisma.mailOutbox.findFirstOrThrow({ where: { toAddress: office.user.email, template: "guidance" } }));
    expect(test.subject).toBe("【テスト送信】茨城県の受け入れ医療機関のご案内");

    // The first post asks for confirmation with the count; nothing is queued yet.
    const confirm = (await send(id, office.cookie, [["when", "now"]])) as { confirm: { count: number } };
    expect(confirm.confirm.count).toBe(3);
    expect(await prisma.mailOutbox.count({ where: { campaignId: id } })).toBe(0);
    expect((await responseOf(() => send(id, office.cookie, [["when", "now"], ["confirmed", "yes"]]))).status).toBe(302);
    expect(await prisma.mailOutbox.count({ where: { campaignId: id } })).toBe(3);
    expect(await prisma.campaignBatch.count({ where: { campaignId: id } })).toBe(2);
    // Sending again is refused: queued once.
    expect(unwrap<FormFailure>(await send(id, office.cookie, [["when", "now"], ["confirmed", "yes"]])).status).toBe(409);

    // The per-mail loop never takes campaign mail; the campaign worker sends it in batches.
    await deliverDueMails();
    expect(fake.received.filter((m) => m.body.subject === "茨城県の受け入れ医療機関のご案内")).toHaveLength(0);
    expect(await runCampaignDelivery()).toBe(3);
    const sent = fake.received.filter((m) => m.body.subject === "茨城県の受け入れ医療機関のご案内");
    expect(sent.map((m) => m.body.to).sort()).toEqual(match.map((u) => u.email).sort());
    expect(fake.batchCalls.filter((b) => b.idempotencyKey?.startsWith(`gm-campaign-batch-${id}`)).map((b) => b.size)).toEqual([2, 1]);
    const headers = sent[0]!.body.headers as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const link = headers["List-Unsubscribe"]!.slice(1, -1);
    expect(String(sent[0]!.body.text)).toContain(link);
    expect((await prisma.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");

    // One-click unsubscribe (RFC 8058): a POST to the link stops guidance mail for that address only.
    const token = link.split("/unsubscribe/")[1]!;
    const who = await prisma.user.findUniqueOrThrow({ where: { email: String(sent[0]!.body.to) } });
    expect((await unsubscribeLoader(args(getRequest(`/unsubscribe/${token}`), { token }))).valid).toBe(true);
    await unsubscribeAction(args(new Request(`${BASE}/unsubscribe/${token}`, { method: "POST", body: new FormData() }), { token }));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: who.id } })).guidanceConsentAt).toBeNull();
    expect((await responseOf(() => unsubscribeAction(args(new Request(`${BASE}/unsubscribe/${token}x`, { method: "POST" }), { token: `${token}x` })))).status).toBe(404);

    // The results as CSV for Excel: counts, no addresses.
    const csv = await (await responseOf(() => exportLoader(args(getRequest("/secretariat/exports/campaigns.csv", { cookie: office.cookie }), { name: "campaigns.csv" })))).text();
    expect(csv).toContain("茨城県の受け入れ医療機関のご案内,送信済み");
    expect(csv).not.toContain("@example.jp");
    const results = await campaignLoader(args(getRequest(`/secretariat/campaigns/${id}`, { cookie: office.cookie }), { campaignId: id }));
    expect(results.results).toMatchObject({ queued: 3, sent: 3, pending: 0, unsubscribed: 1 });
    // The next campaign leaves them out.
    const next = await draft(office, [["prefectureCodes", "08"], ["specialtyCodes", "anesthesiology"]]);
    expect((await campaignLoader(args(getRequest(`/secretariat/campaigns/${next}`, { cookie: office.cookie }), { campaignId: next }))).audienceCount).toBe(2);
  });

  it("refuses a campaign with no audience, bad input (keeping it), other roles, and a listing that is not published", async () => {
    const office = await signedIn("SECRETARIAT");
    const id = await draft(office, [["prefectureCodes", "47"]]);
    const refused = unwrap<FormFailure>(await send(id, office.cookie, [["when", "now"], ["confirmed", "yes"]]));
    expect(refused.status).toBe(400);
    expect(refused.data.formError).toBe("この条件に当てはまる宛先がいません。宛先の条件を見直してください。");
    expect(await prisma.mailOutbox.count({ where: { campaignId: id } })).toBe(0);

    const bad = unwrap<FormFailure>(
      await newAction(args(post("/secretariat/campaigns/new", [["intent", "save"], ["subject", ""], ["body", "短い"], ["featured", "https://gm-network.example/facilities/no-such-place"], ["participation", "any"]], office.cookie))),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.fieldErrors.subject?.[0]).toBe("件名を入力してください");
    expect(bad.data.fieldErrors.body?.[0]).toBe("本文は10文字以上で入力してください");
    expect(bad.data.values.body).toBe("短い");
    const hidden = await createListing({}, { status: "REVOKED" });
    const notPublished = unwrap<FormFailure>(
      await newAction(args(post("/secretariat/campaigns/new", [["intent", "save"], ["subject", "件名"], ["body", BODY], ["featured", hidden.slug], ["participation", "any"]], office.cookie))),
    );
    expect(notPublished.data.fieldErrors.featured?.[0]).toContain(hidden.slug);

    const later = unwrap<FormFailure>(await send(id, office.cookie, [["when", "later"], ["scheduledAt", ""]]));
    expect(later.data.fieldErrors.scheduledAt?.[0]).toBe("送信する日時を入力してください");

    for (const role of ["PHYSICIAN", "FACILITY_MEMBER"] as const) {
      const other = await signedIn(role);
      expect((await responseOf(() => campaignLoader(args(getRequest(`/secretariat/campaigns/${id}`, { cookie: other.cookie }), { campaignId: id })))).status).toBe(403);
      expect((await responseOf(() => send(id, other.cookie, [["when", "now"], ["confirmed", "yes"]]))).status).toBe(403);
    }
  });

  it("sends a scheduled campaign when its time comes, to imported recipients with a consent source too", async () => {
    const office = await signedIn("SECRETARIAT");
    await physician({ interest: ["08"] });
    // Imported recipients: only with a consent source; lines that are not addresses are reported.
    const missing = unwrap<FormFailure>(await recipientsAction(args(post("/secretariat/campaigns/recipients", [["intent", "add"], ["consentSource", ""], ["lines", "a@example.jp"]], office.cookie))));
    expect(missing.data.fieldErrors.consentSource?.[0]).toBe("同意の取得元を入力してください");
    const wrong = unwrap<FormFailure>(
      await recipientsAction(args(post("/secretariat/campaigns/recipients", [["intent", "add"], ["consentSource", "令和8年度 受講申込書"], ["lines", "ｓａｔｏ＠example.jp, 佐藤 花子\nnot an address"]], office.cookie))),
    );
    expect(wrong.data.fieldErrors.lines?.[0]).toContain("not an address");
    await recipientsAction(args(post("/secretariat/campaigns/recipients", [["intent", "add"], ["consentSource", "令和8年度 受講申込書"], ["lines", "ｓａｔｏ＠example.jp, 佐藤 花子"]], office.cookie)));
    expect(await prisma.guidanceRecipient.findUniqueOrThrow({ where: { email: "sato@example.jp" } })).toMatchObject({ name: "佐藤 花子", consentSource: "令和8年度 受講申込書" });

    const id = await draft(office);
    const at = new Date(Date.now() + 3600_000);
    const local = new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 16);
    expect((await responseOf(() => send(id, office.cookie, [["when", "later"], ["scheduledAt", local], ["confirmed", "yes"]]))).status).toBe(302);
    expect(await queueDueCampaigns(new Date())).toBe(0);
    expect(await prisma.mailOutbox.count({ where: { campaignId: id } })).toBe(0);
    await queueDueCampaigns(new Date(at.getTime() + 60_000));
    const queued = await prisma.mailOutbox.findMany({ where: { campaignId: id } });
    expect(queued.map((m) => m.toAddress)).toContain("sato@example.jp");
    expect(queued.length).toBe(2);
    // The scheduler runs in every process: queued once.
    await queueDueCampaigns(new Date(at.getTime() + 120_000));
    expect(await prisma.mailOutbox.count({ where: { campaignId: id } })).toBe(2);
  });

  it("puts a bounced address on the suppression list from a signed webhook, refuses bad signatures and replays, and mails it nothing more", async () => {
    useResend();
    const office = await signedIn("SECRETARIAT");
    const bouncing = await physician({ email: "no-such-user@example.jp" });
    await physician();
    const id = await draft(office);
    await send(id, office.cookie, [["when", "now"], ["confirmed", "yes"]]);
    await runCampaignDelivery();
    const row = await prisma.mailOutbox.findFirstOrThrow({ where: { campaignId: id, toAddress: bouncing.email } });
    expect(row.providerMessageId).toMatch(/^fake-/);
    const event = { type: "email.bounced", created_at: new Date().toISOString(), data: { email_id: row.providerMessageId, to: [bouncing.email], bounce: { type: "Permanent", message: "mailbox does not exist" } } };

    const forged = signedWebhook(event);
    forged.headers.set("svix-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    expect((await responseOf(() => webhookAction(args(forged)))).status).toBe(400);
    const stale = signedWebhook(event, { at: new Date(Date.now() - 3600_000) });
    expect((await responseOf(() => webhookAction(args(stale)))).status).toBe(400);
    expect(await prisma.mailSuppression.count()).toBe(0);

    const good = signedWebhook(event, { id: "msg_bounce_1" });
    expect((await responseOf(() => webhookAction(args(good)))).status).toBe(200);
    expect(await prisma.mailSuppression.findUniqueOrThrow({ where: { email: bouncing.email } })).toMatchObject({ reason: "BOUNCE" });
    expect((await prisma.mailOutbox.findUniqueOrThrow({ where: { id: row.id } })).bouncedAt).not.toBeNull();
    expect((await responseOf(() => webhookAction(args(signedWebhook(event, { id: "msg_bounce_1" }))))).status).toBe(409);

    // Every later mail respects it: a campaign leaves the address out, and transactional mail is not sent.
    const next = await draft(office);
    await send(next, office.cookie, [["when", "now"], ["confirmed", "yes"]]);
    expect(await prisma.mailOutbox.count({ where: { campaignId: next, toAddress: bouncing.email } })).toBe(0);
    const before = fake.received.length;
    await prisma.mailOutbox.create({ data: { toAddress: bouncing.email, template: "new-message", props: { threadUrl: `${BASE}/x` } } });
    await deliverDueMails();
    expect(fake.received.slice(before).some((m) => m.body.to === bouncing.email)).toBe(false);
    expect(await prisma.mailOutbox.count({ where: { toAddress: bouncing.email, status: "SUPPRESSED" } })).toBe(1);

    // A complaint suppresses and withdraws consent.
    const other = await prisma.mailOutbox.findFirstOrThrow({ where: { campaignId: id, NOT: { toAddress: bouncing.email } } });
    await webhookAction(args(signedWebhook({ type: "email.complained", data: { email_id: other.providerMessageId, to: [other.toAddress] } })));
    expect(await prisma.mailSuppression.findUnique({ where: { email: other.toAddress } })).toMatchObject({ reason: "COMPLAINT" });
    expect((await prisma.user.findUniqueOrThrow({ where: { email: other.toAddress } })).guidanceConsentAt).toBeNull();
  });

  it("resumes a batch after a crash without sending anyone twice, and retries a failed batch", async () => {
    useResend({ batchSize: 3 });
    const office = await signedIn("SECRETARIAT");
    for (let i = 0; i < 7; i++) await physician();
    const id = await draft(office);
    await send(id, office.cookie, [["when", "now"], ["confirmed", "yes"]]);
    const before = fake.received.length;
    // A worker claims a batch, the provider accepts it, and the worker dies before recording it:
    // simulated by a provider that never answers within the timeout.
    fake.setDelay(400);
    const first = await deliverCampaignBatch({ timeoutMs: 100, leaseMs: 50 });
    expect(first?.failed).toBe(true);
    fake.setDelay(0);
    await new Promise((r) => setTimeout(r, 500));
    // A provider error is retried later too.
    fake.failNextRequests(1, 503);
    const later = new Date(Date.now() + 24 * 3600_000);
    expect((await deliverCampaignBatch({ now: later }))?.failed).toBe(true);
    let outcome;
    while ((outcome = await deliverCampaignBatch({ now: new Date(later.getTime() + 24 * 3600_000) }))) expect(outcome.failed).toBe(false);
    const delivered = fake.received.slice(before).map((m) => String(m.body.to));
    expect(delivered).toHaveLength(7);
    expect(new Set(delivered).size).toBe(7);
    expect(fake.batchCalls.some((b) => b.replay)).toBe(true);
    expect((await campaignLoader(args(getRequest(`/secretariat/campaigns/${id}`, { cookie: office.cookie }), { campaignId: id }))).results).toMatchObject({ queued: 7, sent: 7, failed: 0 });
  });
});
