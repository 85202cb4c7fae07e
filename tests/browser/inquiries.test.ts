import { beforeAll, describe, expect, inject, it } from "vitest";
import { logIn, sharedBrowser } from "../helpers/browser";
import { waitUntilIndexed } from "../helpers/indexed";
import { FIXTURES } from "../setup/browser-fixtures-data";

const baseUrl = inject("baseUrl");
const { newPage } = sharedBrowser();
const { inquiry } = FIXTURES;

// The site indexes its listings in the background after it starts: wait until this one is in.
beforeAll(async () => {
  await waitUntilIndexed(baseUrl, inquiry.prefectureCode, (body) => body.hits.some((h) => h.slug === inquiry.slug), "The listing");
});

describe("a physician and a facility talk through an inquiry thread", () => {
  it("search, favourite, anonymous inquiry, unread count, reply, disclosure, close, and the mails", async () => {
    // The physician finds the facility and saves it.
    const doctor = await newPage();
    await logIn(doctor, baseUrl, inquiry.physician.email, inquiry.physician.password);
    await doctor.waitForURL((url) => !url.pathname.startsWith("/login"));
    await doctor.goto(`${baseUrl}/search?prefecture=${inquiry.prefectureCode}`);
    // The button shows "saved" at once; wait for the save itself before leaving the page.
    const saving = doctor.waitForResponse((r) => r.url().includes("/physician/favourites") && r.request().method() === "POST");
    await doctor.getByRole("button", { name: `${inquiry.name}をお気に入りに保存` }).click();
    expect((await saving).status()).toBeLessThan(400);
    await expect.poll(() => doctor.getByRole("button", { name: `${inquiry.name}をお気に入りから外す` }).getAttribute("aria-pressed")).toBe("true");
    await doctor.goto(`${baseUrl}/physician/favourites`);
    await expect.poll(() => doctor.getByRole("link", { name: inquiry.name }).count()).toBe(1);

    // Opens its page and asks; the site asks for a profile first, then comes back.
    await doctor.getByRole("link", { name: inquiry.name }).click();
    await doctor.getByRole("link", { name: "この医療機関に相談する" }).click();
    await doctor.getByRole("link", { name: "プロフィールを登録する" }).click();
    await doctor.waitForURL("**/physician/profile?**");
    await doctor.getByLabel("氏名", { exact: true }).fill("山田 花子");
    await doctor.getByLabel("氏名のふりがな").fill("やまだ はなこ");
    await doctor.getByRole("radio", { name: "大学病院" }).check();
    await doctor.getByLabel("現在の勤務地（都道府県）").selectOption({ label: "東京都" });
    await doctor.getByLabel("専門領域（基本領域）").selectOption({ label: "外科" });
    await doctor.getByLabel("医師免許の取得年（西暦）").fill("2004");
    await doctor.getByRole("checkbox", { name: "研修・学びの場" }).check();
    await doctor.getByRole("checkbox", { name: /メールアドレス.*伝えてよい/ }).check();
    await doctor.getByRole("button", { name: "保存する", exact: true }).click();
    await doctor.waitForURL(`**/facilities/${inquiry.slug}/inquiry`);

    // Anonymous is the default, explained in words.
    await expect.poll(() => doctor.getByRole("radio", { name: "匿名で相談する（おすすめ）" }).isChecked()).toBe(true);
    await expect.poll(() => doctor.getByText(/外科・免許取得後\d+年・東京都」だけが伝わります/).count()).toBe(1);
    await doctor.getByRole("radio", { name: "研修の相談" }).check();
    await doctor.getByLabel("メッセージ").fill("大学病院の外科医です。働きながら総合医の研修を受けられるか相談させてください。");
    await doctor.getByRole("button", { name: "相談を送る" }).click();
    await doctor.waitForURL("**/physician/threads/**");
    await expect.poll(() => doctor.getByText("メッセージを送信しました。").count()).toBe(1);
    const threadPath = new URL(doctor.url()).pathname;
    const threadId = threadPath.split("/").pop()!;

    // The facility member sees one unread thread in the header, and the inquiry without a name.
    const staff = await newPage();
    await logIn(staff, baseUrl, inquiry.member.email, inquiry.member.password);
    await staff.waitForURL((url) => !url.pathname.startsWith("/login"));
    await staff.goto(`${baseUrl}/facility`);
    await expect.poll(() => staff.getByText("未読1件", { exact: true }).count()).toBe(1);
    await staff.getByRole("link", { name: /^相談/ }).click();
    await staff.getByRole("link", { name: /匿名の医師（外科・免許取得後\d+年・東京都）/ }).click();
    await staff.waitForURL(`**/facility/threads/${threadId}`);
    await expect.poll(() => staff.getByText("働きながら総合医の研修を受けられるか").count()).toBe(1);
    await expect.poll(() => staff.getByText("未読1件", { exact: true }).count()).toBe(0); // read: the header count drops at once
    await expect.poll(() => staff.getByText("山田").count()).toBe(0);
    await staff.getByLabel("返信する").fill("ご相談ありがとうございます。ぜひ一度お越しください。");
    await staff.getByRole("button", { name: "送信する" }).click();
    await expect.poll(() => staff.getByText("メッセージを送信しました。").count()).toBe(1);
    // What was sent does not stay in the box, inviting a second send.
    await expect.poll(() => staff.getByLabel("返信する").inputValue()).toBe("");

    // The physician reads the reply and discloses their name.
    await doctor.goto(`${baseUrl}/physician/threads`);
    await expect.poll(() => doctor.getByText("未読", { exact: true }).count()).toBeGreaterThan(0);
    await doctor.getByRole("link", { name: new RegExp(inquiry.name) }).click();
    await expect.poll(() => doctor.getByText("ぜひ一度お越しください").count()).toBe(1);
    // Disclosing asks first, showing what would be sent; "やめる" sends nothing.
    await doctor.getByRole("link", { name: "氏名と連絡先を伝える…" }).click();
    const confirmation = doctor.getByRole("region", { name: /に次の情報を伝えますか/ });
    await expect.poll(() => confirmation.getByText("山田 花子（やまだ はなこ）").count()).toBe(1);
    await expect.poll(() => confirmation.getByText("一度伝えた情報は取り消せません。", { exact: false }).count()).toBe(1);
    await confirmation.getByRole("link", { name: "やめる" }).click();
    await expect.poll(() => doctor.getByRole("region", { name: /に次の情報を伝えますか/ }).count()).toBe(0);
    await staff.goto(`${baseUrl}/facility/threads/${threadId}`);
    await expect.poll(() => staff.getByText("相談者は匿名で相談しています。", { exact: false }).count()).toBe(1);
    await doctor.getByRole("link", { name: "氏名と連絡先を伝える…" }).click();
    await doctor.getByRole("button", { name: "この内容で伝える" }).click();
    await expect.poll(() => doctor.getByText("氏名と連絡先を医療機関に伝えました。").count()).toBe(1);

    // The facility now sees the name and the e-mail address, and closes the thread.
    await staff.goto(`${baseUrl}/facility/threads/${threadId}`);
    await expect.poll(() => staff.getByText("山田 花子（やまだ はなこ）").count()).toBe(1);
    await expect.poll(() => staff.getByText(inquiry.physician.email).count()).toBe(1);
    await staff.getByRole("button", { name: "スレッドを終了する" }).click();
    await expect.poll(() => staff.getByText("スレッドを終了しました。").count()).toBe(1);
    await expect.poll(() => staff.getByRole("button", { name: "スレッドを再開する" }).count()).toBe(1);

    // Blocking asks first too, and works the same without JavaScript; it can be undone.
    const plain = await newPage({ javaScriptEnabled: false, storageState: await staff.context().storageState() });
    await plain.goto(`${baseUrl}/facility/threads/${threadId}`);
    await plain.getByRole("link", { name: "この医師からのメッセージを受け付けない…" }).click();
    await plain.getByRole("button", { name: "受け付けないようにする" }).click();
    await expect.poll(() => plain.getByText("この医師からのメッセージを受け付けないようにしました。").count()).toBe(1);
    await plain.getByRole("button", { name: "この医師からの受付を再開する" }).click();
    await expect.poll(() => plain.getByText("この医師からのメッセージを再び受け付けるようにしました。").count()).toBe(1);

    // The mails are in the outbox, and they carry no message text.
    for (const to of [inquiry.member.email, inquiry.physician.email]) {
      await staff.goto(`${baseUrl}/dev/mailbox?${new URLSearchParams({ to })}`);
      await staff.getByRole("link", { name: "【GMネットワーク】新しいメッセージが届いています" }).first().click();
      const text = (await staff.getByTestId("mail-text").textContent()) ?? "";
      expect(text).toContain("/threads/");
      expect(text).not.toContain("ぜひ一度お越しください");
      expect(text).not.toContain("働きながら");
    }
  });
});

