import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { applyIndexSettings, breaker, configureSearch, facilitiesIndex, indexName, searchClient } from "../../search/client.server";
import { listingCodesLoaded } from "../../search/fallback-memory.server";
import { startMeilisearch } from "../../search/meilisearch-process.server";
import { searchQuerySchema, type SearchQuery } from "../../search/query";
import { compareIndex, rebuildIndex } from "../../search/rebuild.server";
import { searchFacilities } from "../../search/search.server";
import { clearSearchCache } from "../../search/cache.server";
import { deliverSearchOutbox, searchOutboxBacklog } from "../../search/sync.server";
import { buildFilter } from "../../search/filters";
import { FACILITIES_INDEX } from "../../search/settings";
import { lapseUnpaidListings, recordBankTransfer } from "~/payments/fee-periods.server";
import { fiscalYearOf } from "~/billing/fiscal-year";
import { decide } from "~/facilities/review.server";
import { loader as apiLoader } from "~/routes/api.search";
import { prisma } from "~/utils/db.server";
import { startWorkers } from "~/server/workers.server";
import { createHttpServer } from "~/server/http.server";
import { flushFigures } from "~/facilities/figures.server";
import { parseEnv } from "~/utils/env.server";
import { createListing, signedIn } from "../helpers/factories";
import { context, getRequest } from "../helpers/requests";

const q = (over: Partial<SearchQuery> = {}): SearchQuery => ({ ...searchQuerySchema.parse({}), ...over });
const slugs = (r: { hits: Array<{ slug: string }> }) => r.hits.map((h) => h.slug).sort();
const sharedMeili = () => configureSearch({ host: inject("meiliHost"), apiKey: inject("meiliKey"), indexPrefix: process.env.MEILI_INDEX_PREFIX });

beforeAll(async () => {
  sharedMeili();
  await applyIndexSettings();
});
beforeEach(async () => {
  sharedMeili();
  await facilitiesIndex().deleteAllDocuments().waitTask();
});

async function index() {
  const result = await deliverSearchOutbox();
  expect(result).not.toHaveProperty("error");
  return result;
}

