import iconv from "iconv-lite";
import { Webhook } from "standardwebhooks";
import { describe, expect, inject, it } from "vitest";
import { FIXTURES } from "../setup/browser-fixtures-data";
import { firstLink, logIn, readLatestMail, sharedBrowser, signUpAndVerify, uniqueEmail } from "../helpers/browser";

const baseUrl = inject("baseUrl");
const office = inject("secretariat");
const webhookSecret = inject("resendWebhookSecret");
const { newPage } = sharedBrowser();
/** Headless Chromium says "HeadlessChrome", which the page-view count rightly takes for a bot. */
const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** The form's CSV as Excel in Japan saves it: Shift_JIS, CRLF. */
function formCsv(rows: string[][]) {
  const headers = ["タイムスタンプ", "メールアドレス", "医療機関名", "法人名", "都道府県", "住所", "電話番号", "ご担当者名"];
  return iconv.encode([headers, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n", "shift_jis");
}

describe("the secretariat runs the programme from the site", () => {
  it("imports the form CSV, the facility claims its draft, a physician opts in, a campaign reaches them with a working unsubscribe, a bounce suppresses an address, and a facility sees its figures", async () => {
    const contact = uniqueEmail("jimu");
    const desk = await newPage();
    await logIn(desk, baseUrl, office.email, office.password);
    await desk.waitForURL("**/secretariat");

    // 1. The secretariat imports the form's CSV.
    await desk.getByRole("link", { name: "取り込み", exact: true }).click();
    await desk.getByLabel("CSVファイル").setInputFiles({
      name: "参加申請フォーム（回答）.csv",
      mimeType: "text/csv",
      buffer: formCsv([
        ["2026/10/01 9:12:33", contact, "医療法人社団 渡邉会 山﨑記念クリニック", "医療法人社団 渡邉会", "鳥取県", "鳥取県米子市西町１－１", "０８５９－３３－１１１１", "髙橋 祐介"],
        ["2026/10/02 9:00:00", "", "メールのない医院", "", "鳥取県", "", "", ""],
      ]),
    });
    await desk.getByRole("button", { name: "読み込んで確認する" }).click();
    await expect.poll(() => desk.getByRole("heading", { level: 1 }).textContent()).toContain("取り込みの確認");
    await expect.poll(() => desk.getByTestId("count-取り込める行").textContent()).toBe("1");
    await expect.poll(() => desk.getByText("担当者のメールアドレスがありません（招待メールの宛先になります）。").count()).toBe(1);
    await desk.getByRole("button", { name: "有効な1件を取り込んで招待メールを送る" }).click();
    await expect.poll(() => desk.getByRole("heading", { name: "取り込みが終わりました" }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => desk.getByTestId("import-progress").textContent()).toContain("作成した下書き 1件");

    // 2. The facility claims its draft from the invitation.
    const staff = await newPage();
    const invitation = await readLatestMail(staff, baseUrl, contact, "【GMネットワーク】医療法人社団 渡邉会 山﨑記念クリニックの掲載情報の下書きをご用意しました");
    const claimUrl = firstLink(invitation);
    expect(claimUrl).toContain("/invitations/");
    await signUpAndVerify(staff, baseUrl, contact, "claim password 1", "医療機関の職員として登録");
    await staff.goto(claimUrl);
    await staff.getByRole("link", { name: "ログインして招待を受ける" }).click();
    await staff.getByLabel("メールアドレス").fill(contact);
    await staff.getByLabel("パスワード").fill("claim password 1");
    await staff.getByRole("button", { name: "ログイン" }).click();
    await staff.getByRole("button", { name: "招待を受けてメンバーになる" }).click();
    await staff.waitForURL("**/facility");
    await expect.poll(() => staff.getByText("医療法人社団 渡邉会 山﨑記念クリニック").count()).toBeGreaterThan(0);

    // 3. A physician opts in at sign-up and names 鳥取県 as a prefecture of interest.
    const doctorEmail = uniqueEmail("guidance-doctor");
    const doctor = await newPage();
    await doctor.goto(`${baseUrl}/signup`);
    await doctor.getByLabel("医師として登録").check();
    await doctor.getByLabel("メールアドレス").fill(doctorEmail);
    await doctor.getByLabel("パスワード", { exact: true }).fill("guidance doctor 1");
    await doctor.getByLabel("パスワード（確認）").fill("guidance doctor 1");
    await doctor.getByLabel(/利用規約.*に同意します/).check();
    await doctor.getByLabel(/案内メールを受け取る/).check();
    await doctor.getByRole("button", { name: "登録して確認メールを受け取る" }).click();
    await doctor.waitForURL("**/check-email");
    await doctor.goto(firstLink(await readLatestMail(doctor, baseUrl, doctorEmail, "【GMネットワーク】メールアドレスの確認")));
    await logIn(doctor, baseUrl, doctorEmail, "guidance doctor 1");
    await doctor.waitForURL((u) => !u.pathname.startsWith("/login"));
    await doctor.goto(`${baseUrl}/physician/profile`);
    await doctor.getByLabel("氏名", { exact: true }).fill("濱田 美咲");
    await doctor.getByLabel("氏名のふりがな").fill("ハマダ ミサキ");
    await doctor.getByLabel("大学病院").check();
    await doctor.getByLabel("現在の勤務地（都道府県）").selectOption({ label: "岡山県" });
    await doctor.getByLabel("専門領域（基本領域）").selectOption({ label: "小児科" });
    await doctor.getByLabel("医師免許の取得年（西暦）").fill("２００８");
    await doctor.getByRole("group", { name: "探しているもの" }).getByRole("checkbox").first().check();
    await doctor.getByRole("group", { name: /関心のある都道府県/ }).getByLabel("鳥取県").check();
    await doctor.getByRole("button", { name: "保存する", exact: true }).click();
    await expect.poll(() => doctor.getByText("プロフィールを保存しました。").count()).toBe(1);
    await expect.poll(() => doctor.getByText(/に同意（登録時）/).count()).toBe(1);

    // 4. The secretariat writes a campaign to 鳥取県, tests it, sends it; the mail has a working unsubscribe.
    const subject = `鳥取県の受け入れ医療機関のご案内 ${Date.now()}`;
    await desk.goto(`${baseUrl}/secretariat`);
    await desk.getByRole("link", { name: "案内メール", exact: true }).click();
    await desk.getByRole("link", { name: "新しい案内メールを作る" }).click();
    await desk.getByLabel("件名").fill(subject);
    await desk.getByLabel("本文").fill("■ 山陰で総合医を目指す先生へ\n\n米子市の医療機関が、総合医を目指す先生を募集しています。\n\n・週1日の学習時間\n・詳しくは https://gm-network.example/search?prefecture=31 をご覧ください");
    await desk.getByLabel("紹介する医療機関").fill(`${baseUrl}/facilities/${FIXTURES.tour.slug}`);
    await desk.getByRole("group", { name: /関心のある都道府県/ }).getByLabel("鳥取県").check();
    await desk.getByRole("button", { name: "下書きを保存する" }).click();
    await expect.poll(() => desk.getByText("下書きを保存しました。").count()).toBe(1);
    await expect.poll(() => desk.getByTestId("audience-count").textContent()).toBe("1人");
    await expect.poll(() => desk.getByTestId("preview-text").textContent()).toContain(FIXTURES.tour.name);
    await desk.getByRole("button", { name: "自分あてにテスト送信する" }).click();
    await expect.poll(() => desk.getByText("テストメールをあなたのアドレスに送りました。").count()).toBe(1);
    await desk.getByRole("button", { name: "送信内容を確認する" }).click();
    await expect.poll(() => desk.getByRole("heading", { name: "送信の確認" }).count()).toBe(1);
    await desk.getByRole("button", { name: "送信する", exact: true }).click();
    await expect.poll(() => desk.getByText("送信を始めました。", { exact: false }).count()).toBe(1);
    const test = await readLatestMail(await newPage(), baseUrl, office.email, `【テスト送信】${subject}`);
    expect(test).toContain("これはテスト送信です");

    const inbox = await newPage();
    const mail = await readLatestMail(inbox, baseUrl, doctorEmail, subject);
    expect(mail).toContain("米子市の医療機関が、総合医を目指す先生を募集しています。");
    await expect.poll(() => inbox.getByText("List-Unsubscribe-Post", { exact: false }).count()).toBeGreaterThan(0);
    const unsubscribe = mail.match(/https?:\/\/\S+\/unsubscribe\/\S+/)?.[0];
    expect(unsubscribe).toBeTruthy();
    await inbox.goto(unsubscribe!);
    await inbox.getByRole("button", { name: "案内メールの配信を停止する" }).click();
    await expect.poll(() => inbox.getByText("案内メールの配信を停止しました。", { exact: false }).count()).toBe(1);
    await doctor.goto(`${baseUrl}/physician/profile`);
    await expect.poll(() => doctor.getByText("現在は受け取らない設定です。").count()).toBe(1);
    await expect
      .poll(
        async () => {
          await desk.reload();
          return desk.getByTestId("result-配信停止").textContent();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe("1");
    await expect.poll(() => desk.getByTestId("result-送信済み").textContent()).toBe("1");

    // 5. A bounce comes back through Resend's signed webhook; the address is suppressed.
    const event = JSON.stringify({ type: "email.bounced", created_at: new Date().toISOString(), data: { email_id: "re_e2e", to: [contact], bounce: { type: "Permanent", message: "550 5.1.1 user unknown" } } });
    const id = `msg_e2e_${Date.now()}`;
    const now = new Date();
    const signed = { "Content-Type": "application/json", "svix-id": id, "svix-timestamp": String(Math.floor(now.getTime() / 1000)), "svix-signature": new Webhook(webhookSecret).sign(id, now, event) };
    expect((await fetch(`${baseUrl}/webhooks/resend`, { method: "POST", headers: { ...signed, "svix-signature": "v1,Zm9yZ2Vk" }, body: event })).status).toBe(400);
    expect((await fetch(`${baseUrl}/webhooks/resend`, { method: "POST", headers: signed, body: event })).status).toBe(200);
    expect((await fetch(`${baseUrl}/webhooks/resend`, { method: "POST", headers: signed, body: event })).status).toBe(409);
    await desk.goto(`${baseUrl}/secretariat/campaigns`);
    await desk.getByRole("link", { name: "送信停止リスト" }).click();
    await expect.poll(() => desk.getByTestId("suppression").filter({ hasText: contact }).textContent()).toContain("不達（バウンス）");

    // 6. A member of the public reports a listing; the secretariat resolves it.
    // (tests/browser/listing-reports.test.ts walks this with the notes and the facility's mail.)
    const visitor0 = await newPage();
    await visitor0.goto(`${baseUrl}/facilities/${FIXTURES.photos.slug}`);
    await visitor0.getByRole("link", { name: "掲載内容について事務局に知らせる" }).click();
    await visitor0.getByLabel("内容が事実と異なる").check();
    await visitor0.getByLabel("詳しい内容").fill("診療科に小児科とありますが、現在は休診しているそうです。");
    await visitor0.getByRole("button", { name: "事務局に送る" }).click();
    await expect.poll(() => visitor0.getByRole("heading", { level: 1 }).textContent()).toBe("お知らせを受け付けました");
    await desk.goto(`${baseUrl}/secretariat/listing-reports`);
    await desk.getByRole("row").filter({ hasText: FIXTURES.photos.name }).getByRole("link").first().click();
    await desk.getByLabel("確認の結果、変更は不要").check();
    await desk.getByLabel("対応の内容").fill("医療機関に確認したところ、小児科は継続しているとのことでした。");
    await desk.getByRole("button", { name: "対応を記録する" }).click();
    await expect.poll(() => desk.getByRole("heading", { name: /対応済み/ }).count()).toBe(1);

    // 7. The facility sees its figures: views by a person (not a bot) and appearances in search.
    const visitor = await newPage({ userAgent: PERSON });
    await visitor.goto(`${baseUrl}/facilities/${FIXTURES.tour.slug}`);
    await visitor.goto(`${baseUrl}/search?q=${encodeURIComponent(FIXTURES.tour.name)}`);
    const member = await newPage();
    await logIn(member, baseUrl, FIXTURES.tour.member.email, FIXTURES.tour.member.password);
    await member.waitForURL("**/facility");
    await member.getByRole("link", { name: FIXTURES.tour.name }).first().click();
    await member.waitForURL("**/facility/facilities/**");
    // Figures are added to the database every few seconds (a view and an appearance may land in
    // different flushes): each figure is read again from a reloaded page until it shows.
    const figure = async (name: string) => {
      await member.reload();
      return Number(await member.getByTestId(`figure-${name}`).textContent());
    };
    const timing = { timeout: 20_000, interval: 1000 };
    await expect.poll(() => figure("公開ページの閲覧"), timing).toBeGreaterThanOrEqual(1);
    await expect.poll(() => figure("検索結果への表示"), timing).toBeGreaterThanOrEqual(1);
    await expect.poll(() => figure("相談の開始"), timing).toBeGreaterThanOrEqual(1);
    await expect.poll(() => member.getByRole("table", { name: "月ごとの数字" }).isVisible()).toBe(true);
  });
});
