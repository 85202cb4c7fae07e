import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { logIn, readLatestMail, signUpAndVerify, uniqueEmail, sharedBrowser } from "../helpers/browser";

const baseUrl = inject("baseUrl");
const office = inject("secretariat");
const { newPage } = sharedBrowser();

const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

async function openSection(page: Page, facilityUrl: string, title: string) {
  await page.goto(facilityUrl);
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect.poll(() => h1(page)).toBe(title);
}

async function save(page: Page, facilityUrl: string) {
  await page.getByRole("button", { name: "保存する" }).click();
  await page.waitForURL((url) => url.href.startsWith(facilityUrl) && url.searchParams.has("saved"));
}

/** 「保存して次へ」: saves this section and opens the next, which says the last one was saved. */
async function saveAndNext(page: Page, facilityUrl: string, next: string, nextTitle: string) {
  await page.getByRole("button", { name: "保存して次へ" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${facilityUrl}/${next}`) && url.searchParams.has("saved"));
  await expect.poll(() => h1(page)).toBe(nextTitle);
}

/** Decides on the open secretariat page: fills the comment if given, confirms, submits. */
async function decide(page: Page, done: string, title: string, button: string, comment?: string) {
  const form = page.locator("form").filter({ has: page.getByRole("heading", { name: title }) });
  if (comment) await form.getByRole("textbox").fill(comment);
  await form.getByRole("checkbox").check();
  await form.getByRole("button", { name: button }).click();
  await page.waitForURL((url) => url.searchParams.get("done") === done);
}

describe("a facility registers, is reviewed, published, revised and revoked", () => {
  it("works end to end for the facility, the secretariat and the public", async () => {
    const member = await newPage();
    const email = uniqueEmail("facility");
    const password = "facility password 1";
    await signUpAndVerify(member, baseUrl, email, password, "医療機関の職員として登録");
    await logIn(member, baseUrl, email, password);
    await member.waitForURL("**/facility");

    // An operator with two facilities.
    await member.getByRole("link", { name: "医療機関の管理" }).click();
    await member.getByRole("link", { name: "法人・開設者を登録する" }).click();
    await member.getByLabel("法人", { exact: true }).check();
    await member.getByLabel("法人名・開設者名").fill("医療法人社団 E2E会");
    await member.getByLabel("法人番号（13桁・任意）").fill("7000012050003");
    await member.getByRole("button", { name: "登録する" }).click();
    await expect.poll(() => member.getByText("法人番号が正しくありません").isVisible()).toBe(true);
    await member.getByLabel("法人番号（13桁・任意）").fill("7000012050002");
    await member.getByRole("button", { name: "登録する" }).click();
    await member.waitForURL("**/facility");
    for (const name of ["E2E第一病院", "E2E第二診療所"]) {
      await member.goto(`${baseUrl}/facility`);
      await member.getByLabel("医療機関を追加する（医療機関名）").fill(name);
      await member.getByRole("button", { name: "追加して情報を入力する" }).click();
      await member.waitForURL("**/facility/facilities/**");
    }
    await member.goto(`${baseUrl}/facility`);
    await member.getByRole("link", { name: "E2E第一病院" }).click();
    await member.waitForURL("**/facility/facilities/**");
    const facilityUrl = member.url().split("?")[0]!;

    // A new facility: nothing is complete yet, 実地研修 included, and the way in is plain.
    await expect.poll(() => member.getByText("7項目中 0項目が入力済み").count()).toBe(1);
    const activitiesRow = member.getByRole("listitem").filter({ has: member.getByRole("link", { name: "実地研修で参加できる活動", exact: true }) });
    await expect.poll(() => activitiesRow.getByText("未入力", { exact: true }).count()).toBe(1);
    await expect.poll(() => member.getByRole("link", { name: "入力を始める" }).count()).toBe(1);

    // First sitting: the basic information, with a mistake corrected on the way.
    await openSection(member, facilityUrl, "基本情報");
    await expect.poll(() => member.getByText("7項目中 1項目め").count()).toBe(1);
    // The bed-count box is visible as a box, and takes typing.
    const beds = member.getByLabel("病床数");
    const bedsBox = await beds.boundingBox();
    expect(bedsBox!.height).toBeGreaterThan(30);
    expect(await beds.evaluate((el) => getComputedStyle(el).borderTopWidth)).not.toBe("0px");
    await member.getByLabel("医療機関名（ふりがな）").fill("いーつーいーだいいちびょういん");
    await member.getByLabel("病院（20床以上）").check();
    await member.getByLabel("郵便番号").fill("９１０－０００１");
    await member.getByLabel("都道府県").selectOption({ label: "福井県" });
    await member.getByLabel("市区町村").fill("福井市");
    await member.getByLabel("番地・建物名").fill("大願寺3丁目4-1");
    await member.getByLabel("電話番号（代表）").fill("0776-22-1234");
    await member.getByLabel("内科", { exact: true }).check();
    await member.getByLabel("整形外科", { exact: true }).check();
    await save(member, facilityUrl).catch(() => {});
    // The bed count was missing: the page says so and keeps the rest.
    await expect.poll(() => member.getByText("病院は病床数（20床以上）を入力してください").isVisible()).toBe(true);
    await expect.poll(() => member.getByLabel("市区町村").inputValue()).toBe("福井市");
    await member.getByLabel("病床数").fill("80");
    await save(member, facilityUrl);
    await expect.poll(() => member.getByRole("status").first().textContent()).toBe("保存しました。");
    await expect.poll(() => member.getByText("7項目中 1項目が入力済み").count()).toBe(1);
    await expect.poll(() => member.getByRole("link", { name: "続きを入力する" }).getAttribute("href")).toBe(new URL(`${facilityUrl}/stance`).pathname);

    await member.getByRole("button", { name: "ログアウト" }).click();
    await member.waitForURL("**/login?notice=logged-out");

    // Second sitting: the rest, then submit.
    await logIn(member, baseUrl, email, password);
    await member.waitForURL("**/facility");
    await openSection(member, facilityUrl, "受け入れと育成の方針");
    const firstStance = "<b>地域</b>で、総合医を目指す先生を職員みんなで支えます。外来と訪問診療から始めましょう。";
    await member.getByLabel("受け入れと育成の方針").fill(firstStance);
    // The tab closes (or the connection drops) before saving: the text comes back on return.
    await member.reload();
    await expect.poll(() => member.getByRole("status").first().textContent()).toContain("前回保存されなかった入力内容を復元しました");
    await expect.poll(() => member.getByLabel("受け入れと育成の方針").inputValue()).toBe(firstStance);
    // 「保存して次へ」 walks the remaining sections in order.
    await saveAndNext(member, facilityUrl, "supervision", "指導・相談体制");
    await expect.poll(() => member.getByText("「受け入れと育成の方針」を保存しました。", { exact: false }).count()).toBe(1);
    await member.getByLabel("指導医がいる").check();
    await member.getByLabel("相談体制").fill("院長に随時相談できます。");
    await member.getByLabel("相談できる頻度").selectOption("随時（診療中も相談できる）");
    await saveAndNext(member, facilityUrl, "learning", "働きながら学ぶための支援");
    await member.getByLabel("E-learningなどの学習時間を勤務時間内に確保できる").check();
    await member.getByLabel("学びの支援の説明").fill("毎週半日を学習時間にしています。");
    await saveAndNext(member, facilityUrl, "employment", "勤務形態");
    await member.getByLabel("常勤", { exact: true }).check();
    await member.getByLabel("勤務条件の決め方").fill("面談のうえ決めます。");
    await saveAndNext(member, facilityUrl, "activities", "実地研修で参加できる活動");
    await member.getByLabel("在宅当番医").check();
    await member.getByLabel("ACPの策定").check();
    await saveAndNext(member, facilityUrl, "contact", "担当者（事務局のみ閲覧）");
    await expect.poll(() => member.getByRole("button", { name: "保存して次へ" }).count()).toBe(0); // the last section
    await member.getByLabel("担当者名").fill("福井 花子");
    await member.getByLabel("メールアドレス").fill(email);
    await member.getByLabel("電話番号").fill("0776-22-1235");
    await save(member, facilityUrl);
    await expect.poll(() => member.getByText("7項目中 7項目が入力済み").count()).toBe(1);
    await member.getByRole("button", { name: "事務局に申請する" }).click();
    await expect.poll(() => member.getByRole("status").first().textContent()).toContain("申請しました");
    // What happens next, and how long it takes; what was sent can still be read.
    const nextSteps = member.getByRole("region", { name: "事務局が審査しています" });
    await expect.poll(() => nextSteps.textContent()).toContain("承認後、登録料（年額）をお支払いいただくと、掲載が始まります。");
    await expect.poll(() => nextSteps.textContent()).toMatch(/審査には通常\d+営業日ほどかかります。|申請から通常\d+日ほどで結果が出ています。/);
    await member.getByRole("link", { name: "受け入れと育成の方針", exact: true }).click();
    await expect.poll(() => member.getByText("申請した内容を表示しています。", { exact: false }).count()).toBe(1);
    await expect.poll(() => member.getByText(firstStance).count()).toBe(1);
    await expect.poll(() => member.getByRole("button", { name: /保存/ }).count()).toBe(0);

    // The secretariat returns it with a comment.
    const desk = await newPage();
    await logIn(desk, baseUrl, office.email, office.password);
    await desk.waitForURL("**/secretariat");
    await desk.getByRole("link", { name: "審査", exact: true }).click();
    await desk.getByRole("link", { name: "E2E第一病院" }).click();
    await decide(desk, "return", "差し戻す（修正を依頼）", "差し戻す", "相談体制をもう少し具体的に書いてください。");
    const returned = await readLatestMail(member, baseUrl, email, "【GMネットワーク】E2E第一病院：申請内容の修正をお願いします");
    expect(returned).toContain("相談体制をもう少し具体的に");

    // The facility sees the comment, fixes and resubmits.
    await member.goto(facilityUrl);
    await expect.poll(() => member.getByRole("alert").textContent()).toContain("相談体制をもう少し具体的に書いてください。");
    await openSection(member, facilityUrl, "指導・相談体制");
    await member.getByLabel("相談体制").fill("院長（総合診療専門医）に随時相談でき、毎週金曜に振り返りを行います。");
    await save(member, facilityUrl);
    await member.getByRole("button", { name: "修正して再申請する" }).click();
    await expect.poll(() => member.getByRole("status").first().textContent()).toContain("申請しました");

    // Approved, and the bank transfer recorded: now it is published.
    await desk.reload();
    await decide(desk, "approve", "承認する", "承認する");
    await decide(desk, "payment", "銀行振込の入金を記録する", "入金を記録する");
    await expect.poll(() => desk.getByRole("status").first().textContent()).toBe("入金を記録しました。");

    await member.goto(facilityUrl);
    const publicUrl = await member.getByRole("link", { name: "公開ページを見る" }).getAttribute("href");
    const visitor = await newPage();
    await visitor.goto(`${baseUrl}${publicUrl}`);
    await expect.poll(() => h1(visitor)).toBe("E2E第一病院");
    await expect.poll(() => visitor.getByText(firstStance).isVisible()).toBe(true); // HTML shown as text
    await expect.poll(() => visitor.locator("b", { hasText: "地域" }).count()).toBe(0);
    await expect.poll(() => visitor.getByText(/掲載情報の確認日：\d{4}年\d{1,2}月\d{1,2}日/).isVisible()).toBe(true);
    await expect.poll(() => visitor.getByText("院長（総合診療専門医）に随時相談でき").isVisible()).toBe(true);
    await expect.poll(() => visitor.getByText("福井 花子").count()).toBe(0); // the contact person is not public

    // An edit after publication waits for the secretariat.
    await openSection(member, facilityUrl, "受け入れと育成の方針");
    await member.getByLabel("受け入れと育成の方針").fill("新しい方針：在宅医療を中心に、地域の暮らしを支える総合医を育てます。");
    await save(member, facilityUrl);
    await member.getByRole("button", { name: "修正内容を申請する" }).click();
    await visitor.reload();
    await expect.poll(() => visitor.getByText(firstStance).isVisible()).toBe(true);
    await expect.poll(() => visitor.getByText("新しい方針").count()).toBe(0);

    await desk.goto(`${baseUrl}/secretariat`);
    await desk.getByRole("link", { name: "E2E第一病院" }).click();
    await expect.poll(() => desk.getByRole("heading", { name: "修正内容（左: 公開中、右: 修正案）" }).isVisible()).toBe(true);
    await decide(desk, "acceptRevision", "修正内容を承認する", "修正を承認する");
    await visitor.reload();
    await expect.poll(() => visitor.getByText("新しい方針：在宅医療を中心に").isVisible()).toBe(true);

    // Revoked with a reason: the page is gone.
    await decide(desk, "revoke", "掲載を取り消す", "掲載を取り消す", "掲載内容が事実と異なることが判明したため");
    const ended = await visitor.goto(`${baseUrl}${publicUrl}`);
    expect(ended?.status()).toBe(410);
    await expect.poll(() => h1(visitor)).toBe("掲載終了");

    // The coverage dashboard counts it no more, and the second facility is still a draft.
    await desk.goto(`${baseUrl}/secretariat/coverage`);
    await expect.poll(() => desk.getByTestId("coverage-18").textContent()).toContain("掲載なし");
  });
});
