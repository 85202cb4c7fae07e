import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { FIXTURES } from "../setup/browser-fixtures-data";
import { logIn, sharedBrowser } from "../helpers/browser";

/**
 * Every main page of every role, at a phone's size and a desktop's: nothing overflows sideways,
 * the page's primary action is visible, axe (WCAG 2.1 A/AA) finds nothing serious or critical,
 * and the HTML as served has no validator errors. Screenshots are saved as test artifacts in
 * test-artifacts/screenshots/ (one per page and size).
 */
const baseUrl = inject("baseUrl");
const office = inject("secretariat");
const { newPage } = sharedBrowser();
const { tour } = FIXTURES;

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const SHOTS = path.resolve("test-artifacts/screenshots");
mkdirSync(SHOTS, { recursive: true });

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const validator = new HtmlValidate({
  extends: ["html-validate:standard"],
  rules: {
    // Tailwind's class names and React's markup are not the validator's business.
    "no-inline-style": "off",
  },
});

type Role = "anonymous" | "physician" | "facility" | "secretariat";
type Stop = { name: string; path: string | ((page: Page) => Promise<string>); primary: (page: Page) => ReturnType<Page["getByRole"]>; status?: number };

const byRole = (role: Parameters<Page["getByRole"]>[0], name: string | RegExp) => (page: Page) => page.getByRole(role, { name, exact: typeof name === "string" }).first();
const heading = (name: string | RegExp) => byRole("heading", name);

/** The href of the first link with this name on a page (for pages whose ids are not known in advance). */
async function linkFrom(page: Page, from: string, name: string | RegExp) {
  await page.goto(`${baseUrl}${from}`);
  const href = await page.getByRole("link", { name }).first().getAttribute("href");
  if (!href) throw new Error(`No link "${name}" on ${from}`);
  return href;
}

const TOUR: Record<Role, Stop[]> = {
  anonymous: [
    { name: "home", path: "/", primary: byRole("link", "医療機関を探す") },
    { name: "search", path: "/search", primary: byRole("button", "探す") },
    { name: "search-filtered", path: "/search?prefecture=26&learning=time", primary: byRole("button", "この条件で探す") },
    { name: "facility", path: `/facilities/${tour.slug}`, primary: byRole("link", "この医療機関に相談する") },
    { name: "report-listing", path: `/facilities/${tour.slug}/report`, primary: byRole("button", "事務局に送る") },
    { name: "login", path: "/login", primary: byRole("button", "ログイン") },
    { name: "signup", path: "/signup", primary: byRole("button", "登録して確認メールを受け取る") },
    { name: "forgot-password", path: "/forgot-password", primary: byRole("button", "再設定メールを送る") },
    { name: "terms", path: "/terms", primary: heading(/利用規約/) },
    { name: "privacy", path: "/privacy", primary: heading("プライバシーポリシー") },
    { name: "not-found", path: "/facilities/no-such-listing", primary: byRole("link", "トップページへ"), status: 404 },
    { name: "check-email", path: "/check-email", primary: heading(/メール/) },
    { name: "reset-password-bad-link", path: "/reset-password?token=not-a-real-token", primary: heading(/パスワード/) },
    { name: "unsubscribe-bad-link", path: "/unsubscribe/not-a-real-token", primary: heading("案内メールの配信停止") },
  ],
  physician: [
    { name: "home", path: "/physician", primary: heading("マイページ") },
    { name: "profile", path: "/physician/profile", primary: byRole("button", "保存する") },
    { name: "threads", path: "/physician/threads", primary: byRole("link", new RegExp(tour.name)) },
    { name: "thread", path: (p) => linkFrom(p, "/physician/threads", new RegExp(tour.name)), primary: byRole("button", "送信する") },
    { name: "disclose-confirm", path: async (p) => `${await linkFrom(p, "/physician/threads", new RegExp(tour.name))}?confirm=disclose`, primary: byRole("button", "この内容で伝える") },
    { name: "inquiry", path: `/facilities/${tour.slug}/inquiry`, primary: byRole("button", "相談を送る") },
    { name: "favourites", path: "/physician/favourites", primary: heading("お気に入りの医療機関") },
    { name: "alerts", path: "/physician/alerts", primary: heading("新着のお知らせ") },
    { name: "account", path: "/account", primary: heading("アカウント") },
    { name: "password", path: "/account/password", primary: byRole("button", "変更する") },
    { name: "delete", path: "/account/delete", primary: byRole("button", "アカウントを削除する") },
    { name: "forbidden", path: "/secretariat", primary: byRole("link", "医師のページへ戻る"), status: 403 },
  ],
  facility: [
    { name: "home", path: "/facility", primary: byRole("button", "追加して情報を入力する") },
    { name: "overview", path: (p) => linkFrom(p, "/facility", tour.name), primary: byRole("link", "公開ページを見る") },
    { name: "section-basic", path: async (p) => `${await linkFrom(p, "/facility", tour.name)}/basic`, primary: byRole("button", "保存して次へ") },
    { name: "section-activities", path: async (p) => `${await linkFrom(p, "/facility", tour.name)}/activities`, primary: byRole("button", "保存して次へ") },
    { name: "in-review", path: (p) => linkFrom(p, "/facility", tour.inReview), primary: heading("事務局が審査しています") },
    { name: "in-review-section", path: async (p) => `${await linkFrom(p, "/facility", tour.inReview)}/stance`, primary: heading("受け入れと育成の方針") },
    { name: "photos", path: async (p) => `${await linkFrom(p, "/facility", tour.name)}/photos`, primary: byRole("button", "追加する") },
    { name: "inbox", path: "/facility/inbox", primary: heading("受信箱") },
    { name: "thread", path: (p) => linkFrom(p, "/facility/inbox", /匿名の医師/), primary: byRole("button", "送信する") },
    { name: "block-confirm", path: async (p) => `${await linkFrom(p, "/facility/inbox", /匿名の医師/)}?confirm=block`, primary: byRole("button", "受け付けないようにする") },
    { name: "receipt", path: async (p) => linkFrom(p, await linkFrom(p, "/facility", tour.name), "領収書"), primary: heading("領収書") },
    { name: "members", path: (p) => linkFrom(p, "/facility", /メンバー/), primary: byRole("button", "招待メールを送る") },
    { name: "new-operator", path: "/facility/operators/new", primary: byRole("button", "登録する") },
  ],
  secretariat: [
    { name: "home", path: "/secretariat", primary: heading("審査待ち") },
    { name: "exports", path: "/secretariat/exports", primary: heading("出力と事業報告") },
    { name: "review", path: (p) => linkFrom(p, "/secretariat", tour.inReview), primary: byRole("button", "承認する") },
    { name: "reports", path: "/secretariat/reports", primary: heading("相談スレッドの通報") },
    { name: "listing-reports", path: "/secretariat/listing-reports", primary: heading("掲載内容へのお知らせ") },
    { name: "coverage", path: "/secretariat/coverage", primary: heading("都道府県ごとの登録状況") },
    { name: "payments", path: "/secretariat/payments", primary: heading(/登録料/) },
    { name: "campaigns", path: "/secretariat/campaigns", primary: byRole("link", "新しい案内メールを作る") },
    { name: "campaign-new", path: "/secretariat/campaigns/new", primary: byRole("button", "下書きを保存する") },
    { name: "campaign", path: (p) => linkFrom(p, "/secretariat/campaigns", FIXTURES.campaign.subject), primary: byRole("button", "送信内容を確認する") },
    { name: "campaign-recipients", path: "/secretariat/campaigns/recipients", primary: byRole("button", "追加する") },
    { name: "suppressions", path: "/secretariat/campaigns/suppressions", primary: byRole("button", "追加する") },
    { name: "imports", path: "/secretariat/imports", primary: byRole("button", "読み込んで確認する") },
    { name: "import", path: (p) => linkFrom(p, "/secretariat/imports", FIXTURES.formImport.fileName), primary: byRole("button", /を取り込んで招待メールを送る$/) },
  ],
};