describe("the physician's own pages", () => {
  it("my page, a prefecture alert, and the account deletion page; the secretariat's report list", async () => {
    const doctor = await newPage();
    await logIn(doctor, baseUrl, inquiry.physician.email, inquiry.physician.password);
    await doctor.waitForURL((url) => !url.pathname.startsWith("/login"));
    await doctor.getByRole("link", { name: "マイページ" }).click();
    await expect.poll(() => doctor.getByRole("heading", { level: 1 }).textContent()).toBe("マイページ");
    await doctor.getByRole("link", { name: /新着のお知らせ/ }).click();
    await doctor.getByLabel("都道府県に医療機関が掲載されたら知らせる").selectOption({ label: "福井県" });
    await doctor.getByRole("button", { name: "登録する" }).click();
    await expect.poll(() => doctor.getByText("お知らせを登録しました。", { exact: false }).count()).toBe(1);
    await expect.poll(() => doctor.getByRole("link", { name: "福井県" }).count()).toBe(1);
    await doctor.goto(`${baseUrl}/account/delete`);
    await expect.poll(() => doctor.getByRole("heading", { level: 1 }).textContent()).toBe("退会する（アカウントの削除）");
    // Deleting needs the password: a wrong one is refused with a message, nothing deleted.
    await doctor.getByLabel("パスワード").fill("not my password");
    await doctor.getByRole("checkbox", { name: /アカウントを削除します/ }).check();
    await doctor.getByRole("button", { name: "アカウントを削除する" }).click();
    await expect.poll(() => doctor.getByText("パスワードが正しくありません。").count()).toBe(1);

    const office = await newPage();
    const { email, password } = inject("secretariat");
    await logIn(office, baseUrl, email, password);
    await office.waitForURL((url) => !url.pathname.startsWith("/login"));
    await office.getByRole("link", { name: "通報", exact: true }).click();
    await expect.poll(() => office.getByRole("heading", { level: 1 }).textContent()).toBe("相談スレッドの通報");
  });
});
