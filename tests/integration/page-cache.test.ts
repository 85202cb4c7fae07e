import { createHash } from "node:crypto";
import { get as httpGet, type Server } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clearSearchCache } from "../../search/cache.server";
import { countPageView, flushFigures } from "~/facilities/figures.server";
import { publicFacility } from "~/facilities/queries.server";
import { createHttpServer } from "~/server/http.server";
import { inlineScriptHashes, listingsVersion } from "~/server/page-cache.server";
import { prisma } from "~/utils/db.server";
import { parseEnv } from "~/utils/env.server";
import { doNotKeepPage, usesSearchAnswers } from "~/utils/page-replay.server";
import { isSameOriginRequest, ORIGIN_EXEMPT } from "~/utils/request.server";
import { sessionCookieName } from "~/utils/session.server";
import { createListing } from "../helpers/factories";

/**
 * Public pages kept for visitors who are not signed in (app/server/page-cache.server.ts), through
 * the real HTTP server and database, with a stand-in for Remix that renders a listing's page the
 * way the real route does: from the database, counting the view.
 */
const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
let server: Server | undefined;
afterEach(async () => {
  const current = server;
  server = undefined;
  current?.closeAllConnections();
  await new Promise<void>((resolve) => (current ? current.close(() => resolve()) : resolve()));
});

