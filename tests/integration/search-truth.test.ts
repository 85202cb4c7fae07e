import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { clearSearchCache } from "../../search/cache.server";
import { applyIndexSettings, breaker, configureSearch, facilitiesIndex, searchHealth } from "../../search/client.server";
import { dropMemoryFallback, loadMemoryFallback, memoryFallbackSearch } from "../../search/fallback-memory.server";
import { startMeilisearch } from "../../search/meilisearch-process.server";
import { searchQuerySchema, type SearchQuery } from "../../search/query";
import { searchFacilities } from "../../search/search.server";
import { deliverSearchOutbox, queueSearchSync } from "../../search/sync.server";
import { startIndexCheck } from "~/server/start.server";
import { prisma } from "~/utils/db.server";
import { createListing } from "../helpers/factories";

/**
 * A listing that is not published is never listed: not during a Meilisearch outage, not after
 * it, not while the index is rebuilt (職業安定法: a withdrawn listing must not be shown).
 */
const q = (over: Partial<SearchQuery> = {}): SearchQuery => ({ ...searchQuerySchema.parse({}), ...over });
const slugs = (r: { hits: Array<{ slug: string }> }) => r.hits.map((h) => h.slug).sort();
const sharedMeili = () => configureSearch({ host: inject("meiliHost"), apiKey: inject("meiliKey"), indexPrefix: process.env.MEILI_INDEX_PREFIX });

async function revoke(id: string) {
  await prisma.$transaction(async (tx) => {
    await tx.facility.update({ where: { id }, data: { status: "REVOKED", version: { increment: 1 } } });
    await queueSearchSync(tx, id);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  sharedMeili();
});

describe("search truth", () => {
  it("never shows a listing revoked during a Meilisearch outage, before or after it returns", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-meili-truth-"));
    const key = "truth-test-master-key-0123456789";
    let meili = await startMeilisearch({ dataDir, masterKey: key });
    try {
      configureSearch({ host: meili.host, apiKey: key, indexPrefix: "truth_" });
      await applyIndexSettings();
      // With words, so that Meilisearch is asked (the site answers searches without words from its
      // table of the database's listings, which never holds a revoked one for more than a second).
      const tokyo = q({ q: "東京", prefecture: ["13"] });
      const kept = await createListing({ prefectureCode: "13" });
      const revoked = await createListing({ prefectureCode: "13" });
      await deliverSearchOutbox();
      expect(slugs(await searchFacilities(tokyo))).toEqual([kept.slug, revoked.slug].sort());

      await meili.stop();
      clearSearchCache();
      await revoke(revoked.id);
      expect((await deliverSearchOutbox())).toHaveProperty("error"); // waits in the outbox, in backoff
      const during = await searchFacilities(tokyo);
      expect(during.engine).toBe("fallback");
      expect(slugs(during)).toEqual([kept.slug]);

      // Meilisearch comes back with its old data (the revoked listing still in it). No worker runs
      // here: the search itself must not answer from Meilisearch before the backlog is applied.
      meili = await startMeilisearch({ dataDir, masterKey: key });
      configureSearch({ host: meili.host, apiKey: key, indexPrefix: "truth_" });
      breaker.downSince = Date.now() - 10_000; // this instance had seen the outage
      const engines = new Set<string>();
      let until = Date.now() + 15_000;
      while (Date.now() < until) {
        clearSearchCache();
        const result = await searchFacilities(tokyo);
        expect(slugs(result)).toEqual([kept.slug]);
        if (result.engine === "meilisearch" && !engines.has("meilisearch")) until = Math.min(until, Date.now() + 3000);
        engines.add(result.engine);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(engines.has("meilisearch")).toBe(true);

      // Another instance that never saw the outage answers from Meilisearch at once: it checks
      // its hits against PostgreSQL while changes wait to be sent.
      const other = await createListing({ prefectureCode: "13" });
      await deliverSearchOutbox();
      await revoke(other.id);
      await prisma.searchOutbox.updateMany({ data: { attempts: 1 } }); // as if its delivery had failed
      await new Promise((r) => setTimeout(r, 600)); // the backlog check is asked at most every 500 ms
      clearSearchCache();
      const second = await searchFacilities(tokyo);
      expect(second.engine).toBe("meilisearch");
      expect(slugs(second)).toEqual([kept.slug]);
    } finally {
      await meili.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("shows in an idle instance's fallback a change made 60 seconds earlier on another instance", async () => {
    dropMemoryFallback();
    const listing = await createListing({ prefectureCode: "27" });
    const now = Date.now();
    // The snapshot was loaded 90 s ago; this instance has not searched since.
    vi.spyOn(Date, "now").mockReturnValue(now - 90_000);
    await loadMemoryFallback();
    vi.restoreAllMocks();
    // 60 s ago, another instance revoked it (its outbox row is long delivered and gone).
    await prisma.facility.update({ where: { id: listing.id }, data: { status: "REVOKED", updatedAt: new Date(now - 60_000) } });
    await prisma.searchOutbox.deleteMany();
    const result = await memoryFallbackSearch(q({ prefecture: ["27"] }));
    expect(result.total).toBe(0);
    expect(result.facets.prefecture["27"]).toBeUndefined();
  });

  it("answers every search from the fallback while an empty index is rebuilt at start-up, and says so in /healthz", async () => {
    sharedMeili();
    await applyIndexSettings();
    await facilitiesIndex().deleteAllDocuments().waitTask();
    const listings = await Promise.all([createListing({ prefectureCode: "01" }), createListing({ prefectureCode: "47" }), createListing({ prefectureCode: "13" })]);
    await prisma.searchOutbox.deleteMany(); // as after a restore: nothing queued, the index empty
    dropMemoryFallback();
    clearSearchCache();
    await startIndexCheck();
    expect(breaker.rebuilding).toBe(true);
    expect(await searchHealth()).toBe("rebuilding");
    const during = await searchFacilities(q());
    expect(during.engine).toBe("fallback");
    expect(slugs(during)).toEqual(listings.map((l) => l.slug).sort());
    const deadline = Date.now() + 20_000;
    while (breaker.rebuilding && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(breaker.rebuilding).toBe(false);
    const after = await searchFacilities(q());
    expect(after.engine).toBe("meilisearch");
    expect(slugs(after)).toEqual(listings.map((l) => l.slug).sort());
    expect(await searchHealth()).toBe("ok");
  });
});
