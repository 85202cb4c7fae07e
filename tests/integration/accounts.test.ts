import { describe, expect, it, vi } from "vitest";
import { hashPassword } from "~/utils/password.server";
import { action as changePasswordAction, loader as changePasswordLoader } from "~/routes/account.password";
import { action as accountAction, loader as accountLoader } from "~/routes/account._index";
import { processPasswordResetRequests } from "~/accounts/reset-password.server";
import { processSignUpRequests } from "~/accounts/sign-up.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password";
import { action as signupAction } from "~/routes/signup";
import { loader as verifyLoader } from "~/routes/verify-email";
import type { FormFailure } from "~/utils/form.server";
import { prisma } from "~/utils/db.server";
import { getUser } from "~/utils/session.server";
import { hashToken } from "~/utils/tokens.server";
import { createUser, lastMailTo, TEST_PASSWORD } from "../helpers/factories";
import { context, cookieFrom, getRequest, postForm, responseOf, unwrap } from "../helpers/requests";

// The real hash, watched: some tests check it is not computed at all.
vi.mock("~/utils/password.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/utils/password.server")>();
  return { ...original, hashPassword: vi.fn(original.hashPassword) };
});

const args = (request: Request, ip?: string) => ({ request, context: context(ip), params: {} });

/** The sign-up form, then the worker that turns requests into accounts (in the background on the site). */
async function signup(fields: Partial<Record<string, string>> = {}, ip?: string) {
  const body = { accountType: "PHYSICIAN", email: "Hanako@Example.jp", password: "long enough pw", passwordConfirm: "long enough pw", agree: "on", ...fields };
  const result = await signupAction(args(postForm("/signup", body as Record<string, string>), ip));
  await processSignUpRequests();
  return result;
}

async function login(email: string, password: string, extra: Record<string, string> = {}, ip?: string) {
  return loginAction(args(postForm("/login", { email, password, ...extra }), ip));
}

/** The reset form, then the worker that turns requests into mails (it runs in the background on the site). */
async function forgot(email: string, ip?: string) {
  const result = await forgotAction(args(postForm("/forgot-password", { email }), ip));
  await processPasswordResetRequests();
  return result;
}

async function loginCookie(email: string, password = TEST_PASSWORD) {
  return cookieFrom(await responseOf(() => login(email, password)));
}

describe("sign-up", () => {
  it("creates an unverified account and queues the verification mail in the same step", async () => {
    const response = await responseOf(() => signup());
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/check-email");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "hanako@example.jp" } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.role).toBe("PHYSICIAN");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const mail = await lastMailTo("hanako@example.jp");
    expect(mail?.template).toBe("verify-email");
    expect(mail?.subject).toContain("メールアドレスの確認");
    const token = new URL(mail!.link!).searchParams.get("token")!;
    // Only the hash of the token is stored.
    const stored = await prisma.userToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);
  });

  it("answers an existing address exactly like a new one, and mails the owner instead", async () => {
    await createUser({ email: "taken@example.jp" });
    const response = await responseOf(() => signup({ email: "taken@example.jp" }));
    expect(response.headers.get("Location")).toBe("/check-email");
    expect(await prisma.user.count({ where: { email: "taken@example.jp" } })).toBe(1);
    expect((await lastMailTo("taken@example.jp"))?.template).toBe("account-exists");
  });

  it("returns Japanese field errors and keeps what was typed, except passwords", async () => {
    const { status, data } = unwrap<FormFailure>(await signup({ email: "not-an-address", passwordConfirm: "different", agree: "" }));
    expect(status).toBe(400);
    expect(data.fieldErrors.email).toEqual(["メールアドレスの形式が正しくありません（例: taro@example.jp）"]);
    expect(data.fieldErrors.passwordConfirm).toEqual(["パスワードが一致しません"]);
    expect(data.fieldErrors.agree).toEqual(["利用規約とプライバシーポリシーへの同意が必要です"]);
    expect(data.values.email).toBe("not-an-address");
    expect(data.values.accountType).toBe("PHYSICIAN");
    expect(data.values).not.toHaveProperty("password");
    expect(await prisma.user.count()).toBe(0);
  });

  it("refuses a secretariat account type from the form", async () => {
    const { status, data } = unwrap<FormFailure>(await signup({ accountType: "SECRETARIAT" }));
    expect(status).toBe(400);
    expect(data.fieldErrors.accountType).toEqual(["ご利用の立場を選んでください"]);
  });

  it("does nothing when the honeypot is filled", async () => {
    const { status } = unwrap(await signup({ website_url: "http://spam.example" }));
    expect(status).toBe(400);
    expect(await prisma.user.count()).toBe(0);
  });

  it("limits sign-ups per address of origin, counted in the database", async () => {
    for (let i = 0; i < 10; i++) {
      expect((await responseOf(() => signup({ email: `p${i}@example.jp` }, "198.51.100.7"))).status).toBe(302);
    }
    const { status, data } = unwrap<FormFailure>(await signup({ email: "p10@example.jp" }, "198.51.100.7"));
    expect(status).toBe(429);
    expect(data.formError).toContain("しばらく時間をおいて");
    // Another address of origin is not affected.
    expect((await responseOf(() => signup({ email: "other@example.jp" }, "198.51.100.8"))).status).toBe(302);
  });
});

