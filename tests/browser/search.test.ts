import { beforeAll, describe, expect, inject, it } from "vitest";
import { FIXTURES } from "../setup/browser-fixtures-data";
import { sharedBrowser } from "../helpers/browser";
import { waitUntilIndexed } from "../helpers/indexed";

const baseUrl = inject("baseUrl");
const { newPage } = sharedBrowser();
const [northNaika, northShinryo, southNaika] = FIXTURES.directory;

// The site indexes its listings in the background after it starts: wait until they are in.
beforeAll(async () => {
  await waitUntilIndexed(baseUrl, "01", (body) => body.total >= 2, "Hokkaido's listings");
  await waitUntilIndexed(baseUrl, "47", (body) => body.total >= 1, "Okinawa's listings");
});

describe("a physician searches the directory", () => {
  it("narrows by prefecture and specialty, opens a facility, comes back to the same filters", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/search`);
    // The coverage map shows Hokkaido has listings; open the filters and choose.
    await page.locator("summary", { hasText: "地方・都道府県" }).click();
    await page.getByRole("checkbox", { name: /^北海道\s*\(\d+\)$/ }).last().check();
    await page.waitForURL((url) => url.searchParams.getAll("prefecture").includes("01"));
    await expect.poll(() => page.getByRole("link", { name: northShinryo!.name }).count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: southNaika!.name }).count()).toBe(0);

    await page.locator("summary", { hasText: "診療科" }).click();
    await page.getByRole("checkbox", { name: /^内科\s*\(\d+\)$/ }).check();
    await page.waitForURL((url) => url.searchParams.getAll("department").includes("naika"));
    await expect.poll(() => page.getByRole("link", { name: northShinryo!.name }).count()).toBe(0); // 心療内科 is not 内科
    await expect.poll(() => page.getByRole("link", { name: northNaika!.name }).count()).toBe(1);
    const filtered = page.url();

    await page.getByRole("link", { name: northNaika!.name }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(northNaika!.name);
    await page.goBack();
    await expect.poll(() => page.url()).toBe(filtered);
    await expect.poll(() => page.getByRole("checkbox", { name: /^内科\s*\(\d+\)$/ }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole("link", { name: northNaika!.name }).count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: "北海道の条件を外す" }).count()).toBe(1);

    // With filters on, an option that would find nothing stays, with (0), and cannot be ticked;
    // the learning-support options have counts too.
    const empty = page.getByRole("checkbox", { name: /\(0\)$/ });
    await expect.poll(() => empty.count()).toBeGreaterThan(0);
    expect(await empty.first().isDisabled()).toBe(true);
    await page.locator("summary", { hasText: "指導・学びの支援" }).click();
    await expect.poll(() => page.getByRole("checkbox", { name: /^学習時間の確保\s*\(\d+\)$/ }).count()).toBe(1);
  });

  for (const [device, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
    it(`leads with the search on a ${device}: the keyword box and the filters are on the first screen`, async () => {
      const page = await newPage({ viewport });
      await page.goto(`${baseUrl}/search`);
      const keyword = await page.getByLabel("キーワード").boundingBox();
      expect(keyword!.y + keyword!.height).toBeLessThan(viewport.height / 2);
      for (const group of ["地方・都道府県", "診療科", "実地研修で参加できる活動"]) {
        const box = await page.locator("summary", { hasText: group }).boundingBox();
        expect(box!.y + box!.height, group).toBeLessThan(viewport.height);
      }
      // The map is further down, a way in rather than the search.
      const map = await page.getByRole("heading", { name: "地図から都道府県を選ぶ" }).boundingBox();
      expect(map!.y).toBeGreaterThan(viewport.height);
    });
  }

  it("works without JavaScript, with every choice in a shareable URL", async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${baseUrl}/search?prefecture=47&department=naika`);
    await expect.poll(() => page.getByRole("link", { name: southNaika!.name }).count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: northNaika!.name }).count()).toBe(0);
    await page.getByLabel("キーワード").fill("存在しない病院名ああ");
    await page.getByRole("button", { name: "この条件で探す" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "存在しない病院名ああ");
    await expect.poll(() => page.getByText("条件に合う医療機関が見つかりませんでした。").isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("link", { name: "沖縄県を外す" }).count()).toBe(1);
  });
});
