import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * The size journeys run at unless a test sets its own: BROWSER_VIEWPORT=390x844 runs them as on a
 * phone (CI does so on one of its two runs), otherwise 1280×800.
 */
export function defaultViewport() {
  const match = /^(\d+)x(\d+)$/.exec(process.env.BROWSER_VIEWPORT ?? "");
  return match ? { width: Number(match[1]), height: Number(match[2]) } : { width: 1280, height: 800 };
}

/** One browser for a test file; each `newPage()` is a fresh context (its own cookies), all closed at the end. */
export function sharedBrowser() {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });
  return {
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      const context = await browser.newContext({ locale: "ja-JP", viewport: defaultViewport(), ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return page;
    },
  };
}

let counter = 0;
export function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}-${Date.now()}-${counter}@example.jp`;
}

/**
 * Opens the newest mail to `to` in the development mailbox, as a developer would, and returns its
 * text. Mail is made by background workers, so the mailbox is reloaded until it is there.
 */
export async function readLatestMail(page: Page, baseUrl: string, to: string, subject: string) {
  const mailbox = `${baseUrl}/dev/mailbox?${new URLSearchParams({ to })}`;
  await expect
    .poll(
      async () => {
        await page.goto(mailbox);
        return page.getByRole("link", { name: subject }).count();
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBeGreaterThan(0);
  await page.getByRole("link", { name: subject }).first().click();
  const text = await page.getByTestId("mail-text").textContent();
  expect(text).toBeTruthy();
  return text!;
}

export function firstLink(text: string) {
  const link = text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`No link in mail:\n${text}`);
  return link.replace(/[)\]]+$/, "");
}

/** Signs up through the form and confirms the address through the mailed link. */
export async function signUpAndVerify(page: Page, baseUrl: string, email: string, password: string, role = "医師として登録") {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel(role).check();
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード", { exact: true }).fill(password);
  await page.getByLabel("パスワード（確認）").fill(password);
  await page.getByLabel(/利用規約.*に同意します/).check();
  await page.getByRole("button", { name: "登録して確認メールを受け取る" }).click();
  await page.waitForURL("**/check-email");
  const mail = await readLatestMail(page, baseUrl, email, "【GMネットワーク】メールアドレスの確認");
  await page.goto(firstLink(mail));
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("メールアドレスを確認しました");
}

export async function logIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
}