describe("searching the directory (Meilisearch)", () => {
  it("filters by prefecture and by region", async () => {
    const tokyo = await createListing({ prefectureCode: "13", city: "青梅市" });
    const osaka = await createListing({ prefectureCode: "27", city: "河内長野市" });
    const kyoto = await createListing({ prefectureCode: "26", city: "福知山市" });
    await index();
    const byPref = await searchFacilities(q({ prefecture: ["13"] }));
    expect(byPref.engine).toBe("meilisearch");
    expect(slugs(byPref)).toEqual([tokyo.slug]);
    expect(slugs(await searchFacilities(q({ region: ["kinki"] })))).toEqual([osaka.slug, kyoto.slug].sort());
    // A place filter is a union: a prefecture or a region.
    expect(slugs(await searchFacilities(q({ prefecture: ["13"], region: ["kinki"] })))).toHaveLength(3);
  });

  it("matches specialties exactly: 内科 does not match 心療内科", async () => {
    const naika = await createListing({ departmentCodes: ["naika", "geka"] });
    await createListing({ departmentCodes: ["shinryo-naika", "seishinka"] });
    await index();
    expect(slugs(await searchFacilities(q({ department: ["naika"] })))).toEqual([naika.slug]);
    expect(slugs(await searchFacilities(q({ department: ["naika", "shinryo-naika"] })))).toEqual([]); // both required
  });

  it("finds Japanese free text in kanji and by the kana reading", async () => {
    const target = await createListing({ name: "名寄みどりの丘病院", nameKana: "なよろみどりのおかびょういん", stance: "訪問診療と在宅医療を中心に、地域の暮らしを支える総合医を育てます。", hopes: "" });
    await createListing({ name: "港南クリニック", nameKana: "こうなんくりにっく", stance: "外来中心の診療所です。生活習慣病の管理に力を入れています。", hopes: "" });
    await index();
    expect(slugs(await searchFacilities(q({ q: "在宅医療" })))).toEqual([target.slug]);
    expect(slugs(await searchFacilities(q({ q: "名寄" })))).toEqual([target.slug]);
    expect(slugs(await searchFacilities(q({ q: "なよろ" })))).toEqual([target.slug]);
  });

  it("counts facets, keeping the other choices of a selected facet", async () => {
    await createListing({ prefectureCode: "13", kind: "CLINIC", supervisorAvailable: true });
    await createListing({ prefectureCode: "13", kind: "HOSPITAL", bedCount: 100, supervisorAvailable: false });
    await createListing({ prefectureCode: "01", kind: "CLINIC", supervisorAvailable: true });
    await index();
    const result = await searchFacilities(q({ prefecture: ["13"] }));
    expect(result.total).toBe(2);
    expect(result.facets.prefecture).toEqual({ "13": 2, "01": 1 }); // 北海道 still counted
    expect(result.facets.region).toEqual({ kanto: 2, hokkaido: 1 });
    expect(result.facets.kind).toEqual({ CLINIC: 1, HOSPITAL: 1 }); // within 東京
    expect(result.facets.supervision).toEqual({ true: 1 });
    // 指導医 chosen: its own count leaves the choice out; the others count within it.
    const supervised = await searchFacilities(q({ prefecture: ["13"], supervision: "1" }));
    expect(supervised.total).toBe(1);
    expect(supervised.facets.supervision).toEqual({ true: 1 });
    expect(supervised.facets.kind).toEqual({ CLINIC: 1 });
    expect(supervised.facets.prefecture).toEqual({ "13": 1, "01": 1 });
    expect(supervised.facets.region).toEqual({ kanto: 1, hokkaido: 1 });
  });

  it("counts the learning support of the results as they stand, each chosen one required", async () => {
    await createListing({ prefectureCode: "13", learningTimeProtected: true, scheduleAdjustment: true, programSupport: false });
    await createListing({ prefectureCode: "13", learningTimeProtected: true, scheduleAdjustment: false, programSupport: false });
    await createListing({ prefectureCode: "13", learningTimeProtected: false, scheduleAdjustment: false, programSupport: true });
    await createListing({ prefectureCode: "01", learningTimeProtected: true, scheduleAdjustment: true, programSupport: true });
    await index();
    expect((await searchFacilities(q({ prefecture: ["13"] }))).facets.learning).toEqual({ time: 2, schedule: 1, program: 1 });
    const chosen = await searchFacilities(q({ prefecture: ["13"], learning: ["time"] }));
    expect(chosen.total).toBe(2);
    expect(chosen.facets.learning).toEqual({ time: 2, schedule: 1 }); // adding 育成プログラム would find none
  });

  it("sorts by kana and by newest, and pages to the edges", async () => {
    const day = 86_400_000;
    const a = await createListing({ name: "あ病院", nameKana: "あびょういん" }, { publishedAt: new Date(Date.now() - 3 * day) });
    const b = await createListing({ name: "い診療所", nameKana: "いしんりょうじょ" }, { publishedAt: new Date(Date.now() - 1 * day) });
    const c = await createListing({ name: "う病院", nameKana: "うびょういん" }, { publishedAt: new Date(Date.now() - 2 * day) });
    await index();
    expect((await searchFacilities(q({ sort: "kana" }))).hits.map((h) => h.slug)).toEqual([a.slug, b.slug, c.slug]);
    expect((await searchFacilities(q({ sort: "newest" }))).hits.map((h) => h.slug)).toEqual([b.slug, c.slug, a.slug]);
    const last = await searchFacilities(q({ sort: "kana", perPage: 2, page: 2 }));
    expect(last).toMatchObject({ total: 3, totalPages: 2 });
    expect(last.hits.map((h) => h.slug)).toEqual([c.slug]);
    const beyond = await searchFacilities(q({ sort: "kana", perPage: 2, page: 3 }));
    expect(beyond.hits).toEqual([]);
    expect(beyond.total).toBe(3);
  });

  it("cannot be steered by a crafted value: it stays one literal", async () => {
    await createListing({ prefectureCode: "13" });
    await createListing({ prefectureCode: "14" });
    await index();
    const crafted = buildFilter(q({ prefecture: ['13" OR prefectureCode = "14'] as string[] }));
    const hits = await facilitiesIndex().search("", { filter: crafted });
    expect(hits.hits).toHaveLength(0);
    const honest = await facilitiesIndex().search("", { filter: buildFilter(q({ prefecture: ["13"] })) });
    expect(honest.hits).toHaveLength(1);
  });
});

