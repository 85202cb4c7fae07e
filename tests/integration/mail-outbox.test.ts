import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { processSignUpRequests } from "~/accounts/sign-up.server";
import { action as signupAction } from "~/routes/signup";
import { loader as mailboxLoader } from "~/routes/dev.mailbox._index";
import { loader as mailLoader } from "~/routes/dev.mailbox.$id";
import { prisma } from "~/utils/db.server";
import { mailTransport } from "~/utils/email.server";
import { resetEnvForTests } from "~/utils/env.server";
import { backoffMs, deliverDueMails, enqueueMail, mailHealth, MAX_ATTEMPTS } from "~/utils/mail-outbox.server";
import { startResendFake } from "../fakes/resend";
import { withRendered } from "../helpers/factories";
import { context, getRequest, postForm, responseOf } from "../helpers/requests";

let fake: Awaited<ReturnType<typeof startResendFake>>;

beforeAll(async () => {
  fake = await startResendFake();
});
afterAll(() => fake.close());
afterEach(() => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  process.env.NODE_ENV = "test";
  resetEnvForTests();
});

function useResend() {
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = fake.url;
  resetEnvForTests();
}

async function queueOne(to = "a@example.jp") {
  return enqueueMail(prisma, to, "verify-email", { verifyUrl: "http://localhost:3000/verify-email?token=x", expiresInHours: 48 });
}

