import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { firstLink, launchBrowser, logIn, readLatestMail, signUpAndVerify, uniqueEmail } from "../helpers/browser";

const baseUrl = inject("baseUrl");
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());
beforeEach(async () => {
  context = await browser.newContext({ locale: "ja-JP" });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
});
afterEach(() => context?.close());

const heading = () => page.getByRole("heading", { level: 1 }).textContent();

describe("a person signs up, confirms the address, logs in and out", () => {
  it("works end to end, with Japanese errors that keep what was typed", async () => {
    const email = uniqueEmail("signup");
    const password = "my first password";
    await page.goto(`${baseUrl}/signup`);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ja");

    // Sending the empty form: every problem is named, in Japanese, next to its field.
    await page.getByRole("button", { name: "登録して確認メールを受け取る" }).click();
    await expect.poll(() => page.getByText("ご利用の立場を選んでください").isVisible()).toBe(true);
    await expect.poll(() => page.getByText("メールアドレスを入力してください").isVisible()).toBe(true);
    await expect.poll(() => page.getByText("利用規約とプライバシーポリシーへの同意が必要です").isVisible()).toBe(true);

    await page.getByLabel("医師として登録").check();
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード", { exact: true }).fill(password);
    await page.getByLabel("パスワード（確認）").fill("something else");
    await page.getByLabel(/利用規約.*に同意します/).check();
    await page.getByRole("button", { name: "登録して確認メールを受け取る" }).click();
    await expect.poll(() => page.getByText("パスワードが一致しません").isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel("メールアドレス").inputValue()).toBe(email);
    await expect.poll(() => page.getByLabel("パスワード（確認）").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("パスワード（確認）").fill(password);
    await page.getByRole("button", { name: "登録して確認メールを受け取る" }).click();
    await page.waitForURL("**/check-email");
    await expect.poll(() => heading()).toBe("確認メールを送信しました");

    // Not verified yet: logging in says so and sends the mail again.
    await logIn(page, baseUrl, email, password);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("メールアドレスの確認が済んでいません");

    const mail = await readLatestMail(page, baseUrl, email, "【GMネットワーク】メールアドレスの確認");
    await page.goto(firstLink(mail));
    await expect.poll(() => heading()).toBe("メールアドレスを確認しました");
    await page.getByRole("link", { name: "ログインする" }).click();
    await page.waitForURL("**/login");

    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill("wrong password");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("メールアドレスまたはパスワードが正しくありません。");
    await expect.poll(() => page.getByLabel("メールアドレス").inputValue()).toBe(email);

    await page.getByLabel("パスワード").fill(password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL("**/physician"); // a physician lands on their own page
    await expect.poll(() => page.getByText(email).first().isVisible()).toBe(true);
    const cookie = (await context.cookies()).find((c) => c.name === "gm_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await page.getByRole("button", { name: "ログアウト" }).click();
    await page.waitForURL("**/login?notice=logged-out");
    await expect.poll(() => page.getByRole("status").textContent()).toBe("ログアウトしました。");
    await page.goto(`${baseUrl}/account`);
    expect(new URL(page.url()).pathname).toBe("/login");
  });
});

describe("a person who forgot the password", () => {
  it("resets it from the mailed link, logs in with the new one, and cannot use the link twice", async () => {
    const email = uniqueEmail("reset");
    await signUpAndVerify(page, baseUrl, email, "the old password");

    await page.goto(`${baseUrl}/login`);
    await page.getByRole("link", { name: "パスワードをお忘れの方" }).click();
    // The login page has a field with the same label: wait for the new page before typing.
    await expect.poll(() => heading()).toBe("パスワードの再設定");
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByRole("button", { name: "再設定メールを送る" }).click();
    await page.waitForURL("**/forgot-password?sent=1");
    await expect.poll(() => heading()).toBe("メールをご確認ください");

    const link = firstLink(await readLatestMail(page, baseUrl, email, "【GMネットワーク】パスワードの再設定"));
    await page.goto(link);
    await page.getByLabel("新しいパスワード", { exact: true }).fill("short");
    await page.getByLabel("新しいパスワード（確認）").fill("short");
    await page.getByRole("button", { name: "パスワードを設定する" }).click();
    await expect.poll(() => page.getByText("パスワードは8文字以上で入力してください").isVisible()).toBe(true);

    await page.getByLabel("新しいパスワード", { exact: true }).fill("the new password");
    await page.getByLabel("新しいパスワード（確認）").fill("the new password");
    await page.getByRole("button", { name: "パスワードを設定する" }).click();
    await page.waitForURL("**/login?notice=password-reset");
    await expect.poll(() => page.getByRole("status").textContent()).toContain("パスワードを再設定しました");

    await logIn(page, baseUrl, email, "the old password");
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("メールアドレスまたはパスワードが正しくありません。");
    await logIn(page, baseUrl, email, "the new password");
    await page.waitForURL("**/physician"); // a physician lands on their own page

    await page.goto(link);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("このリンクはすでに使用されています");
    const changed = await readLatestMail(page, baseUrl, email, "【GMネットワーク】パスワードが変更されました");
    expect(changed).toContain("パスワードが変更されました");
  });
});

describe("without JavaScript", () => {
  it("the forms still work: the server shows the errors and keeps what was typed", async () => {
    await context.close();
    context = await browser.newContext({ locale: "ja-JP", javaScriptEnabled: false });
    page = await context.newPage();
    await page.goto(`${baseUrl}/signup`);
    await page.getByLabel("医療機関の職員として登録").check();
    await page.getByLabel("メールアドレス").fill("not an address");
    await page.getByLabel("パスワード", { exact: true }).fill("long enough 1");
    await page.getByLabel("パスワード（確認）").fill("long enough 1");
    await page.getByRole("button", { name: "登録して確認メールを受け取る" }).click();
    await page.waitForLoadState("load");
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("入力内容に誤りがあります");
    await expect.poll(() => page.getByText("メールアドレスの形式が正しくありません（例: taro@example.jp）").isVisible()).toBe(true);
    await expect.poll(() => page.getByText("利用規約とプライバシーポリシーへの同意が必要です").isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel("メールアドレス").inputValue()).toBe("not an address");
    await expect.poll(() => page.getByLabel("医療機関の職員として登録").isChecked()).toBe(true);

    const email = uniqueEmail("nojs");
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード", { exact: true }).fill("long enough 1");
    await page.getByLabel("パスワード（確認）").fill("long enough 1");
    await page.getByLabel(/利用規約.*に同意します/).check();
    await page.getByRole("button", { name: "登録して確認メールを受け取る" }).click();
    await page.waitForURL("**/check-email");
  });
});

describe("the server itself", () => {
  it("refuses a form posted from another site, and reports its health", async () => {
    const forged = await fetch(`${baseUrl}/login`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=a%40example.jp&password=x",
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("別のサイトからの送信は受け付けられません");
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ database: "ok", search: "ok", mail: "ok" });
    const home = await fetch(`${baseUrl}/`);
    expect(home.headers.get("x-frame-options")).toBe("DENY");
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
