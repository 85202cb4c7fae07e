import { beforeEach, describe, expect, it, vi } from "vitest";
import { CACHE_TTL_MS, cachedParts, clearSearchCache, confirmIndexVersion, dropExpiredSearchAnswers, keepAnswer, searchCacheSizes } from "../../search/cache.server";
import { emptyFacets } from "../../search/results";

describe("search answer parts", () => {
  beforeEach(() => clearSearchCache());

  it("computes only the missing parts, in one call, and shares parts between searches", async () => {
    const calls: string[][] = [];
    const compute = async (queries: string[]) => {
      calls.push(queries);
      return queries.map((q) => ({ value: q.toUpperCase() }));
    };
    const first = await cachedParts([{ key: "a", query: "a" }, { key: "b", query: "b" }], "meilisearch", compute);
    const second = await cachedParts([{ key: "b", query: "b" }, { key: "c", query: "c" }], "meilisearch", compute);
    expect(first.map((r) => r.value)).toEqual(["A", "B"]);
    expect(second.map((r) => r.value)).toEqual(["B", "C"]);
    expect(calls).toEqual([["a", "b"], ["c"]]);
  });

  it("lets concurrent searches wait for a part already being computed", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let computations = 0;
    const compute = async (queries: string[]) => {
      computations++;
      await gate;
      return queries.map((q) => ({ value: q }));
    };
    const both = Promise.all([cachedParts([{ key: "x", query: "x" }], "meilisearch", compute), cachedParts([{ key: "x", query: "x" }], "meilisearch", compute)]);
    release();
    const [a, b] = await both;
    expect(a[0]).toBe(b[0]);
    expect(computations).toBe(1);
  });

  it("does not keep failures, nor answers computed before the cache was cleared", async () => {
    await expect(cachedParts([{ key: "f", query: "f" }], "meilisearch", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    const ok = await cachedParts([{ key: "f", query: "f" }], "meilisearch", async (qs) => qs.map(() => ({ value: 1 })));
    expect(ok[0]!.value).toBe(1);

    clearSearchCache();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const stale = cachedParts([{ key: "g", query: "g" }], "meilisearch", async (qs) => {
      await gate;
      return qs.map(() => ({ value: "before the update" }));
    });
    clearSearchCache(); // an index update lands while the answer is on its way
    release();
    await stale;
    const fresh = await cachedParts([{ key: "g", query: "g" }], "meilisearch", async (qs) => qs.map(() => ({ value: "after" })));
    expect(fresh[0]!.value).toBe("after");
  });

  it("keeps Meilisearch parts past one second only while the index version is confirmed", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-21T00:00:00Z"), toFake: ["Date"] });
    try {
      let n = 0;
      const compute = async (qs: string[]) => qs.map(() => ({ value: ++n }));
      await cachedParts([{ key: "t", query: "t" }], "meilisearch", compute);
      vi.advanceTimersByTime(1500); // unconfirmed: a 1.5-second-old answer is not used
      expect((await cachedParts([{ key: "t", query: "t" }], "meilisearch", compute))[0]!.value).toBe(2);
      confirmIndexVersion();
      vi.advanceTimersByTime(900);
      confirmIndexVersion(); // the watcher keeps confirming: the answer lives on
      vi.advanceTimersByTime(900);
      expect((await cachedParts([{ key: "t", query: "t" }], "meilisearch", compute))[0]!.value).toBe(2);
      vi.advanceTimersByTime(1100); // the watcher stopped confirming (Meilisearch unreachable)
      expect((await cachedParts([{ key: "t", query: "t" }], "meilisearch", compute))[0]!.value).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("answers past their time", () => {
  it("are dropped by dropExpiredSearchAnswers, the others kept", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-28T12:00:00Z") });
    try {
      clearSearchCache();
      const compute = vi.fn(async (queries: string[]) => queries.map((q) => ({ q })));
      await cachedParts([{ key: "old", query: "old" }], "meilisearch", compute);
      vi.advanceTimersByTime(CACHE_TTL_MS.meilisearch - 5_000);
      await cachedParts([{ key: "new", query: "new" }], "meilisearch", compute);
      keepAnswer("old answer", { hits: [], total: 0, page: 1, perPage: 20, totalPages: 0, facets: emptyFacets(), engine: "site" });
      vi.advanceTimersByTime(10_000);
      expect(searchCacheSizes()).toEqual({ answers: 1, parts: 2 });
      dropExpiredSearchAnswers();
      expect(searchCacheSizes()).toEqual({ answers: 1, parts: 1 });
      vi.advanceTimersByTime(CACHE_TTL_MS.site);
      dropExpiredSearchAnswers();
      expect(searchCacheSizes()).toEqual({ answers: 0, parts: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});
