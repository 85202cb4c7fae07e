import { describe, expect, inject, it } from "vitest";
import { FIXTURES } from "../setup/browser-fixtures-data";
import { logIn, readLatestMail, sharedBrowser } from "../helpers/browser";

const baseUrl = inject("baseUrl");
const office = inject("secretariat");
const { newPage } = sharedBrowser();

describe("the annual fee", () => {
  it("an approved facility pays in test mode, sees it paid, gets a receipt, and is listed", async () => {
    const visitor = await newPage();
    const before = await visitor.goto(`${baseUrl}/facilities/${FIXTURES.payer.slug}`);
    expect(before?.status()).toBe(404); // approved but unpaid: not public yet

    const member = await newPage();
    await logIn(member, baseUrl, FIXTURES.payer.email, FIXTURES.payer.password);
    await member.waitForURL("**/facility");
    await member.getByRole("link", { name: "医療機関の管理" }).click();
    await member.getByRole("link", { name: "E2E支払いテスト病院" }).click();
    await member.getByRole("button", { name: "登録料を支払う" }).click();
    await member.waitForURL("**/payments/test-checkout/**");
    await expect.poll(() => member.getByText("テストモード").first().isVisible()).toBe(true);
    await expect.poll(() => member.getByText("¥33,000").isVisible()).toBe(true);
    await member.getByRole("button", { name: "支払いに成功する" }).click();
    await member.waitForURL("**/payment?session=**");
    await expect.poll(() => member.getByRole("status").textContent()).toContain("お支払いが完了しました");
    // It says the listing is now live, and links to it.
    await expect.poll(() => member.getByRole("status").textContent()).toContain("掲載中です。");
    expect(await member.getByRole("link", { name: "公開ページを見る" }).getAttribute("href")).toBe(`/facilities/${FIXTURES.payer.slug}`);

    await member.getByRole("link", { name: "領収書を表示する" }).click();
    await expect.poll(() => member.getByRole("heading", { level: 1 }).textContent()).toBe("領収書");
    await expect.poll(() => member.getByTestId("receipt-tax").textContent()).toBe("¥3,000");
    await expect.poll(() => member.getByTestId("receipt-total").textContent()).toContain("¥33,000");
    await expect.poll(() => member.getByText("GMネットワーク登録料（令和").isVisible()).toBe(true);

    const mail = await readLatestMail(member, baseUrl, FIXTURES.payer.email, "【GMネットワーク】領収書（GMネットワーク登録料（令和");
    expect(mail).toContain("消費税（10%対象）：¥3,000");
    expect(mail).toContain("合計（税込）：¥33,000");

    const after = await visitor.goto(`${baseUrl}/facilities/${FIXTURES.payer.slug}`);
    expect(after?.status()).toBe(200);
    await expect.poll(() => visitor.getByRole("heading", { level: 1 }).textContent()).toBe("E2E支払いテスト病院");
    // …and in the directory's search.
    await expect
      .poll(
        async () => {
          await visitor.goto(`${baseUrl}/search?q=${encodeURIComponent("E2E支払いテスト病院")}`);
          return visitor.getByRole("link", { name: "E2E支払いテスト病院", exact: true }).count();
        },
        { timeout: 10_000, interval: 500 },
      )
      .toBe(1);
  });

  it("the lapse job has taken down the listing whose paid year ended", async () => {
    const visitor = await newPage();
    // The job runner ran the fee cycle at start-up: last year's payment no longer keeps it up.
    await expect
      .poll(async () => (await visitor.goto(`${baseUrl}/facilities/${FIXTURES.lapsing.slug}`))?.status(), { timeout: 15_000 })
      .toBe(410);
    await expect.poll(() => visitor.getByRole("heading", { level: 1 }).textContent()).toBe("掲載終了");

    const desk = await newPage();
    await logIn(desk, baseUrl, office.email, office.password);
    await desk.waitForURL("**/secretariat");
    await desk.goto(`${baseUrl}/secretariat/payments`);
    const row = desk.getByRole("row").filter({ hasText: "E2E失効テスト診療所" });
    await expect.poll(() => row.textContent()).toContain("未入金");
    await expect.poll(() => row.textContent()).toContain("掲載停止（登録料未納）");
  });
});
