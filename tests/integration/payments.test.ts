import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fiscalYearOf } from "~/billing/fiscal-year";
import { recordBankTransfer } from "~/payments/fee-periods.server";
import { runFeeCycle } from "~/payments/fee-cycle.server";
import { moneyCsv, moneyOverview } from "~/payments/money.server";
import { signPayload, stripeClient } from "~/payments/stripe.server";
import { action as payAction } from "~/routes/facility.facilities.$facilityId.pay";
import { loader as paymentLoader } from "~/routes/facility.facilities.$facilityId.payment";
import { action as localCheckoutAction, loader as localCheckoutLoader } from "~/routes/payments.test-checkout.$sessionId";
import { loader as receiptLoader } from "~/routes/receipts.$receiptId";
import { loader as csvLoader } from "~/routes/secretariat.payments[.]csv";
import { action as webhookAction } from "~/routes/webhooks.stripe";
import { prisma } from "~/utils/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import { startStripeFake, stripeEvent } from "../fakes/stripe";
import { createOperatorWithFacility, lastMailTo, signedIn, withRendered } from "../helpers/factories";
import { context, getRequest, postForm, responseOf } from "../helpers/requests";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, context: context(), params });
const FY = fiscalYearOf(new Date());
let fake: Awaited<ReturnType<typeof startStripeFake>>;
let eventCounter = 0;

beforeAll(async () => {
  fake = await startStripeFake();
});
afterAll(() => fake.close());

function useStripe() {
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: "sk_test_fake_key",
    STRIPE_WEBHOOK_SECRET: "whsec_test_secret_for_the_fake",
    STRIPE_TAX_RATE_ID: "txr_fake_consumption_10",
    STRIPE_API_BASE: fake.url,
  });
  resetEnvForTests();
}

afterEach(() => {
  for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_TAX_RATE_ID", "STRIPE_API_BASE"]) delete process.env[key];
  resetEnvForTests();
});

/** An approved, unpaid listing and its member. */
async function approvedFacility(email = "member@example.jp") {
  const member = await signedIn("FACILITY_MEMBER", email);
  const { facility, operator } = await createOperatorWithFacility(member.user.id);
  await prisma.facility.update({ where: { id: facility.id }, data: { status: "APPROVED" } });
  await prisma.$executeRaw`INSERT INTO "FacilityProfile" ("id", "facilityId", "stage", "name", "updatedAt")
    SELECT 'approved-' || ${facility.id}, ${facility.id}, 'APPROVED', "name", now() FROM "FacilityProfile" WHERE "facilityId" = ${facility.id}`;
  return { member, facility, operator };
}

async function pay(cookie: string, facilityId: string) {
  return responseOf(() => payAction(args(postForm(`/facility/facilities/${facilityId}/pay`, {}, { cookie }), { facilityId })));
}

/** Delivers an event to the webhook route as Stripe would: raw body, signature header. */
async function deliver(payload: string, signature = signPayload(payload)) {
  const request = new Request("http://localhost:3000/webhooks/stripe", { method: "POST", headers: { "Stripe-Signature": signature, "Content-Type": "application/json" }, body: payload });
  const response = (await webhookAction(args(request))) as Response;
  return { status: response.status, body: (await response.json()) as { outcome?: string } };
}

function event(type: string, sessionId: string, id = `evt_test_${++eventCounter}`) {
  return stripeEvent(id, type, sessionId);
}

async function facilityStatus(id: string) {
  return (await prisma.facility.findUniqueOrThrow({ where: { id } })).status;
}