describe("keeping the index in step with the database", () => {
  it("never indexes a listing that is not published", async () => {
    await createListing({}, { status: "APPROVED" });
    await createListing({}, { status: "REVOKED" });
    const published = await createListing();
    await index();
    expect(slugs(await searchFacilities(q()))).toEqual([published.slug]);
  });

  it("takes a revoked listing out within seconds, with the worker running as in production", async () => {
    const office = await signedIn("SECRETARIAT");
    const listing = await createListing({ name: "取消予定病院" });
    await index();
    expect(slugs(await searchFacilities(q({ q: "取消予定病院" })))).toEqual([listing.slug]);
    const stop = startWorkers([{ name: "search-outbox", everyMs: 300, run: () => deliverSearchOutbox() }]);
    try {
      const t0 = Date.now();
      expect(await decide({ facilityId: listing.id, expectedVersion: listing.version, actorId: office.user.id, decision: "revoke", comment: "事実と異なる" })).toBe("ok");
      let elapsed = 0;
      for (;;) {
        elapsed = Date.now() - t0;
        if ((await searchFacilities(q())).total === 0 || elapsed > 5000) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // Within the 5-second poll: without the worker it would stay. How fast (the goal is under
      // 2 s) is a benchmark's figure, not a timed test's on a shared, loaded machine.
      expect(elapsed).toBeLessThan(5000);
    } finally {
      await stop();
    }
  });

  it("removes a lapsed listing and restores it on payment", async () => {
    const office = await signedIn("SECRETARIAT");
    const fy = fiscalYearOf(new Date());
    const listing = await createListing();
    await recordBankTransfer({ facilityId: listing.id, actorId: office.user.id, fiscalYear: fy, paidAt: new Date(), note: "" });
    await index();
    expect((await searchFacilities(q())).total).toBe(1);
    const nextYear = new Date(Date.UTC(fy + 1, 5, 1));
    expect(await lapseUnpaidListings(nextYear)).toBe(1);
    await index();
    expect((await searchFacilities(q())).total).toBe(0);
    await recordBankTransfer({ facilityId: listing.id, actorId: office.user.id, fiscalYear: fy + 1, paidAt: nextYear, note: "", now: nextYear });
    await index();
    expect(slugs(await searchFacilities(q()))).toEqual([listing.slug]);
  });

  it("rebuilds into a new index and swaps it in while searches keep answering", async () => {
    for (let i = 0; i < 30; i++) await createListing({ name: `再構築テスト${i}` });
    await index();
    let searching = true;
    const totals: number[] = [];
    const loop = (async () => {
      while (searching) {
        clearSearchCache(); // every search goes to Meilisearch, not to the answer cache
        totals.push((await searchFacilities(q())).total);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const result = await rebuildIndex();
    searching = false;
    await loop;
    expect(result.count).toBe(30);
    expect(totals.length).toBeGreaterThan(0);
    expect(totals.every((t) => t === 30)).toBe(true);
    const indexes = await searchClient().getIndexes({ limit: 100 });
    expect(indexes.results.map((i) => i.uid).filter((uid) => uid.startsWith(indexName(FACILITIES_INDEX)))).toEqual([indexName(FACILITIES_INDEX)]);
    expect((await compareIndex()).inSync).toBe(true);
  });

  it("keeps answers while the index is unchanged, and drops them within seconds of a change made elsewhere", async () => {
    const listing = await createListing({ prefectureCode: "13" });
    await index();
    await searchFacilities(q()); // starts the watcher, whose first look drops answers it cannot vouch for
    // A search with words: Meilisearch answers it (the site answers those without from the database).
    const tokyo = q({ q: "東京", prefecture: ["13"] });
    // Past that first look (later on a loaded machine): an answer outlives a few of its checks.
    let first = await searchFacilities(tokyo);
    expect(first.engine).toBe("meilisearch");
    for (const until = Date.now() + 5000; Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 400));
      const again = await searchFacilities(tokyo);
      if (again === first) break;
      first = again;
    }
    await new Promise((r) => setTimeout(r, 1500)); // past the 1-second life of an unconfirmed answer
    expect(await searchFacilities(tokyo)).toBe(first); // confirmed unchanged: same answer

    // Another process (a rebuild, a second app server) changes the index behind this one's back.
    const started = Date.now();
    await facilitiesIndex().deleteDocument(listing.id).waitTask();
    let total = first.total;
    while (total !== 0 && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 50));
      total = (await searchFacilities(tokyo)).total;
    }
    // Within the 5-second poll, where an answer cached for 60 s would still be served without the
    // watcher. The latency goal (under 2 s) is a benchmark's figure, not a timed test's.
    expect(total).toBe(0);
  });

  it("reports every difference between the database and the index", async () => {
    const a = await createListing();
    const b = await createListing();
    await index();
    await prisma.facility.update({ where: { id: a.id }, data: { status: "REVOKED" } }); // changed behind the outbox's back
    await prisma.facility.update({ where: { id: b.id }, data: { contentApprovedAt: new Date(Date.now() + 1000) } });
    const c = await createListing(); // queued but not yet sent
    const diff = await compareIndex();
    expect(diff).toMatchObject({ inSync: false, extra: [a.id], stale: [b.id], missing: [c.id] });
  });

  it("counts a document written with another fold (an older SEARCH_DOCUMENT_VERSION) as stale, so it is rebuilt", async () => {
    const a = await createListing();
    await index();
    const [document] = (await facilitiesIndex().getDocuments({ limit: 1 })).results;
    await facilitiesIndex().addDocuments([{ ...document, v: 1 }]).waitTask();
    expect(await compareIndex()).toMatchObject({ inSync: false, stale: [a.id] });
    await rebuildIndex();
    expect(await compareIndex()).toMatchObject({ inSync: true });
  });
});

