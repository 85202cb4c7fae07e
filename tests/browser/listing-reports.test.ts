import { describe, expect, inject, it } from "vitest";
import { FIXTURES } from "../setup/browser-fixtures-data";
import { logIn, readLatestMail, sharedBrowser } from "../helpers/browser";

const baseUrl = inject("baseUrl");
const office = inject("secretariat");
const { newPage } = sharedBrowser();
const { inquiry } = FIXTURES;

describe("a member of the public reports a listing", () => {
  it("reports without logging in; the secretariat is mailed, keeps a note and resolves it; the facility is told", async () => {
    const visitor = await newPage();
    await visitor.goto(`${baseUrl}/facilities/${inquiry.slug}`);
    await visitor.getByRole("link", { name: "掲載内容について事務局に知らせる" }).click();
    await expect.poll(() => visitor.getByRole("heading", { level: 1 }).textContent()).toBe("掲載内容について事務局に知らせる");
    await visitor.getByLabel("情報が古い（受け入れ終了・閉院・移転など）").check();
    await visitor.getByLabel("詳しい内容").fill("短い");
    await visitor.getByRole("button", { name: "事務局に送る" }).click();
    await expect.poll(() => visitor.getByText("詳しい内容は10文字以上で入力してください").count()).toBeGreaterThan(0);
    await visitor.getByLabel("詳しい内容").fill("電話番号が変わっているようです。案内の番号はつながりませんでした。");
    await visitor.getByRole("button", { name: "事務局に送る" }).click();
    await expect.poll(() => visitor.getByRole("heading", { level: 1 }).textContent()).toBe("お知らせを受け付けました");
    await visitor.getByRole("link", { name: "掲載内容の確認と掲載取消の方針" }).click();
    await expect.poll(() => visitor.getByRole("heading", { name: "掲載内容の確認と掲載取消の方針" }).isVisible()).toBe(true);

    const desk = await newPage();
    const mail = await readLatestMail(desk, baseUrl, office.email, `【GMネットワーク】掲載内容についてのお知らせ：${inquiry.name}`);
    expect(mail).toContain("/secretariat/listing-reports/");
    await logIn(desk, baseUrl, office.email, office.password);
    await desk.waitForURL("**/secretariat");
    await desk.getByRole("link", { name: "掲載へのお知らせ" }).click();
    await desk.getByRole("row").filter({ hasText: inquiry.name }).getByRole("link").first().click();
    await expect.poll(() => desk.getByText("電話番号が変わっているようです。", { exact: false }).count()).toBe(1);
    await desk.getByLabel("メモを追加する").fill("代表番号に確認。新しい番号を聞いた。");
    await desk.getByRole("button", { name: "メモを追加する" }).click();
    await expect.poll(() => desk.getByText("メモを追加しました。").count()).toBe(1);
    await desk.getByLabel("医療機関が掲載内容を修正した").check();
    await desk.getByLabel("対応の内容").fill("電話番号を新しい番号に修正していただきました。");
    await desk.getByRole("button", { name: "対応を記録する" }).click();
    await expect.poll(() => desk.getByRole("heading", { name: /対応済み/ }).count()).toBe(1);

    const member = await newPage();
    const told = await readLatestMail(member, baseUrl, inquiry.member.email, "掲載内容についてのお知らせへの対応");
    expect(told).toContain("電話番号を新しい番号に修正していただきました。");
    expect(told).not.toContain("つながりませんでした"); // the reporter's words stay with the secretariat
  });

  it("loads the form's code when the form is first used, and keeps what was typed while it came", async () => {
    const visitor = await newPage();
    const scripts: string[] = [];
    visitor.on("response", (r) => void (r.url().endsWith(".js") && scripts.push(r.url())));
    await visitor.goto(`${baseUrl}/facilities/e2e-okinawa-naika/report`); // another listing: one report per listing and hour
    const details = visitor.getByLabel("詳しい内容");
    // Hydrated: React's handlers are on the field.
    await expect.poll(() => details.evaluate((e) => Object.keys(e).some((k) => k.startsWith("__reactProps")))).toBe(true);
    const atLoad = scripts.length;
    // The code that comes on first use is held back while the person chooses and types.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await visitor.route("**/*.js", async (route) => {
      await held;
      await route.continue();
    });
    await visitor.getByLabel("情報が古い（受け入れ終了・閉院・移転など）").check();
    await details.fill("短い");
    await visitor.getByLabel("連絡先メールアドレス").focus();
    expect(scripts.length).toBe(atLoad);
    release();
    // The blur that came first is checked once the code is here; nothing typed was lost.
    await expect.poll(() => visitor.getByText("詳しい内容は10文字以上で入力してください").count()).toBe(1);
    expect(scripts.length).toBeGreaterThan(atLoad);
    await expect.poll(() => visitor.getByLabel("情報が古い（受け入れ終了・閉院・移転など）").isChecked()).toBe(true);
    await expect.poll(() => details.inputValue()).toBe("短い");
    await details.fill("掲載されている住所が移転前のままです。");
    await visitor.getByRole("button", { name: "事務局に送る" }).click();
    await expect.poll(() => visitor.getByRole("heading", { level: 1 }).textContent()).toBe("お知らせを受け付けました");
  });
});