describe("mail outbox", () => {
  it("writes the mail in the same transaction as the change: a rolled-back change leaves no mail", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueMail(tx, "a@example.jp", "verify-email", { verifyUrl: "http://x/y", expiresInHours: 48 });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.mailOutbox.count()).toBe(0);
  });

  it("queues the template and its data, and renders it into HTML and plain text in Japanese on delivery", async () => {
    const queued = await queueOne();
    expect(queued).toMatchObject({ template: "verify-email", subject: null, html: null, text: null });
    expect(queued.props).toEqual({ verifyUrl: "http://localhost:3000/verify-email?token=x", expiresInHours: 48 });
    await deliverDueMails();
    const mail = await prisma.mailOutbox.findUniqueOrThrow({ where: { id: queued.id } });
    expect(mail.status).toBe("CAPTURED");
    expect(mail.subject).toBe("【GMネットワーク】メールアドレスの確認");
    expect(mail.html).toContain('lang="ja"');
    expect(mail.html).toContain("メールアドレスを確認する");
    expect(mail.text).toContain("http://localhost:3000/verify-email?token=x");
    expect(mail.text).not.toContain("<");
  });

  it("delivers through Resend with the outbox id as idempotency key", async () => {
    useResend();
    const mail = await queueOne("dest@example.jp");
    const before = fake.received.length;
    const result = await deliverDueMails();
    expect(result).toEqual({ claimed: 1, sent: 1, failed: 0, lost: 0 });
    const request = fake.received.at(-1)!;
    expect(fake.received.length).toBe(before + 1);
    expect(request.idempotencyKey).toBe(`gm-mail-${mail.id}`);
    expect(request.authorization).toBe("Bearer re_test_key");
    expect(request.body).toMatchObject({ to: "dest@example.jp", subject: "【GMネットワーク】メールアドレスの確認" });
    const row = await withRendered(prisma.mailOutbox.findUniqueOrThrow({ where: { id: mail.id } }));
    expect(row.status).toBe("SENT");
    expect(row.providerMessageId).toMatch(/^fake-/);
    // Nothing left to do.
    expect((await deliverDueMails()).claimed).toBe(0);
  });

  it("retries a failed delivery with backoff, never drops it, and sends it once it works", async () => {
    useResend();
    const mail = await queueOne();
    fake.failNextRequests(1, 503);
    const t0 = new Date();
    expect(await deliverDueMails({ now: t0 })).toEqual({ claimed: 1, sent: 0, failed: 1, lost: 0 });
    let row = await withRendered(prisma.mailOutbox.findUniqueOrThrow({ where: { id: mail.id } }));
    expect(row.status).toBe("PENDING");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("Temporary failure");
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffMs(1));
    // Not due yet: nothing is sent before the backoff has passed.
    expect((await deliverDueMails({ now: new Date(t0.getTime() + 1000) })).claimed).toBe(0);
    expect((await deliverDueMails({ now: new Date(t0.getTime() + backoffMs(1) + 1) })).sent).toBe(1);
    row = await withRendered(prisma.mailOutbox.findUniqueOrThrow({ where: { id: mail.id } }));
    expect(row.status).toBe("SENT");
    expect(row.attempts).toBe(2);
  });

  it("marks a mail FAILED after the last attempt, keeps it, and /healthz reports it", async () => {
    useResend();
    const mail = await queueOne();
    await prisma.mailOutbox.update({ where: { id: mail.id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    fake.failNextRequests(1);
    await deliverDueMails();
    const row = await withRendered(prisma.mailOutbox.findUniqueOrThrow({ where: { id: mail.id } }));
    expect(row.status).toBe("FAILED");
    expect(await mailHealth()).toBe("degraded: 1 mail(s) failed permanently");
  });

  it("gives up on a hung provider within its timeout, sends the rest, and delivers the hung mail exactly once later", async () => {
    useResend();
    const hung = await queueOne("hung@example.jp");
    await queueOne("next@example.jp");
    const before = fake.received.length;
    fake.hangNextRequests(1);
    const t0 = new Date();
    const started = Date.now();
    const first = await deliverDueMails({ now: t0, timeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(first).toMatchObject({ claimed: 2, sent: 1, failed: 1, lost: 0 });
    expect(await mailHealth()).toMatch(/^degraded: 1 waiting, oldest \d+ s, resend failing$/);
    const retry = await deliverDueMails({ now: new Date(t0.getTime() + backoffMs(1) + 1), timeoutMs: 1000 });
    expect(retry).toMatchObject({ claimed: 1, sent: 1 });
    expect((await withRendered(prisma.mailOutbox.findUniqueOrThrow({ where: { id: hung.id } }))).status).toBe("SENT");
    // The provider saw each mail once: the retry carried the same idempotency key.
    const delivered = fake.received.slice(before).map((r) => [r.body.to].flat()[0] as string);
    expect(delivered.sort()).toEqual(["hung@example.jp", "next@example.jp"]);
  });

  it("refuses a late update from a worker that no longer owns the row", async () => {
    useResend();
    const mail = await queueOne("late@example.jp");
    fake.hangNextRequests(1);
    const slow = deliverDueMails({ timeoutMs: 1500 });
    await new Promise((r) => setTimeout(r, 300));
    // Meanwhile another worker took the row over (its lease had run out) and sent it.
    await prisma.mailOutbox.update({ where: { id: mail.id }, data: { claimToken: "another-worker", status: "SENT", attempts: 1, sentAt: new Date() } });
    expect(await slow).toMatchObject({ claimed: 1, sent: 0, failed: 1, lost: 1 });
    const row = await withRendered(prisma.mailOutbox.findUniqueOrThrow({ where: { id: mail.id } }));
    expect(row).toMatchObject({ status: "SENT", attempts: 1, claimToken: "another-worker", lastError: null });
  });

  it("never sends one mail twice when two workers run at once", async () => {
    useResend();
    for (let i = 0; i < 6; i++) await queueOne(`w${i}@example.jp`);
    const before = fake.received.length;
    const [a, b] = await Promise.all([deliverDueMails({ limit: 4 }), deliverDueMails({ limit: 4 })]);
    expect(a.sent + b.sent).toBe(6);
    expect(fake.received.length - before).toBe(6);
  });

  it("keeps mail in the development mailbox when no Resend key is set", async () => {
    expect(mailTransport().name).toBe("dev-mailbox");
    const response = await responseOf(() =>
      signupAction({
        request: postForm("/signup", { accountType: "FACILITY_MEMBER", email: "clinic@example.jp", password: "long enough pw", passwordConfirm: "long enough pw", agree: "on" }),
        context: context(),
        params: {},
      }),
    );
    expect(response.status).toBe(302);
    await processSignUpRequests();
    await deliverDueMails();
    const list = await mailboxLoader({ request: getRequest("/dev/mailbox?to=clinic@example.jp"), context: context(), params: {} });
    expect(list.mails).toHaveLength(1);
    expect(list.mails[0]).toMatchObject({ status: "CAPTURED", subject: "【GMネットワーク】メールアドレスの確認" });
    const one = await mailLoader({ request: getRequest(`/dev/mailbox/${list.mails[0]!.id}`), context: context(), params: { id: list.mails[0]!.id } });
    expect(one.mail.text).toContain("/verify-email?token=");
  });

  it("does not serve the development mailbox in production", async () => {
    process.env.NODE_ENV = "production";
    process.env.SESSION_SECRET = "x".repeat(40);
    process.env.INVOICE_REGISTRATION_NUMBER = "T7123456789012";
    resetEnvForTests();
    const response = await responseOf(() => mailboxLoader({ request: getRequest("/dev/mailbox"), context: context(), params: {} }));
    expect(response.status).toBe(404);
    process.env.SESSION_SECRET = "test-session-secret-0123456789abcdef0123456789";
  });
});