describe("consent to guidance mail", () => {
  it("is separate from the terms, off unless ticked, for physicians only, dated, and can be withdrawn and given again in the profile", async () => {
    await signup({ email: "consents@example.jp", guidanceMail: "on" });
    await signup({ email: "silent@example.jp" });
    await signup({ email: "clinic-staff@example.jp", accountType: "FACILITY_MEMBER", guidanceMail: "on" });
    const consenting = await prisma.user.findUniqueOrThrow({ where: { email: "consents@example.jp" } });
    expect(consenting.guidanceConsentAt).toBeInstanceOf(Date);
    expect(consenting.guidanceConsentSource).toBe("sign-up");
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "silent@example.jp" } })).guidanceConsentAt).toBeNull();
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "clinic-staff@example.jp" } })).guidanceConsentAt).toBeNull();

    const { action: profileAction, loader: profileLoader } = await import("~/routes/physician.profile");
    const { createSession } = await import("~/utils/session.server");
    const cookie = (await createSession(consenting.id, new Request("http://localhost:3000/"))).setCookie.split(";")[0]!;
    const post = (fields: Record<string, string>) => profileAction(args(postForm("/physician/profile", { intent: "guidance", ...fields }, { cookie })));
    expect((await profileLoader(args(getRequest("/physician/profile", { cookie })))).guidance).toMatchObject({ source: "登録時" });
    await responseOf(() => post({})); // unticked: withdrawn
    expect((await prisma.user.findUniqueOrThrow({ where: { id: consenting.id } })).guidanceConsentAt).toBeNull();
    expect((await profileLoader(args(getRequest("/physician/profile", { cookie })))).guidance).toBeNull();
    await responseOf(() => post({ guidanceMail: "on" }));
    const again = await prisma.user.findUniqueOrThrow({ where: { id: consenting.id } });
    expect(again.guidanceConsentSource).toBe("profile");
    expect(again.guidanceConsentAt!.getTime()).toBeGreaterThan(consenting.guidanceConsentAt!.getTime());
  });
});

describe("e-mail verification", () => {
  it("verifies once, then says so; a wrong token is refused", async () => {
    await responseOf(() => signup());
    const { link } = (await lastMailTo("hanako@example.jp"))!;
    const path = new URL(link!).pathname + new URL(link!).search;
    expect(await verifyLoader(args(getRequest(path)))).toEqual({ result: "verified" });
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "hanako@example.jp" } })).emailVerifiedAt).not.toBeNull();
    expect(await verifyLoader(args(getRequest(path)))).toEqual({ result: "already-verified" });
    expect(await verifyLoader(args(getRequest("/verify-email?token=forged")))).toEqual({ result: "invalid" });
  });

  it("refuses an expired link", async () => {
    await responseOf(() => signup());
    const { link } = (await lastMailTo("hanako@example.jp"))!;
    await prisma.userToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const url = new URL(link!);
    expect(await verifyLoader(args(getRequest(url.pathname + url.search)))).toEqual({ result: "expired" });
  });
});

