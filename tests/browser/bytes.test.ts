import { beforeAll, describe, expect, inject, it } from "vitest";
import { FIXTURES } from "../setup/browser-fixtures-data";
import { sharedBrowser } from "../helpers/browser";
import { waitUntilIndexed } from "../helpers/indexed";

/**
 * The bytes a browser receives. React 18's Node renderer put NUL bytes into Japanese text at
 * 2 KB buffer boundaries (react issue 31134); which pages were hit depended on where the
 * boundaries fell. Long Japanese pages are checked byte by byte, and in Chromium for hydration
 * warnings.
 */
const baseUrl = inject("baseUrl");
const { newPage } = sharedBrowser();
const { bulk } = FIXTURES;

beforeAll(async () => {
  await waitUntilIndexed(baseUrl, bulk.prefectureCode, (body) => body.total >= bulk.count, "The bulk listings");
});

const PAGES = [
  "/",
  `/search?prefecture=${bulk.prefectureCode}&perPage=50`,
  `/search?prefecture=${bulk.prefectureCode}&perPage=50&sort=kana`,
  "/search?q=%E5%86%85%E7%A7%91&perPage=50",
  `/facilities/${bulk.long.slug}`,
  "/privacy",
  "/terms",
  "/login",
  "/signup",
  "/forgot-password",
];

describe("the bytes of every long Japanese page", () => {
  it.each(PAGES)("%s has no NUL and no U+FFFD", async (path) => {
    const response = await fetch(`${baseUrl}${path}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(4096); // long enough to cross buffer boundaries
    expect(bytes.indexOf(0), "first NUL byte").toBe(-1);
    expect(bytes.indexOf(Buffer.from([0xef, 0xbf, 0xbd])), "first U+FFFD").toBe(-1);
  });

  it("sends the long texts of a facility exactly as written, and 50 names on one search page", async () => {
    const facility = (await (await fetch(`${baseUrl}/facilities/${bulk.long.slug}`)).text()).normalize("NFC");
    expect(facility).toContain(bulk.long.stance);
    expect(facility).toContain(bulk.long.hopes);
    expect(facility).toContain(bulk.long.name);
    const search = await (await fetch(`${baseUrl}/search?prefecture=${bulk.prefectureCode}&perPage=50&sort=kana`)).text();
    const api = await (await fetch(`${baseUrl}/api/search?prefecture=${bulk.prefectureCode}&perPage=50&sort=kana`)).json();
    expect(api.hits).toHaveLength(50);
    for (const hit of api.hits as Array<{ name: string }>) expect(search).toContain(hit.name);
  });

  it("hydrates the long pages in Chromium without a warning, showing the text exactly, rendered and as kept", async () => {
    // The second visit is served from the kept page (its scripts allowed by hash, not by nonce).
    const paths = [`/search?prefecture=${bulk.prefectureCode}&perPage=50`, `/facilities/${bulk.long.slug}`];
    for (const path of [...paths, ...paths]) {
      const page = await newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      await page.goto(`${baseUrl}${path}`);
      await page.waitForLoadState("networkidle");
      // Hydration has run when the client router answers a link: wait for React to be idle.
      await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
      expect(problems, path).toEqual([]);
      if (path.startsWith("/facilities/")) {
        const text = (await page.locator("main").innerText()).replace(/\s+/g, "");
        expect(text).toContain(bulk.long.stance);
      }
    }
  });
});