async function start() {
  // The listings' version is read at most every 100 ms: the one read by the previous test, before
  // the tables were emptied, would make the first page kept here stale at once.
  await listingsVersion(Number.MAX_SAFE_INTEGER);
  const env = parseEnv({ DATA_DIR: "/tmp/gm-http-test", SESSION_SECRET: "x".repeat(40) });
  const app = {
    env,
    isAllowedRequest: (method: string, headers: { origin?: string; referer?: string }, requestOrigin: string, pathname: string) =>
      isSameOriginRequest(method, headers, [requestOrigin], pathname, ORIGIN_EXEMPT),
  };
  const renders: string[] = [];
  const http = createHttpServer({
    app,
    keepPages: true,
    handler: async (request, context) => {
      const url = new URL(request.url);
      renders.push(url.pathname + url.search);
      if (url.pathname === "/search") {
        usesSearchAnswers();
        if (url.searchParams.has("fallback")) doNotKeepPage();
        return new Response(`<!DOCTYPE html><html><body>検索結果<script nonce="${context.cspNonce}">1</script></body></html>`, { headers: { "Content-Type": "text/html; charset=utf-8" } });
      }
      const found = await publicFacility(url.pathname.split("/")[2] ?? "");
      if (found.state !== "published") return new Response("見つかりません", { status: 404, headers: { "Content-Type": "text/html; charset=utf-8" } });
      countPageView(found.facility.slug, request, undefined);
      return new Response(`<!DOCTYPE html><html><body><h1>${found.profile.name}</h1><script nonce="${context.cspNonce}">1</script></body></html>`, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    },
  });
  server = http.listen(0, "127.0.0.1");
  await new Promise((r) => server!.once("listening", r));
  const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { headers: { "User-Agent": BROWSER, ...headers } });
    const html = await res.text();
    const csp = res.headers.get("content-security-policy") ?? "";
    return { status: res.status, html, csp, headerNonce: csp.match(/'nonce-([^']+)'/)?.[1], pageNonce: html.match(/nonce="([^"]+)"/)?.[1] };
  };
  /** The raw bytes for one Accept-Encoding, as sent. */
  const raw = (path: string, acceptEncoding: string) =>
    new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>((resolve, reject) => {
      httpGet(`${base}${path}`, { headers: { "User-Agent": BROWSER, "Accept-Encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], vary: res.headers.vary, body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
  return { get, raw, renders };
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("public pages kept for visitors who are not signed in", () => {
  it("serves a listing's page again without rendering it, as the same bytes compressed once, its script allowed by hash, and still counts every view", async () => {
    const listing = await createListing({ name: "医療法人社団 髙橋会 山﨑記念病院" });
    const { get, raw, renders } = await start();
    const first = await get(`/facilities/${listing.slug}`);
    const second = await get(`/facilities/${listing.slug}`);
    const third = await get(`/facilities/${listing.slug}`);
    expect(renders).toEqual([`/facilities/${listing.slug}`]);
    expect(second.html).toBe(first.html);
    expect(third.html).toBe(first.html);
    expect(second.html).toContain("山﨑記念病院");
    // The inline script carries the first rendering's nonce; every serving allows it by its hash.
    const scriptHash = `'sha256-${createHash("sha256").update("1").digest("base64")}'`;
    for (const page of [first, second, third]) expect(page.csp).toMatch(new RegExp(`script-src 'self' ${scriptHash} 'nonce-`));
    expect(new Set([first.headerNonce, second.headerNonce, third.headerNonce]).size).toBe(3);
    // Brotli, gzip or none, as the browser accepts: the same page.
    const br = await raw(`/facilities/${listing.slug}`, "gzip, deflate, br");
    const gzip = await raw(`/facilities/${listing.slug}`, "gzip");
    const none = await raw(`/facilities/${listing.slug}`, "identity");
    expect([br.encoding, gzip.encoding, none.encoding]).toEqual(["br", "gzip", undefined]);
    expect(br.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.body).toString("utf8")).toBe(first.html);
    expect(gunzipSync(gzip.body).toString("utf8")).toBe(first.html);
    expect(none.body.toString("utf8")).toBe(first.html);
    expect(renders).toHaveLength(1);
    // A headless browser is not a visitor: served from the page kept, and still not counted.
    await get(`/facilities/${listing.slug}`, { "User-Agent": "Mozilla/5.0 HeadlessChrome/131.0.0.0" });
    await flushFigures();
    expect((await prisma.facilityDailyStat.findFirstOrThrow({ where: { facilityId: listing.id } })).pageViews).toBe(6);
  });

  it("hashes every inline script of a kept page, and none with a src", () => {
    const html = `<script nonce="a">window.__x = "総合医";</script><script type="module" src="/build/entry.js"></script><SCRIPT>\nimport("/build/r.js")</SCRIPT><script nonce="a">window.__x = "総合医";</script>`;
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
    expect(inlineScriptHashes(html)).toBe(`${hash('window.__x = "総合医";')} ${hash('\nimport("/build/r.js")')}`);
  });

  it("shows a change to the listing at once, and a revoked listing is gone from the next request", async () => {
    const listing = await createListing({ name: "さくら診療所" });
    const { get, renders } = await start();
    expect((await get(`/facilities/${listing.slug}`)).html).toContain("さくら診療所");
    // An approved revision: the approved profile changes and the facility is touched, as review does.
    await prisma.$transaction([
      prisma.facilityProfile.update({ where: { facilityId_stage: { facilityId: listing.id, stage: "APPROVED" } }, data: { name: "さくら総合診療所" } }),
      prisma.facility.update({ where: { id: listing.id }, data: { version: { increment: 1 } } }),
    ]);
    await pause(150); // the version is read at most every 100 ms
    expect((await get(`/facilities/${listing.slug}`)).html).toContain("さくら総合診療所");
    await prisma.facility.update({ where: { id: listing.id }, data: { status: "REVOKED" } });
    await pause(150);
    expect((await get(`/facilities/${listing.slug}`)).status).toBe(404);
    expect(renders).toHaveLength(3);
  });

  it("renders every page for someone signed in, and never keeps a page made from the search fallback", async () => {
    const listing = await createListing();
    const { get, renders } = await start();
    const cookie = `${sessionCookieName(false)}=anything`;
    await get(`/facilities/${listing.slug}`, { Cookie: cookie });
    await get(`/facilities/${listing.slug}`, { Cookie: cookie });
    await get("/search?fallback=1");
    await get("/search?fallback=1");
    expect(renders).toEqual([`/facilities/${listing.slug}`, `/facilities/${listing.slug}`, "/search?fallback=1", "/search?fallback=1"]);
  });

  it("drops a search page when Meilisearch's answers change", async () => {
    const { get, renders } = await start();
    await get("/search?q=%E5%86%85%E7%A7%91");
    await get("/search?q=%E5%86%85%E7%A7%91");
    expect(renders).toHaveLength(1);
    clearSearchCache(); // what the index-version watcher does when the index moves
    await get("/search?q=%E5%86%85%E7%A7%91");
    expect(renders).toHaveLength(2);
  });
});