describe("log-in and log-out", () => {
  it("gives the same Japanese message for a wrong password and an unknown address", async () => {
    await createUser({ email: "known@example.jp" });
    const wrong = unwrap<FormFailure>(await login("known@example.jp", "wrong password"));
    const unknown = unwrap<FormFailure>(await login("nobody@example.jp", "wrong password"));
    expect(wrong.status).toBe(400);
    expect(wrong.data.formError).toBe("メールアドレスまたはパスワードが正しくありません。");
    expect(unknown.data.formError).toBe(wrong.data.formError);
    expect(wrong.data.values.email).toBe("known@example.jp");
    expect(await prisma.session.count()).toBe(0);
  });

  it("says the address is not confirmed yet to someone who logs in the moment after signing up", async () => {
    await signupAction(args(postForm("/signup", { accountType: "PHYSICIAN", email: "quick@example.jp", password: "long enough pw", passwordConfirm: "long enough pw", agree: "on" })));
    // The worker has not run: no account yet, only the request.
    expect(await prisma.user.count({ where: { email: "quick@example.jp" } })).toBe(0);
    expect(unwrap<FormFailure>(await login("quick@example.jp", "long enough pw")).data.formError).toContain("確認メールを再送しました");
    expect(unwrap<FormFailure>(await login("quick@example.jp", "wrong password")).data.formError).toBe("メールアドレスまたはパスワードが正しくありません。");
  });

  it("re-sends the verification mail when an unverified account logs in with the right password", async () => {
    const user = await createUser({ email: "new@example.jp", verified: false });
    const { data } = unwrap<FormFailure>(await login("new@example.jp", TEST_PASSWORD));
    expect(data.formError).toContain("確認メールを再送しました");
    expect((await lastMailTo("new@example.jp"))?.template).toBe("verify-email");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("creates a database session with a hardened cookie and redirects only within the site", async () => {
    const user = await createUser({ email: "doc@example.jp" });
    const response = await responseOf(() => login("DOC@example.jp ", TEST_PASSWORD, { redirectTo: "//evil.example/x" }));
    expect(response.headers.get("Location")).toBe("/physician"); // not elsewhere: the role's own home
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // only in production
    const session = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(cookieFrom(response)).not.toContain(session.id); // the cookie holds a token, the row its hash
    expect((await getUser(getRequest("/", { cookie: cookieFrom(response) })))?.id).toBe(user.id);

    const safe = await responseOf(() => login("doc@example.jp", TEST_PASSWORD, { redirectTo: "/account/password" }));
    expect(safe.headers.get("Location")).toBe("/account/password");
  });

  it("lands each role on its own home after logging in", async () => {
    for (const [role, home] of [["PHYSICIAN", "/physician"], ["FACILITY_MEMBER", "/facility"], ["SECRETARIAT", "/secretariat"]] as const) {
      await createUser({ email: `${role.toLowerCase()}@example.jp`, role });
      const response = await responseOf(() => login(`${role.toLowerCase()}@example.jp`, TEST_PASSWORD, {}, `198.51.100.${role.length}`));
      expect(response.headers.get("Location"), role).toBe(home);
    }
  });

  it("logs out by deleting the session row, so the old cookie stops working", async () => {
    await createUser({ email: "doc@example.jp" });
    const cookie = await loginCookie("doc@example.jp");
    const response = await responseOf(() => logoutAction(args(postForm("/logout", {}, { cookie }))));
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await prisma.session.count()).toBe(0);
    expect(await getUser(getRequest("/", { cookie }))).toBeNull();
  });

  it("blocks the attacker's place after 5 failures, but not the owner logging in from elsewhere", async () => {
    await createUser({ email: "target@example.jp" });
    const attacker = "198.51.100.7";
    for (let i = 0; i < 5; i++) expect(unwrap<FormFailure>(await login("target@example.jp", "guess " + i, {}, attacker)).status).toBe(400);
    // From the attacker's place even the right password is refused now…
    const blocked = unwrap<FormFailure>(await login("target@example.jp", TEST_PASSWORD, {}, attacker));
    expect(blocked.status).toBe(429);
    expect(blocked.data.formError).toContain("ログインの試行が多すぎます");
    expect(blocked.data.formError).toContain("パスワードをお忘れの方");
    // …while the owner, at home, gets in.
    expect((await responseOf(() => login("target@example.jp", TEST_PASSWORD, {}, "203.0.113.50"))).status).toBe(302);
  });

  it("caps failures per address from everywhere, and a password reset lets the owner back in", async () => {
    await createUser({ email: "target@example.jp" });
    // A distributed guess: 100 failures from 100 places within the hour.
    for (let i = 0; i < 100; i++) await login("target@example.jp", "guess " + i, {}, `192.0.2.${i}`);
    expect(unwrap<FormFailure>(await login("target@example.jp", TEST_PASSWORD, {}, "203.0.113.50")).status).toBe(429);
    // The owner asks for a reset; the link works whatever the log-in counts say.
    await responseOf(() => forgot("target@example.jp", "203.0.113.50"));
    const token = new URL(/https?:\/\/\S+/.exec((await lastMailTo("target@example.jp"))!.text)![0]).searchParams.get("token")!;
    const reset = await responseOf(() => resetAction(args(postForm("/reset-password", { token, password: "a brand new pw", passwordConfirm: "a brand new pw" }), "203.0.113.50")));
    expect(reset.headers.get("Location")).toBe("/login?notice=password-reset");
    expect((await responseOf(() => login("target@example.jp", "a brand new pw", {}, "203.0.113.50"))).status).toBe(302);
  });

  it("never hashes a password for a made-up reset token", async () => {
    vi.mocked(hashPassword).mockClear();
    for (let i = 0; i < 10; i++) {
      const { status, data } = unwrap<FormFailure>(await resetAction(args(postForm("/reset-password", { token: `made-up-token-${i}-0123456789`, password: "a brand new pw", passwordConfirm: "a brand new pw" }))));
      expect(status).toBe(400);
      expect(data.formError).toContain("無効");
    }
    expect(hashPassword).not.toHaveBeenCalled();
  });
});

describe("password reset", () => {
  it("answers the same for unknown addresses, mails nothing and keeps nothing", async () => {
    await createUser({ email: "known@example.jp" });
    // The request itself does the same work for both addresses: one row, made the same way.
    for (const email of ["nobody@example.jp", "known@example.jp"]) {
      const response = await responseOf(() => forgotAction(args(postForm("/forgot-password", { email }))));
      expect(response.headers.get("Location")).toBe("/forgot-password?sent=1");
    }
    expect(await prisma.passwordResetRequest.count()).toBe(2);
    expect(await prisma.mailOutbox.count()).toBe(0);
    expect(await processPasswordResetRequests()).toEqual({ taken: 2, mailed: 1 });
    expect(await prisma.passwordResetRequest.count()).toBe(0); // the unknown address is not kept
    expect(await prisma.mailOutbox.count({ where: { toAddress: "nobody@example.jp" } })).toBe(0);
  });

  it("resets once with the mailed link, signs every session out, and refuses the link again", async () => {
    const user = await createUser({ email: "reset@example.jp" });
    const oldCookie = await loginCookie("reset@example.jp");
    const sent = await responseOf(() => forgot("reset@example.jp"));
    expect(sent.headers.get("Location")).toBe("/forgot-password?sent=1");
    const mail = (await lastMailTo("reset@example.jp"))!;
    expect(mail.template).toBe("reset-password");
    const token = new URL(mail.link!).searchParams.get("token")!;

    expect(await resetLoader(args(getRequest(`/reset-password?token=${token}`)))).toEqual({ token, problem: null });
    const mismatch = unwrap<FormFailure>(await resetAction(args(postForm("/reset-password", { token, password: "brand new pass", passwordConfirm: "other" }))));
    expect(mismatch.data.fieldErrors.passwordConfirm).toEqual(["パスワードが一致しません"]);

    const done = await responseOf(() => resetAction(args(postForm("/reset-password", { token, password: "brand new pass", passwordConfirm: "brand new pass" }))));
    expect(done.headers.get("Location")).toBe("/login?notice=password-reset");
    expect(await getUser(getRequest("/", { cookie: oldCookie }))).toBeNull();
    expect((await lastMailTo("reset@example.jp"))?.template).toBe("password-changed");
    expect((await responseOf(() => login("reset@example.jp", "brand new pass"))).status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

    const again = unwrap<FormFailure>(await resetAction(args(postForm("/reset-password", { token, password: "another pass 1", passwordConfirm: "another pass 1" }))));
    expect(again.data.formError).toContain("すでに使用されています");
    const page = await resetLoader(args(getRequest(`/reset-password?token=${token}`)));
    expect(page.problem).toContain("すでに使用されています");
  });

  it("refuses an expired link and an older link once a newer one was sent", async () => {
    await createUser({ email: "reset@example.jp" });
    await forgot("reset@example.jp");
    const first = new URL((await lastMailTo("reset@example.jp"))!.link!).searchParams.get("token")!;
    await forgot("reset@example.jp");
    const second = new URL((await lastMailTo("reset@example.jp"))!.link!).searchParams.get("token")!;
    expect((await resetLoader(args(getRequest(`/reset-password?token=${first}`)))).problem).toContain("すでに使用されています");
    await prisma.userToken.updateMany({ where: { tokenHash: hashToken(second) }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await resetLoader(args(getRequest(`/reset-password?token=${second}`)))).problem).toContain("有効期限");
  });

  it("limits reset requests per address", async () => {
    await createUser({ email: "reset@example.jp" });
    for (let i = 0; i < 3; i++) await forgot("reset@example.jp", `10.0.0.${i}`);
    const { status } = unwrap(await forgot("reset@example.jp", "10.0.0.99"));
    expect(status).toBe(429);
    expect(await prisma.mailOutbox.count({ where: { template: "reset-password" } })).toBe(3);
  });
});

describe("account pages", () => {
  it("sends anonymous visitors to log in and back", async () => {
    const response = await responseOf(() => accountLoader(args(getRequest("/account"))));
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
    const password = await responseOf(() => changePasswordLoader(args(getRequest("/account/password"))));
    expect(password.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fpassword");
  });

  it("changes the password only with the current one, and signs out other browsers", async () => {
    const user = await createUser({ email: "me@example.jp" });
    const here = await loginCookie("me@example.jp");
    const elsewhere = await loginCookie("me@example.jp");
    const wrong = unwrap<FormFailure>(
      await changePasswordAction(args(postForm("/account/password", { currentPassword: "nope", newPassword: "a new password", newPasswordConfirm: "a new password" }, { cookie: here }))),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.fieldErrors.currentPassword).toEqual(["現在のパスワードが正しくありません"]);

    const ok = await responseOf(() =>
      changePasswordAction(args(postForm("/account/password", { currentPassword: TEST_PASSWORD, newPassword: "a new password", newPasswordConfirm: "a new password" }, { cookie: here }))),
    );
    expect(ok.headers.get("Location")).toBe("/account?notice=password-changed");
    expect((await getUser(getRequest("/", { cookie: here })))?.id).toBe(user.id);
    expect(await getUser(getRequest("/", { cookie: elsewhere }))).toBeNull();
    expect((await lastMailTo("me@example.jp"))?.template).toBe("password-changed");
  });

  it("lists this user's sessions only and signs out the others on request", async () => {
    await createUser({ email: "me@example.jp" });
    const other = await createUser({ email: "other@example.jp" });
    await loginCookie("other@example.jp");
    const here = await loginCookie("me@example.jp");
    const elsewhere = await loginCookie("me@example.jp");
    const page = await accountLoader(args(getRequest("/account", { cookie: here })));
    expect(page.sessions).toHaveLength(2);
    expect(page.sessions.filter((s) => s.current)).toHaveLength(1);
    await responseOf(() => accountAction(args(postForm("/account", { intent: "revoke-others" }, { cookie: here }))));
    expect(await getUser(getRequest("/", { cookie: elsewhere }))).toBeNull();
    expect(await getUser(getRequest("/", { cookie: here }))).not.toBeNull();
    expect(await prisma.session.count({ where: { userId: other.id } })).toBe(1);
  });
});
