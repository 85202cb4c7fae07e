import { beforeAll, describe, expect, inject, it } from "vitest";
import { applyIndexSettings, configureSearch, facilitiesIndex } from "../../search/client.server";
import { documentsFor } from "../../search/documents.server";
import { dropMemoryFallback, memoryFallbackSearch } from "../../search/fallback-memory.server";
import { matchesSearch } from "../../search/match";
import { searchQuerySchema } from "../../search/query";
import { searchFacilities } from "../../search/search.server";
import { deliverSearchOutbox } from "../../search/sync.server";
import { CASES, CORPUS } from "../fixtures/japanese-search";
import { createListing } from "../helpers/factories";

/**
 * The search definition's promise: Meilisearch, the in-memory fallback and the alert matcher
 * find exactly the same listings for Japanese written the ways people write it.
 */
beforeAll(async () => {
  configureSearch({ host: inject("meiliHost"), apiKey: inject("meiliKey"), indexPrefix: process.env.MEILI_INDEX_PREFIX });
  await applyIndexSettings();
  await facilitiesIndex().deleteAllDocuments().waitTask();
});

describe("Japanese as people write it", () => {
  it(`finds the same listings in every engine for ${CASES.length} queries`, async () => {
    const slugOf = new Map<string, string>();
    const ids: string[] = [];
    for (const [key, profile] of Object.entries(CORPUS)) {
      const listing = await createListing({ hopes: "", ...profile });
      slugOf.set(listing.slug, key);
      ids.push(listing.id);
    }
    expect(await deliverSearchOutbox()).not.toHaveProperty("error");
    const { documents } = await documentsFor(ids);
    dropMemoryFallback();

    const keys = (hits: Array<{ slug: string }>) => hits.map((h) => slugOf.get(h.slug) ?? h.slug).sort();
    const failures: string[] = [];
    for (const [text, expected, what] of CASES) {
      const query = searchQuerySchema.parse({ q: text, perPage: 50 });
      const meili = await searchFacilities(query);
      expect(meili.engine).toBe("meilisearch");
      const fallback = await memoryFallbackSearch(query);
      const matched = documents.filter((d) => matchesSearch(d, query)).map((d) => ({ slug: d.slug }));
      const want = [...expected].sort();
      const got = { meilisearch: keys(meili.hits), fallback: keys(fallback.hits), alerts: keys(matched) };
      for (const [engine, found] of Object.entries(got)) {
        if (JSON.stringify(found) !== JSON.stringify(want)) failures.push(`${engine}: 「${text}」 (${what}) found [${found}] instead of [${want}]`);
      }
      if (meili.total !== fallback.total) failures.push(`「${text}」: totals differ (${meili.total} / ${fallback.total})`);
    }
    expect(failures).toEqual([]);
  });
});