const ACCOUNTS: Record<Exclude<Role, "anonymous">, { email: string; password: string; home: string }> = {
  physician: { ...tour.physician, home: "/physician" },
  facility: { ...tour.member, home: "/facility" },
  secretariat: { ...office, home: "/secretariat" },
};

type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"],
      // Experimental in axe, so off unless asked for: the accessible name must contain the visible text.
      rules: { "label-content-name-mismatch": { enabled: true } },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

async function htmlErrors(html: string) {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`));
}

for (const role of Object.keys(TOUR) as Role[]) {
  describe(`every page, as ${role === "anonymous" ? "a visitor" : `the ${role}`}`, () => {
    for (const [size, viewport] of Object.entries(SIZES)) {
      it(`at ${viewport.width}×${viewport.height}: no sideways overflow, primary action visible, axe clean, valid HTML`, async () => {
        const page = await newPage({ viewport, bypassCSP: true });
        if (role !== "anonymous") {
          const account = ACCOUNTS[role];
          await logIn(page, baseUrl, account.email, account.password);
          await page.waitForURL(`**${account.home}`);
        }
        const problems: string[] = [];
        for (const stop of TOUR[role]) {
          const target = typeof stop.path === "string" ? stop.path : await stop.path(page);
          const response = await page.goto(`${baseUrl}${target}`);
          expect(response?.status(), `${stop.name}: ${target}`).toBe(stop.status ?? 200);
          await page.waitForLoadState("networkidle");
          const primary = stop.primary(page);
          await expect.poll(() => primary.isVisible(), { message: `${role}/${stop.name}: primary action visible` }).toBe(true);
          const box = await primary.boundingBox();
          if (!box || box.x < 0 || box.x + box.width > viewport.width + 1) problems.push(`${stop.name}: primary action outside the screen (${JSON.stringify(box)})`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 0) problems.push(`${stop.name}: overflows sideways by ${overflow}px`);
          for (const v of await axeViolations(page)) problems.push(`${stop.name}: axe ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          for (const error of await htmlErrors((await response?.text()) ?? "")) problems.push(`${stop.name}: HTML ${error}`);
          await page.screenshot({ path: path.join(SHOTS, `${role}-${stop.name}-${size}.png`), fullPage: true });
        }
        expect(problems).toEqual([]);
      });
    }
  });
}