describe("paying through Stripe Checkout", () => {
  beforeEach(useStripe);

  it("opens one Checkout Session in JPY with tax on top, facility and year in the metadata", async () => {
    const { member, facility } = await approvedFacility();
    const response = await pay(member.cookie, facility.id);
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_fake_/);
    const { params, idempotencyKey, authorization } = fake.createRequests.at(-1)!;
    expect(authorization).toBe("Bearer sk_test_fake_key");
    expect(idempotencyKey).toBe(`gm-fee-${facility.id}-${FY}-0`);
    expect(Object.fromEntries(params)).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][currency]": "jpy",
      "line_items[0][price_data][unit_amount]": "30000",
      "line_items[0][price_data][tax_behavior]": "exclusive",
      "line_items[0][tax_rates][0]": "txr_fake_consumption_10",
      "allowed_payment_method_types[0]": "card",
      "allowed_payment_method_types[1]": "konbini",
      "metadata[facilityId]": facility.id,
      "metadata[fiscalYear]": String(FY),
      customer_email: "member@example.jp",
    });
    expect(fake.sessions.get(location.split("/").pop()!)?.amount_total).toBe(33000);
    // A second click goes back to the same session.
    const again = await pay(member.cookie, facility.id);
    expect(again.headers.get("Location")).toBe(location);
    expect(await prisma.paymentAttempt.count()).toBe(1);
  });

  it("settles once when completed and async_payment_succeeded arrive at the same moment, on two connections", async () => {
    for (let run = 0; run < 5; run++) {
      const { member, facility } = await approvedFacility(`race${run}@example.jp`);
      const sessionId = (await pay(member.cookie, facility.id)).headers.get("Location")!.split("/").pop()!;
      fake.complete(sessionId);
      // Every interleaving of the four events for one paid session, all at once.
      const types = ["checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed", "checkout.session.expired"];
      const order = run % 2 ? types.reverse() : types;
      const outcomes = (await Promise.all(order.map((type) => deliver(event(type, sessionId))))).map((r) => r.body.outcome);
      expect(outcomes.filter((o) => o === "paid"), `run ${run}: ${outcomes}`).toHaveLength(1);
      expect(outcomes.filter((o) => o !== "paid").every((o) => o === "already-final"), `run ${run}: ${outcomes}`).toBe(true);
      const attempt = await prisma.paymentAttempt.findFirstOrThrow({ where: { checkoutSessionId: sessionId } });
      expect(attempt.status).toBe("PAID");
      expect(await facilityStatus(facility.id)).toBe("PUBLISHED");
    }
    expect(fake.refunds).toHaveLength(0);
    expect(await prisma.mailOutbox.count({ where: { template: "payment-flagged" } })).toBe(0);
  });

  it("settles on the webhook: paid once, receipt mailed, listing published", async () => {
    const { member, facility } = await approvedFacility();
    const sessionId = (await pay(member.cookie, facility.id)).headers.get("Location")!.split("/").pop()!;
    const processing = await paymentLoader(args(getRequest(`/facility/facilities/${facility.id}/payment?session=${sessionId}`, { cookie: member.cookie }), { facilityId: facility.id }));
    expect(processing.state).toBe("processing");

    fake.complete(sessionId);
    const completed = event("checkout.session.completed", sessionId);
    expect(await deliver(completed)).toEqual({ status: 200, body: { received: true, outcome: "paid" } });
    // The same event again: acknowledged, nothing more happens.
    expect((await deliver(completed)).body.outcome).toBe("duplicate-event");

    const period = await prisma.feePeriod.findFirstOrThrow({ where: { facilityId: facility.id }, include: { receipt: true } });
    expect(period).toMatchObject({ fiscalYear: FY, method: "STRIPE", amountTotal: 33000 });
    expect(period.receipt).toMatchObject({ number: 1, amountExclTax: 30000, taxRatePercent: 10, taxAmount: 3000, amountTotal: 33000, description: expect.stringContaining("GMネットワーク登録料（令和") });
    expect(await facilityStatus(facility.id)).toBe("PUBLISHED");
    const mails = await withRendered(prisma.mailOutbox.findMany({ where: { toAddress: "member@example.jp" }, orderBy: { createdAt: "asc" } }));
    expect(mails.map((m) => m.template)).toEqual(["receipt", "facility-decision"]);
    expect(mails[0]!.text).toContain("消費税（10%対象）：¥3,000");
    const paid = await paymentLoader(args(getRequest(`/facility/facilities/${facility.id}/payment?session=${sessionId}`, { cookie: member.cookie }), { facilityId: facility.id }));
    expect(paid).toMatchObject({ state: "paid", receiptId: period.receipt!.id });
    // Paid now: the button leads nowhere new.
    expect((await pay(member.cookie, facility.id)).headers.get("Location")).toContain("notice=already-paid");
  });

  it("settles exactly once when events arrive out of order", async () => {
    const { member, facility } = await approvedFacility();
    const sessionId = (await pay(member.cookie, facility.id)).headers.get("Location")!.split("/").pop()!;
    fake.complete(sessionId);
    expect((await deliver(event("checkout.session.async_payment_succeeded", sessionId))).body.outcome).toBe("paid");
    expect((await deliver(event("checkout.session.completed", sessionId))).body.outcome).toBe("already-final");
    expect((await deliver(event("checkout.session.async_payment_failed", sessionId))).body.outcome).toBe("already-final");
    expect(await prisma.receipt.count()).toBe(1);
    expect(await prisma.feePeriod.count({ where: { paidAt: { not: null } } })).toBe(1);
  });

  it("waits for a konbini payment, then settles or fails it", async () => {
    const { member, facility } = await approvedFacility();
    const sessionId = (await pay(member.cookie, facility.id)).headers.get("Location")!.split("/").pop()!;
    fake.complete(sessionId, { payment_status: "unpaid" });
    expect((await deliver(event("checkout.session.completed", sessionId))).body.outcome).toBe("processing");
    expect(await facilityStatus(facility.id)).toBe("APPROVED");
    fake.complete(sessionId, { payment_status: "paid" });
    expect((await deliver(event("checkout.session.async_payment_succeeded", sessionId))).body.outcome).toBe("paid");
    expect(await facilityStatus(facility.id)).toBe("PUBLISHED");

    const other = await approvedFacility("other@example.jp");
    const otherSession = (await pay(other.member.cookie, other.facility.id)).headers.get("Location")!.split("/").pop()!;
    fake.complete(otherSession, { payment_status: "unpaid" });
    await deliver(event("checkout.session.completed", otherSession));
    expect((await deliver(event("checkout.session.async_payment_failed", otherSession))).body.outcome).toBe("failed");
    expect(await facilityStatus(other.facility.id)).toBe("APPROVED");
  });

  it("refuses a wrong signature or a stale timestamp with 400 and changes nothing", async () => {
    const { member, facility } = await approvedFacility();
    const sessionId = (await pay(member.cookie, facility.id)).headers.get("Location")!.split("/").pop()!;
    fake.complete(sessionId);
    const payload = event("checkout.session.completed", sessionId);
    const forged = stripeClient().webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else" });
    expect((await deliver(payload, forged)).status).toBe(400);
    expect((await deliver(payload, "t=1,v1=deadbeef")).status).toBe(400);
    const stale = signPayload(payload, Math.floor(Date.now() / 1000) - 600);
    expect((await deliver(payload, stale)).status).toBe(400);
    expect(await prisma.stripeEvent.count()).toBe(0);
    expect(await facilityStatus(facility.id)).toBe("APPROVED");
  });

  it("flags a wrong amount or currency to the secretariat and does not count it as paid", async () => {
    await signedIn("SECRETARIAT", "office@example.jp");
    const { member, facility } = await approvedFacility();
    const sessionId = (await pay(member.cookie, facility.id)).headers.get("Location")!.split("/").pop()!;
    fake.complete(sessionId, { amount_total: 3300 });
    expect((await deliver(event("checkout.session.completed", sessionId))).body.outcome).toBe("mismatch");
    expect(await prisma.feePeriod.count({ where: { paidAt: { not: null } } })).toBe(0);
    expect(await facilityStatus(facility.id)).toBe("APPROVED");
    const flag = (await lastMailTo("office@example.jp"))!;
    expect(flag.template).toBe("payment-flagged");
    expect(flag.text).toContain("金額が異なります（請求 ¥33,000、支払い ¥3,300）");

    const other = await approvedFacility("other@example.jp");
    const usd = (await pay(other.member.cookie, other.facility.id)).headers.get("Location")!.split("/").pop()!;
    fake.complete(usd, { currency: "usd" });
    expect((await deliver(event("checkout.session.completed", usd))).body.outcome).toBe("mismatch");
    const overview = await moneyOverview(FY);
    expect(overview.flagged.map((f) => f.reason)).toEqual(expect.arrayContaining([expect.stringContaining("通貨が異なります（usd）")]));
  });

  it("refuses to let a member pay for another operator's facility", async () => {
    const { facility } = await approvedFacility();
    const stranger = await signedIn("FACILITY_MEMBER", "stranger@example.jp");
    await createOperatorWithFacility(stranger.user.id, { name: "別の法人" });
    expect((await pay(stranger.cookie, facility.id)).status).toBe(404);
    const physician = await signedIn("PHYSICIAN");
    expect((await pay(physician.cookie, facility.id)).status).toBe(403);
    expect(fake.createRequests.filter((r) => r.params.get("metadata[facilityId]") === facility.id)).toHaveLength(0);
  });

  it("never makes two paid periods: a second payment for a paid year is flagged and refunded", async () => {
    const office = await signedIn("SECRETARIAT", "office@example.jp");
    const { member, facility } = await approvedFacility();
    const sessionId = (await pay(member.cookie, facility.id)).headers.get("Location")!.split("/").pop()!;
    // Meanwhile the secretariat records a bank transfer for the same year.
    expect(await recordBankTransfer({ facilityId: facility.id, actorId: office.user.id, fiscalYear: FY, paidAt: new Date(), note: "振込" })).toBe("recorded");
    fake.complete(sessionId);
    expect((await deliver(event("checkout.session.completed", sessionId))).body.outcome).toBe("duplicate-payment");
    expect(fake.refunds).toContainEqual({ paymentIntent: `pi_fake_${sessionId}`, idempotencyKey: `gm-refund-${sessionId}` });
    expect(await prisma.feePeriod.count({ where: { facilityId: facility.id } })).toBe(1);
    expect(await prisma.receipt.count({ where: { facilityId: facility.id } })).toBe(1);
    expect((await prisma.paymentAttempt.findFirstOrThrow()).status).toBe("DUPLICATE");
  });

  it("answers 500 while the database is unavailable, and Stripe's retry succeeds with nothing lost", async () => {
    const { member, facility } = await approvedFacility();
    const sessionId = (await pay(member.cookie, facility.id)).headers.get("Location")!.split("/").pop()!;
    fake.complete(sessionId);
    const payload = event("checkout.session.completed", sessionId);
    const signature = signPayload(payload);
    vi.mocked(console.error).mockImplementation(() => {}); // the failure is logged on purpose
    await prisma.$executeRawUnsafe(`ALTER TABLE "StripeEvent" RENAME TO "StripeEvent_away"`);
    try {
      expect((await deliver(payload, signature)).status).toBe(500);
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "StripeEvent_away" RENAME TO "StripeEvent"`);
    }
    vi.mocked(console.error).mockClear();
    expect(await facilityStatus(facility.id)).toBe("APPROVED");
    expect(await deliver(payload, signature)).toEqual({ status: 200, body: { received: true, outcome: "paid" } });
    expect(await facilityStatus(facility.id)).toBe("PUBLISHED");
  });
});

describe("the local test mode (no Stripe keys)", () => {
  it("pays through a local checkout page that drives the same webhook code", async () => {
    const { member, facility } = await approvedFacility();
    const location = (await pay(member.cookie, facility.id)).headers.get("Location")!;
    expect(location).toMatch(/^http:\/\/localhost:3000\/payments\/test-checkout\/cs_test_local_/);
    const sessionId = location.split("/").pop()!;
    const page = await localCheckoutLoader(args(getRequest(`/payments/test-checkout/${sessionId}`, { cookie: member.cookie }), { sessionId }));
    expect(page).toMatchObject({ amountExclTax: "¥30,000", taxAmount: "¥3,000", amountTotal: "¥33,000", open: true });
    const stranger = await signedIn("FACILITY_MEMBER", "stranger@example.jp");
    expect((await responseOf(() => localCheckoutLoader(args(getRequest("/x", { cookie: stranger.cookie }), { sessionId })))).status).toBe(404);

    const done = await responseOf(() => localCheckoutAction(args(postForm(`/payments/test-checkout/${sessionId}`, { outcome: "success" }, { cookie: member.cookie }), { sessionId })));
    expect(done.headers.get("Location")).toBe(`/facility/facilities/${facility.id}/payment?session=${sessionId}`);
    expect(await facilityStatus(facility.id)).toBe("PUBLISHED");
    expect(await prisma.stripeEvent.count()).toBe(1); // it went through the webhook handler
    const receipt = await prisma.receipt.findFirstOrThrow();
    expect(receipt.paymentMethod).toBe("STRIPE");
  });

  it("records a failed test payment and lets the person try again", async () => {
    const { member, facility } = await approvedFacility();
    const sessionId = (await pay(member.cookie, facility.id)).headers.get("Location")!.split("/").pop()!;
    await responseOf(() => localCheckoutAction(args(postForm("/x", { outcome: "failure" }, { cookie: member.cookie }), { sessionId })));
    const status = await paymentLoader(args(getRequest(`/x?session=${sessionId}`, { cookie: member.cookie }), { facilityId: facility.id }));
    expect(status.state).toBe("failed");
    const retry = (await pay(member.cookie, facility.id)).headers.get("Location")!;
    expect(retry).not.toContain(sessionId);
    expect(await facilityStatus(facility.id)).toBe("APPROVED");
  });
});

describe("receipts", () => {
  it("are numbered without gaps, readable by the facility and the secretariat only, and never change", async () => {
    const office = await signedIn("SECRETARIAT");
    const facilities = [await approvedFacility("a@example.jp"), await approvedFacility("b@example.jp"), await approvedFacility("c@example.jp")];
    for (const { facility } of facilities) {
      await recordBankTransfer({ facilityId: facility.id, actorId: office.user.id, fiscalYear: FY, paidAt: new Date(), note: "" });
    }
    const receipts = await prisma.receipt.findMany({ orderBy: { number: "asc" } });
    expect(receipts.map((r) => r.number)).toEqual([1, 2, 3]);
    const [first] = receipts;
    const own = facilities.find((f) => f.facility.id === first!.facilityId)!;
    const page = await receiptLoader(args(getRequest(`/receipts/${first!.id}`, { cookie: own.member.cookie }), { receiptId: first!.id }));
    expect(page).toMatchObject({ number: "000001", taxAmount: "¥3,000", amountTotal: "¥33,000", amountExclTax: "¥30,000", taxRatePercent: 10, issuerName: "公益社団法人 全日本病院協会" });
    expect((await receiptLoader(args(getRequest("/x", { cookie: office.cookie }), { receiptId: first!.id }))).number).toBe("000001");
    const otherMember = facilities.find((f) => f.facility.id !== first!.facilityId)!;
    expect((await responseOf(() => receiptLoader(args(getRequest("/x", { cookie: otherMember.member.cookie }), { receiptId: first!.id })))).status).toBe(404);
    await expect(prisma.$executeRaw`UPDATE "Receipt" SET "amountTotal" = 1 WHERE id = ${first!.id}`).rejects.toThrow(/cannot be changed/);
  });
});

describe("renewal and lapse", () => {
  async function publishedAndPaid(email: string, fiscalYear: number, paidAt: Date) {
    const office = await signedIn("SECRETARIAT");
    const { facility, member } = await approvedFacility(email);
    await recordBankTransfer({ facilityId: facility.id, actorId: office.user.id, fiscalYear, paidAt, note: "", now: paidAt });
    return { facility, member, office };
  }

  it("mails renewal notices before the year ends, once each, however often the job runs", async () => {
    const start = new Date(Date.UTC(FY, 4, 1));
    const { facility } = await publishedAndPaid("renew@example.jp", FY, start);
    expect(await facilityStatus(facility.id)).toBe("PUBLISHED");
    const february = new Date(Date.UTC(FY + 1, 1, 10)); // 10 Feb: about 50 days before 31 March
    const [a, b] = await Promise.all([runFeeCycle(february), runFeeCycle(february)]);
    expect(a.sent + b.sent).toBe(1);
    expect((await runFeeCycle(february)).sent).toBe(0);
    const notice = (await lastMailTo("renew@example.jp"))!;
    expect(notice.template).toBe("fee-notice");
    expect(notice.subject).toContain(`の登録料のご案内`);
    const lateMarch = new Date(Date.UTC(FY + 1, 2, 25));
    expect((await runFeeCycle(lateMarch)).sent).toBe(1); // the 14-day notice
    expect(await prisma.feeNotice.count()).toBe(2);
  });

  it("keeps an unpaid listing up through the grace period, then lapses it; payment brings it back", async () => {
    const { facility, office } = await publishedAndPaid("lapse@example.jp", FY, new Date(Date.UTC(FY, 4, 1)));
    const nextYearStart = Date.UTC(FY + 1, 3, 1) - 9 * 3600_000;
    const inGrace = new Date(nextYearStart + 10 * 86_400_000);
    expect((await runFeeCycle(inGrace)).lapsed).toBe(0);
    expect(await facilityStatus(facility.id)).toBe("PUBLISHED");
    expect((await lastMailTo("lapse@example.jp"))?.subject).toContain("登録料が未納です");
    const afterGrace = new Date(nextYearStart + 31 * 86_400_000);
    expect((await runFeeCycle(afterGrace)).lapsed).toBe(1);
    expect(await facilityStatus(facility.id)).toBe("LAPSED");
    expect((await lastMailTo("lapse@example.jp"))?.subject).toContain("掲載を停止しました");
    await recordBankTransfer({ facilityId: facility.id, actorId: office.user.id, fiscalYear: FY + 1, paidAt: afterGrace, note: "", now: afterGrace });
    expect(await facilityStatus(facility.id)).toBe("PUBLISHED");
  });

  it("stops lapsing listings within seconds when the process is told to stop (SIGTERM)", async () => {
    const { startWorkers, STOP_GRACE_MS } = await import("~/server/workers.server");
    // 400 published listings that never paid (rows only: lapsing needs no more).
    await prisma.$executeRaw`INSERT INTO "Operator" (id, name, kind, "updatedAt") VALUES ('op-stop', '停止テスト法人', 'CORPORATION', now())`;
    await prisma.$executeRaw`INSERT INTO "Facility" (id, "operatorId", slug, status, "publishedAt", "updatedAt")
      SELECT 'stop-' || n, 'op-stop', 'stop-' || n, 'PUBLISHED', now(), now() FROM generate_series(1, 400) AS n`;
    const afterGrace = new Date(Date.UTC(FY + 1, 3, 1) - 9 * 3600_000 + 31 * 86_400_000);
    const lapsed = () => prisma.facility.count({ where: { status: "LAPSED" } });
    // The job looks at its signal once per listing: SIGTERM arrives at the 50th look, while it
    // is lapsing.
    let looks = 0;
    let stopping: Promise<void> | null = null;
    let stop: () => Promise<void> = async () => {};
    const job = (signal: AbortSignal) => {
      const watched = {
        get aborted() {
          if (++looks === 50) stopping = stop();
          return signal.aborted;
        },
      } as AbortSignal;
      return runFeeCycle(afterGrace, watched);
    };
    stop = startWorkers([{ name: "fee-cycle", everyMs: 3600_000, run: job }]);
    while (!stopping) await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    await stopping;
    expect(Date.now() - started).toBeLessThan(STOP_GRACE_MS);
    const atStop = await lapsed();
    await new Promise((r) => setTimeout(r, 500));
    expect(await lapsed()).toBe(atStop); // nothing more after stop()
    expect(atStop).toBeGreaterThan(0);
    expect(atStop).toBeLessThan(400);
  });

  it("does not lapse a listing that paid early for the next year", async () => {
    const march = new Date(Date.UTC(FY + 1, 2, 5)); // in the next-year window (from February)
    const { facility } = await publishedAndPaid("early@example.jp", FY + 1, march);
    expect(await facilityStatus(facility.id)).toBe("PUBLISHED");
    const afterGrace = new Date(Date.UTC(FY + 1, 5, 1));
    expect((await runFeeCycle(afterGrace)).lapsed).toBe(0);
    expect(await facilityStatus(facility.id)).toBe("PUBLISHED");
  });
});

describe("the secretariat's view of money", () => {
  it("lists paid and unpaid listings for a year and exports them as CSV", async () => {
    const office = await signedIn("SECRETARIAT");
    const paid = await approvedFacility("paid@example.jp");
    await approvedFacility("unpaid@example.jp");
    await recordBankTransfer({ facilityId: paid.facility.id, actorId: office.user.id, fiscalYear: FY, paidAt: new Date(), note: "=HYPERLINK(1)" });
    const overview = await moneyOverview(FY);
    expect(overview.totals).toEqual({ paidCount: 1, unpaidCount: 1, amountTotal: 33000, taxTotal: 3000 });
    expect(overview.rows[0]).toMatchObject({ paid: false, status: "APPROVED" }); // unpaid first
    const response = (await csvLoader(args(getRequest(`/secretariat/payments.csv?fy=${FY}`, { cookie: office.cookie })))) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads it as UTF-8
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines[0]).toBe("領収書番号,医療機関,運営法人,都道府県,状態,入金,入金日時,方法,金額（税抜）,消費税,合計（税込）");
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith("000001,名寄みどりの丘病院,テスト医療法人,北海道,PUBLISHED,済,") && l.endsWith(",銀行振込,30000,3000,33000"))).toBe(true);
    expect(moneyCsv([{ ...overview.rows[0]!, name: "=cmd|' /C calc'!A0" }])).toContain("'=cmd");
    const member = await signedIn("FACILITY_MEMBER");
    expect((await responseOf(() => csvLoader(args(getRequest("/secretariat/payments.csv", { cookie: member.cookie }))))).status).toBe(403);
  });
});