describe("when Meilisearch is down", () => {
  it("answers from the fallback with the same filters, keeps updates, and catches up when it returns", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-meili-down-"));
    const key = "down-test-master-key-0123456789";
    let meili = await startMeilisearch({ dataDir, masterKey: key });
    try {
      configureSearch({ host: meili.host, apiKey: key, indexPrefix: "down_" });
      await applyIndexSettings();
      const tokyo = await createListing({ prefectureCode: "13", departmentCodes: ["naika"], name: "東京内科クリニック", stance: "在宅医療に取り組む診療所です。地域のみなさんと一緒に歩みます。", hopes: "" });
      const plain = {
        stance: "外来中心の診療所です。生活習慣病の管理に力を入れています。", hopes: "", activityCodes: [],
        consultationSetup: "院長が相談に乗ります。", learningSupport: "学習時間を認めます。", employmentTerms: "相談のうえ決めます。",
      };
      await createListing({ prefectureCode: "13", departmentCodes: ["shinryo-naika"], ...plain });
      await createListing({ prefectureCode: "01", departmentCodes: ["naika"], ...plain });
      await index();
      const query = q({ prefecture: ["13"], department: ["naika"] });
      const fromMeili = await searchFacilities(query);
      // A search without words that Meilisearch answered loads the site's table of codes (which
      // answers such searches from then on).
      const loaded = async (expected: boolean) => {
        for (let i = 0; i < 100 && listingCodesLoaded() !== expected; i++) await new Promise((r) => setTimeout(r, 50));
        return listingCodesLoaded();
      };
      expect(await loaded(true)).toBe(true);

      await meili.stop();
      clearSearchCache(); // as if the cached answers' second had passed
      // A search without words does not need Meilisearch: the site's table answers it still.
      const meanwhile = await searchFacilities(query);
      expect(meanwhile.engine).toBe("site");
      expect(slugs(meanwhile)).toEqual(slugs(fromMeili));
      // A search with words finds Meilisearch down: from then on the fallback answers every search.
      expect((await searchFacilities(q({ q: "在宅医療" }))).engine).toBe("fallback");
      clearSearchCache();
      const fromFallback = await searchFacilities(query);
      expect(fromFallback.engine).toBe("fallback");
      // During the outage the table is dropped (the fallback's snapshot counts), and a search
      // that tries Meilisearch again and fails does not load it back.
      expect(listingCodesLoaded()).toBe(false);
      breaker.retryAt = 0;
      clearSearchCache();
      expect((await searchFacilities(query)).engine).toBe("fallback");
      await new Promise((r) => setTimeout(r, 500));
      expect(listingCodesLoaded()).toBe(false);
      expect(slugs(fromFallback)).toEqual(slugs(fromMeili));
      expect(fromFallback.facets).toEqual(fromMeili.facets);
      expect(Object.keys(fromMeili.facets.learning).length).toBeGreaterThan(0);
      expect(slugs(await searchFacilities(q({ q: "在宅医療" })))).toEqual([tokyo.slug]);
      const api = (await apiLoader({ request: getRequest("/api/search?prefecture=13"), context: context(), params: {} })) as Response;
      expect((await api.json()).engine).toBe("fallback");

      // A publication while Meilisearch is down waits in the outbox…
      const later = await createListing({ prefectureCode: "13", departmentCodes: ["naika"] });
      const failed = await deliverSearchOutbox();
      expect(failed).toHaveProperty("error");
      expect(await searchOutboxBacklog()).toBe(1);
      // …and is sent once it is back (same data directory, same key).
      meili = await startMeilisearch({ dataDir, masterKey: key });
      configureSearch({ host: meili.host, apiKey: key, indexPrefix: "down_" });
      await deliverSearchOutbox({ now: new Date(Date.now() + 60_000) });
      expect(await searchOutboxBacklog()).toBe(0);
      clearSearchCache(); // fallback answers are kept 30 s; a real outage simply waits them out
      const back = await searchFacilities(query);
      expect(back.engine).toBe("meilisearch");
      expect(slugs(back)).toEqual([tokyo.slug, later.slug].sort());
      expect(await loaded(true)).toBe(true);
      clearSearchCache();
      const fromSite = await searchFacilities(query);
      expect(fromSite.engine).toBe("site");
      expect(slugs(fromSite)).toEqual(slugs(back));
      expect(fromSite.facets).toEqual(back.facets);
      expect(fromSite.facets.prefecture).toEqual({ "01": 1, "13": 2 });
    } finally {
      await meili.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("GET /api/search", () => {
  it("answers JSON with hits, total, page, facets and the engine; bad parameters get 400", async () => {
    await createListing({ prefectureCode: "13", departmentCodes: ["naika"] });
    await index();
    const ok = (await apiLoader({ request: getRequest("/api/search?prefecture=13&department=naika&perPage=5"), context: context(), params: {} })) as Response;
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({ total: 1, page: 1, perPage: 5, engine: "meilisearch", facets: { prefecture: { "13": 1 } } });
    expect(body.hits[0]).toMatchObject({ prefectureCode: "13", departments: ["naika"], url: expect.stringMatching(/^\/facilities\//) });
    for (const bad of ["perPage=51", "page=0", "prefecture=48", "kind=x", "sort=price", "department=naika%22"]) {
      const response = (await apiLoader({ request: getRequest(`/api/search?${bad}`), context: context(), params: {} })) as Response;
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error).toBe("検索条件が正しくありません");
    }
  });
});

describe("GET /api/search through the HTTP server", () => {
  it("is answered before Remix with the loader's very answer, and counts appearances for people, not bots", async () => {
    const listing = await createListing({ prefectureCode: "01", city: "旭川市", departmentCodes: ["naika"] });
    await index();
    const reachedRemix: string[] = [];
    const env = parseEnv({ DATA_DIR: "/tmp/gm-http-test", SESSION_SECRET: "x".repeat(40) });
    const app = { env, isAllowedRequest: () => true };
    const server = createHttpServer({ app, handler: async (request) => (reachedRemix.push(request.url), new Response("remix")) }).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const query = `/api/search?q=${encodeURIComponent("旭川")}&perPage=5`;
      const person = { "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };
      const served = await fetch(`${base}${query}`, { headers: person });
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toMatch(/^application\/json/);
      expect(served.headers.get("cache-control")).toBe("no-store");
      const fromLoader = await ((await apiLoader({ request: getRequest(query), context: context(), params: {} })) as Response).json();
      const body = await served.json();
      expect(body).toEqual(fromLoader);
      expect(body.hits.map((h: { slug: string }) => h.slug)).toEqual([listing.slug]);
      await fetch(`${base}${query}`, { headers: { "User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" } });
      const bad = await fetch(`${base}/api/search?perPage=51`, { headers: person });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toBe("検索条件が正しくありません");
      expect(reachedRemix).toEqual([]);
      await flushFigures();
      const stats = await prisma.facilityDailyStat.findMany({ where: { facilityId: listing.id } });
      // The person's search and the loader's (a Request without a user agent is not counted): 1.
      expect(stats.reduce((sum, s) => sum + s.searchAppearances, 0)).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("answers with the site's security headers, compressed as asked, and refuses a hostile URL in Japanese", async () => {
    await createListing({ prefectureCode: "07", city: "會津若松市", departmentCodes: ["naika"] });
    await createListing({ prefectureCode: "07", city: "郡山市", departmentCodes: ["naika", "geka"] });
    await index();
    const env = parseEnv({ DATA_DIR: "/tmp/gm-http-test", SESSION_SECRET: "x".repeat(40) });
    const server = createHttpServer({ app: { env, isAllowedRequest: () => true }, handler: async () => new Response("remix") }).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    // Raw bytes and headers (fetch would decompress).
    const raw = (path: string, headers: Record<string, string> = {}, method = "GET") =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }>((resolve, reject) => {
        const port = (server.address() as AddressInfo).port;
        const req = httpRequest({ host: "127.0.0.1", port, path, method, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
        });
        req.on("error", reject);
        req.end();
      });
    try {
      const query = `/api/search?prefecture=07&department=naika`;
      // The first answer is Meilisearch's and starts loading the site's table, which answers
      // once the kept answers are dropped (the index moving does that too): every answer compared
      // below is the table's, whose "engine" differs from Meilisearch's.
      await raw(query);
      await vi.waitFor(() => expect(listingCodesLoaded()).toBe(true), { timeout: 10_000 });
      clearSearchCache();
      const plain = await raw(query);
      expect(JSON.parse(plain.bytes.toString("utf8")).engine).toBe("site");
      expect(plain.status).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      const body = JSON.parse(plain.bytes.toString("utf8"));
      expect(body.total).toBe(2);
      expect(body.facets.department).toEqual({ naika: 2, geka: 1 });
      // The headers every page gets (helmet's), with a policy that allows the JSON nothing.
      expect(plain.headers).toMatchObject({
        "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "strict-origin-when-cross-origin",
        "cross-origin-opener-policy": "same-origin",
        "permissions-policy": "camera=(), microphone=(), geolocation=()",
        "cache-control": "no-store",
        vary: "Accept-Encoding",
      });
      expect(plain.headers["x-powered-by"]).toBeUndefined();
      // Brotli first when a browser accepts it, gzip otherwise; the same answer either way.
      const br = await raw(query, { "Accept-Encoding": "gzip, deflate, br, zstd" });
      expect(br.headers["content-encoding"]).toBe("br");
      expect(JSON.parse(brotliDecompressSync(br.bytes).toString("utf8"))).toEqual(body);
      const gzip = await raw(query, { "Accept-Encoding": "gzip" });
      expect(gzip.headers["content-encoding"]).toBe("gzip");
      expect(JSON.parse(gunzipSync(gzip.bytes).toString("utf8"))).toEqual(body);
      expect((await raw(query, { "Accept-Encoding": "br;q=0, gzip;q=0" })).headers["content-encoding"]).toBeUndefined();
      const head = await raw(query, {}, "HEAD");
      expect(head.status).toBe(200);
      expect(head.bytes.length).toBe(0);
      expect(Number(head.headers["content-length"])).toBe(plain.bytes.length);
      // A control character or broken percent-encoding: 400 with the site's Japanese message.
      for (const hostile of ["/api/search?q=%00", "/api/search?q=%E3%81", "/api/search?q=%ZZ"]) {
        const refused = await raw(hostile);
        expect(refused.status).toBe(400);
        expect(JSON.parse(refused.bytes.toString("utf8")).error).toContain("送信された内容を読み取れませんでした");
      }
      expect((await raw(query)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

