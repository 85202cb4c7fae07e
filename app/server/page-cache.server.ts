import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { answersStillRight, answerStamp, type AnswerStamp } from "../../search/cache.server";
import { prisma } from "../utils/db.server";
import type { PageRecord } from "../utils/page-replay.server";

/**
 * The public pages a visitor who is not signed in sees (/, /search, a listing's page), kept whole
 * once rendered, per process (docs/decisions/0015-speed-first-steps.md).
 *
 * A kept page is served again while what it shows is known to be unchanged:
 * - the listings: every change to a listing bumps `Facility.updatedAt` (the counts on / and the
 *   in-memory search fallback rely on the same), so a page is kept for one value of the newest
 *   `updatedAt`, read at most every VERSION_CHECK_MS per process: no invalidation message is
 *   needed, and two processes on one database agree within that time;
 * - Meilisearch's answers (on /search): the search answer cache's own rule (search/cache.server.ts),
 *   so a page is never older than the answers it shows; a page with an answer from the fallback
 *   is not kept.
 * A kept page is the same bytes for everyone: its inline scripts are allowed by their SHA-256
 * hashes in the CSP header (the nonce they carry is the first rendering's), so it is compressed
 * once, with gzip and Brotli, when kept, and each serving only sends bytes. Each serving counts
 * what the first rendering counted (a view of the listing, appearances in results:
 * app/utils/page-replay.server.ts).
 */
const VERSION_CHECK_MS = 100;
const MAX_AGE_MS = 60_000;
const MAX_BYTES = 16 * 1024 * 1024;
const PAGES = [/^\/$/, /^\/search$/, /^\/facilities\/[^/]+$/];

export type KeptPage = {
  /** The page as UTF-8, and compressed. */
  bytes: Buffer;
  /** The page's inline scripts as CSP sources: `'sha256-…' …`. */
  scriptHashes: string;
  gzip: Buffer;
  br: Buffer;
  status: number;
  headers: Array<[string, string]>;
  version: string;
  answers: AnswerStamp | null;
  replays: PageRecord["replays"];
};

/** Whether a request is for a page that may be kept: a document GET of a public page, not signed in. */
export function isKeepablePage(method: string, path: string, query: URLSearchParams, signedIn: boolean) {
  return method === "GET" && !signedIn && !query.has("_data") && PAGES.some((re) => re.test(path));
}

let version: { value: string; at: number; pending: Promise<string> | null } = { value: "", at: 0, pending: null };

/** The newest Facility.updatedAt, read at most every VERSION_CHECK_MS (concurrent callers share one read). */
export async function listingsVersion(now = Date.now()): Promise<string> {
  if (now - version.at < VERSION_CHECK_MS) return version.value;
  version.pending ??= prisma.$queryRaw<Array<{ key: string | null }>>`SELECT max("updatedAt")::text AS key FROM "Facility"`
    .then(([row]) => {
      version = { value: row?.key ?? "", at: Date.now(), pending: null };
      return version.value;
    })
    .catch((error) => {
      version.pending = null;
      throw error;
    });
  return version.pending;
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** CSP hash sources for every inline script of a page (a script with src is allowed by 'self'). */
export function inlineScriptHashes(html: string) {
  const hashes = new Set<string>();
  for (const [, attributes, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes!)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(body!, "utf8").digest("base64")}'`);
  }
  return [...hashes].join(" ");
}

/** A page as it is kept: its hashes, and its bytes compressed once (best settings: sent many times). */
export function keptPage({ html, ...page }: Omit<KeptPage, "bytes" | "scriptHashes" | "gzip" | "br"> & { html: string }): KeptPage {
  const bytes = Buffer.from(html, "utf8");
  return {
    ...page,
    bytes,
    scriptHashes: inlineScriptHashes(html),
    gzip: gzipSync(bytes, { level: 9 }),
    br: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  };
}

export function createPageCache() {
  const pages = new LRUCache<string, KeptPage>({ maxSize: MAX_BYTES, sizeCalculation: (p) => p.bytes.length + p.gzip.length + p.br.length + 1024, ttl: MAX_AGE_MS });
  return {
    /** The kept page for a URL if it is still right, else undefined. */
    async find(url: string) {
      const page = pages.peek(url);
      if (!page) return undefined;
      const current = await listingsVersion();
      if (page.version !== current || (page.answers && !answersStillRight(page.answers))) {
        pages.delete(url);
        return undefined;
      }
      return pages.get(url);
    },
    /** What to note before rendering a page that may be kept. */
    async begin() {
      return { version: await listingsVersion(), answers: answerStamp() };
    },
    keep(url: string, page: KeptPage) {
      pages.set(url, page);
    },
    clear() {
      pages.clear();
    },
    /** Drops the pages past MAX_AGE_MS (lru-cache frees them only when next asked for). */
    dropExpired() {
      pages.purgeStale();
    },
    get size() {
      return pages.size;
    },
  };
}
export type PageCache = ReturnType<typeof createPageCache>;
