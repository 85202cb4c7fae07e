import sharp from "sharp";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { FIXTURES } from "../setup/browser-fixtures-data";
import { logIn, sharedBrowser } from "../helpers/browser";

const baseUrl = inject("baseUrl");
const office = inject("secretariat");
const { newPage } = sharedBrowser();
const { photos } = FIXTURES;

/** Whether an <img> with this alt text has loaded a real picture (scrolled to: images load lazily). */
async function loaded(page: Page, alt: string) {
  const img = page.getByRole("img", { name: alt }).first();
  await img.scrollIntoViewIfNeeded();
  return img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0);
}

describe("photographs of the place", () => {
  it("a facility adds photos on a phone, the secretariat accepts the change, and physicians see them on the page and the search card", async () => {
    const member = await newPage({ viewport: { width: 390, height: 844 } });
    await logIn(member, baseUrl, photos.member.email, photos.member.password);
    await member.waitForURL("**/facility");
    await member.getByRole("link", { name: photos.name }).click();
    await member.getByRole("link", { name: "写真", exact: true }).click();
    await expect.poll(() => member.getByRole("heading", { level: 1 }).textContent()).toBe("写真");

    // A file that is not a picture, whatever its name: refused in Japanese, the description kept.
    await member.getByLabel("写真のファイル").setInputFiles({ name: "外観.jpg", mimeType: "image/jpeg", buffer: Buffer.from("これは写真ではありません") });
    await member.getByLabel("写真の説明").fill("病院の外観。正面玄関にスロープがあります");
    await member.getByRole("button", { name: "追加する" }).click();
    await expect.poll(() => member.getByRole("alert").first().textContent()).toContain("写真として読み取れませんでした");
    await expect.poll(() => member.getByLabel("写真の説明").inputValue()).toBe("病院の外観。正面玄関にスロープがあります");

    const picture = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: 30, g: 110, b: 160 } } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 28/1 0/1" } })
      .toBuffer();
    await member.getByLabel("写真のファイル").setInputFiles({ name: "IMG_2041.JPG", mimeType: "image/jpeg", buffer: picture });
    await member.getByRole("button", { name: "追加する" }).click();
    await expect.poll(() => member.getByText("写真を追加しました。").count(), { timeout: 20_000 }).toBe(1); // encoding AVIF takes a few seconds
    await expect.poll(() => loaded(member, "病院の外観。正面玄関にスロープがあります")).toBe(true);

    // The change is a revision: applied for from the overview.
    await member.getByRole("link", { name: new RegExp(`^← ${photos.name}`) }).click();
    await expect.poll(() => member.getByText("写真", { exact: true }).count()).toBeGreaterThan(0);
    await member.getByRole("button", { name: "修正内容を申請する" }).click();
    await expect.poll(() => member.getByRole("status").first().textContent()).toContain("修正内容を申請しました");
    // One message, not two that contradict each other (「内容を修正すると…」 beside 「今は編集できません」).
    await expect.poll(() => member.getByText("修正内容を事務局が確認中です", { exact: false }).count()).toBe(1);
    await expect.poll(() => member.getByText("内容を修正すると", { exact: false }).count()).toBe(0);

    const desk = await newPage();
    await logIn(desk, baseUrl, office.email, office.password);
    await desk.waitForURL("**/secretariat");
    await desk.getByRole("link", { name: photos.name }).first().click();
    await expect.poll(() => desk.getByText("1枚：病院の外観。正面玄関にスロープがあります").count()).toBe(1);
    await expect.poll(() => loaded(desk, "病院の外観。正面玄関にスロープがあります")).toBe(true);
    const form = desk.locator("form").filter({ has: desk.getByRole("heading", { name: "修正内容を承認する" }) });
    await form.getByRole("checkbox").check();
    await form.getByRole("button", { name: "修正を承認する" }).click();
    await desk.waitForURL((url) => url.searchParams.has("done"));

    const doctor = await newPage({ viewport: { width: 390, height: 844 } });
    await doctor.goto(`${baseUrl}/facilities/${photos.slug}`);
    await expect.poll(() => loaded(doctor, "病院の外観。正面玄関にスロープがあります")).toBe(true);
    await expect
      .poll(
        async () => {
          await doctor.goto(`${baseUrl}/search?prefecture=32`);
          return doctor.getByRole("img", { name: "病院の外観。正面玄関にスロープがあります" }).count();
        },
        { timeout: 10_000, interval: 500 },
      )
      .toBe(1);
    await expect.poll(() => loaded(doctor, "病院の外観。正面玄関にスロープがあります")).toBe(true);
    // The browser got AVIF (it accepts it), small enough for a card, without the GPS position.
    const src = await doctor.getByRole("img", { name: "病院の外観。正面玄関にスロープがあります" }).evaluate((img) => (img as HTMLImageElement).currentSrc);
    expect(src).toMatch(/\/photos\/[0-9a-f]{64}\/\d+\.avif$/);
    const response = await fetch(src);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
  });
});
