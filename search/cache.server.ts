import { LRUCache } from "lru-cache";
import type { SearchResult } from "./results";

/**
 * Recent search answers, per process.
 *
 * A Meilisearch answer stays right until the index changes, so it is kept as long as the index
 * is known not to have changed: a watcher (index-version.server.ts) asks Meilisearch for its
 * latest finished task several times a second and clears this cache when it moves; this process's
 * own index updates clear it at once. While that watcher has not confirmed the version within the
 * last second (it has not started, or Meilisearch does not answer it), answers older than one
 * second are not used, so a change shows within the 2-second goal either way.
 * The site's answers to searches without words (its table of codes) are kept by the same rule:
 * when the index moves, the table reads the changes before it answers again
 * (fallback-memory.server.ts, listingCodesTable), so they are never older than the index.
 * Fallback answers are kept one second: the in-memory snapshot they come from follows changes
 * within a second, and an answer older than that could show a listing revoked meanwhile.
 */
export const CACHE_TTL_MS = { meilisearch: 60_000, site: 60_000, fallback: 1000 } as const;
const UNCONFIRMED_MAX_AGE_MS = 1000;

type Entry<T> = { value: T; at: number; engine: keyof typeof CACHE_TTL_MS };
// Bounded by an estimate of the memory each answer holds (measured: about 3.5 KB per hit once
// parsed), not by a count: 2,000 answers of 20 hits would hold some 150 MB. 24 MB keeps about
// 300 full pages of hits, within the site's memory goal (docs/decisions/0015).
const answers = new LRUCache<string, Entry<SearchResult>>({ maxSize: 24 * 1024 * 1024, sizeCalculation: (e) => 2048 + e.value.hits.length * 4096 });

/**
 * The parts an answer is made of (one page of hits; the counts of a group of facets for a text
 * and a filter), kept under the same rules. Facet counts do not depend on the page or the sort,
 * and a facet's disjunctive counts leave its own selection out, so many different searches share
 * the same parts: "内科 in Tokyo" and "内科 in Osaka" both need the prefecture counts of 内科.
 * A part being computed is shared too, so a burst of equal searches costs one computation.
 */
const parts = new LRUCache<string, Entry<object>>({ max: 10_000, maxSize: 8 * 1024 * 1024, sizeCalculation: (e) => 512 + JSON.stringify(e.value).length });
const pending = new Map<string, Promise<unknown>>();
/** Bumped on every clear, so a part computed before an index update is not kept after it. */
let generation = 0;
let versionConfirmedAt = 0;

export function clearSearchCache() {
  generation++;
  answers.clear();
  parts.clear();
  pending.clear();
}

/**
 * Drops the answers and parts past their time (each is kept with its engine's CACHE_TTL_MS, and
 * `usable` refuses it after that anyway): the cache frees such an entry only when it is next
 * asked for. Run when the site has been quiet a while (app/server/idle-memory.server.ts).
 */
export function dropExpiredSearchAnswers(now = Date.now()) {
  for (const cache of [answers, parts] as Array<LRUCache<string, Entry<unknown>>>) {
    const expired = [...cache.keys()].filter((key) => {
      const entry = cache.peek(key, { allowStale: true });
      return !entry || now - entry.at > CACHE_TTL_MS[entry.engine];
    });
    for (const key of expired) cache.delete(key);
  }
}

/** For tests: how many answers and parts are held (usable or not). */
export function searchCacheSizes() {
  return { answers: answers.size, parts: parts.size };
}

/** Moves each time cached answers are dropped (the index changed, or search was reconfigured). */
export function searchCacheGeneration() {
  return generation;
}

/** Called by the index-version watcher each time Meilisearch confirms the index has not changed. */
export function confirmIndexVersion(now = Date.now()) {
  versionConfirmedAt = now;
}

function usable<T>(entry: Entry<T> | undefined, now = Date.now()): T | undefined {
  if (!entry) return undefined;
  if (entry.engine !== "fallback" && now - versionConfirmedAt > UNCONFIRMED_MAX_AGE_MS && now - entry.at > UNCONFIRMED_MAX_AGE_MS) return undefined;
  return entry.value;
}

/** When an answer was given, for a page that shows it (app/server/page-cache.server.ts). */
export type AnswerStamp = { generation: number; at: number };
export function answerStamp(now = Date.now()): AnswerStamp {
  return { generation, at: now };
}
/** Whether answers given at `stamp` are still right, by the same rule as the answers themselves. */
export function answersStillRight(stamp: AnswerStamp, now = Date.now()) {
  if (stamp.generation !== generation) return false;
  return now - versionConfirmedAt <= UNCONFIRMED_MAX_AGE_MS || now - stamp.at <= UNCONFIRMED_MAX_AGE_MS;
}

export function cachedAnswer(key: string) {
  return usable(answers.get(key));
}

export function keepAnswer(key: string, result: SearchResult) {
  answers.set(key, { value: result, at: Date.now(), engine: result.engine }, { ttl: CACHE_TTL_MS[result.engine] });
}

/** `keep: false`: shared while being computed, not kept afterwards (the whole answer is kept instead). */
export type Part<Q> = { key: string; query: Q; keep?: boolean };

/**
 * Answers each part from the cache, from a computation already under way, or else by one call to
 * `compute` for all the missing parts together (one round trip). Failures are not cached.
 */
export async function cachedParts<Q, R extends object>(
  list: Part<Q>[],
  engine: keyof typeof CACHE_TTL_MS,
  compute: (queries: Q[]) => Promise<R[]>,
): Promise<R[]> {
  const results: Array<Promise<R>> = [];
  const missing: Array<{ part: Part<Q>; promise: Promise<R>; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  for (const part of list) {
    const hit = usable(parts.get(part.key)) as R | undefined;
    if (hit) {
      results.push(Promise.resolve(hit));
      continue;
    }
    const running = pending.get(part.key) as Promise<R> | undefined;
    if (running) {
      results.push(running);
      continue;
    }
    let settle!: Pick<(typeof missing)[number], "resolve" | "reject">;
    const promise = new Promise<R>((resolve, reject) => (settle = { resolve, reject }));
    promise.catch(() => {}); // the caller sees the failure through Promise.all below
    missing.push({ part, promise, ...settle });
    pending.set(part.key, promise);
    results.push(promise);
  }
  if (missing.length) {
    const started = generation;
    const at = Date.now();
    try {
      const computed = await compute(missing.map((m) => m.part.query));
      missing.forEach((m, i) => {
        if (generation === started && m.part.keep !== false) parts.set(m.part.key, { value: computed[i]!, at, engine }, { ttl: CACHE_TTL_MS[engine] });
        m.resolve(computed[i]!);
      });
    } catch (error) {
      for (const m of missing) m.reject(error);
    } finally {
      for (const m of missing) if (pending.get(m.part.key) === m.promise) pending.delete(m.part.key);
    }
  }
  return Promise.all(results);
}
