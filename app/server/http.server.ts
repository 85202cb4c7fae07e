import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import helmet from "helmet";
import Negotiator from "negotiator";
import type { Env } from "~/utils/env.server";
import { warnThrottled } from "~/utils/log.server";
import { ORIGIN_EXEMPT } from "~/utils/request.server";
import { recordPage, type PageRecord } from "~/utils/page-replay.server";
import { sessionCookieName } from "~/utils/session.server";
import { createPageCache, isKeepablePage, keptPage, type KeptPage } from "./page-cache.server";
import { searchApiAnswer } from "./search-api.server";
import { noteRequest, whenLongQuiet } from "./idle-memory.server";

/**
 * The HTTP server in front of Remix (docs/decisions/0011-http-hardening.md): security headers
 * with a per-request CSP nonce, the Origin check, and a gate every request passes before any
 * route code runs. Hostile input gets a 4xx with a Japanese message (JSON for the API and
 * webhooks), never a 5xx, and nothing of it reaches the database:
 * - a URL whose path or query is not valid UTF-8 percent-encoding, or holds a control character
 *   (NUL included): 400; the old `?_data=` form of Remix data requests: 400;
 * - a body larger than BODY_LIMIT_BYTES: 413; a content type other than a form
 *   (application/x-www-form-urlencoded; JSON on the webhooks): 415;
 * - a form body that is not valid UTF-8, or whose values hold NUL, U+FFFD or other control
 *   characters: 400.
 * The body is read here once, so Remix gets it whole (the Stripe signature is checked on these
 * very bytes).
 */
export const BODY_LIMIT_BYTES = 256 * 1024;
/** A photo upload: one file of at most 10 MB (checked with a message by the route) and its texts. */
export const PHOTO_UPLOAD_PATH = /^\/facility\/facilities\/[^/]+\/photos(\.data)?$/; // .data: the same post from Remix with JavaScript
export const PHOTO_BODY_LIMIT_BYTES = 12 * 1024 * 1024;
/** The secretariat's application-form CSV: one file of at most 10 MB (checked with a message by the route). */
export const IMPORT_UPLOAD_PATH = /^\/secretariat\/imports(\/|\.data)?$/;
/** Content types accepted besides a plain form, by path. */
const OTHER_BODY_TYPES: Array<[RegExp, string[]]> = [
  [/^\/webhooks\//, ["application/json"]],
  // RFC 8058 one-click unsubscribe: mail programs SHOULD post multipart/form-data (the body is
  // not read; the link's token is the authority).
  [/^\/alerts\/unsubscribe\//, ["multipart/form-data"]],
  [/^\/unsubscribe\//, ["multipart/form-data"]],
  [PHOTO_UPLOAD_PATH, ["multipart/form-data"]],
  [IMPORT_UPLOAD_PATH, ["multipart/form-data"]],
];

export type StartedApp = {
  env: Env;
  isAllowedRequest(method: string, headers: { origin?: string; referer?: string }, requestOrigin: string, pathname: string): boolean;
};
type Handler = (request: Request, loadContext: { clientIp: string; cspNonce: string }) => Promise<Response>;

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

const MESSAGES = {
  400: "送信された内容を読み取れませんでした。使用できない文字が含まれていないかご確認のうえ、ページを開き直してからお試しください。",
  403: "別のサイトからの送信は受け付けられません。ページを開き直してからお試しください。",
  411: "送信内容の長さが分からないため受け付けられません。ページを開き直してからお試しください。",
  413: "送信された内容が大きすぎます。文章を短くするか、写真は10MB以下のファイルを選んでからお試しください。",
  415: "この形式の送信は受け付けられません。ページのフォームからお試しください。",
} as const;

/** What a request that failed inside the site is answered (its cause is logged). */
const SERVER_ERROR = "エラーが発生しました。時間をおいてからもう一度お試しください。";

function wantsJson(req: ExpressRequest) {
  return req.path.startsWith("/api/") || req.path.startsWith("/webhooks/") || req.path.endsWith(".data") || (req.get("accept") ?? "").includes("application/json");
}

export function refuse(req: ExpressRequest, res: ExpressResponse, status: keyof typeof MESSAGES) {
  const message = MESSAGES[status];
  res.status(status).set("Cache-Control", "no-store");
  if (wantsJson(req)) return res.json({ error: message });
  return res
    .type("text/html; charset=utf-8")
    .send(
      `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>送信できませんでした｜GMネットワーク</title></head>` +
        `<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.7"><h1>送信できませんでした</h1><p>${message}</p><p><a href="/">トップページへ戻る</a></p></body></html>`,
    );
}

/** Path and query must decode as UTF-8 with no control character; `_data` is refused. */
export function urlProblem(rawUrl: string): 400 | null {
  const [path = "", query = ""] = rawUrl.split(/\?(.*)/s, 2);
  try {
    if (CONTROL.test(decodeURIComponent(path))) return 400;
    for (const pair of query.split("&")) {
      if (!pair) continue;
      const [name = "", value = ""] = pair.split(/=(.*)/s, 2).map((p) => decodeURIComponent(p.replace(/\+/g, " ")));
      if (name === "_data" || CONTROL.test(name) || CONTROL.test(value)) return 400;
    }
  } catch {
    return 400; // malformed percent-encoding, or bytes that are not UTF-8
  }
  return null;
}

/** A form body: valid UTF-8, and no control character in any name or value (tab and newlines are text). */
export function formBodyProblem(body: Buffer): 400 | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    for (const [name, value] of new URLSearchParams(text)) if (CONTROL.test(name) || CONTROL.test(value)) return 400;
    // URLSearchParams turns percent-encoded bytes that are not UTF-8 into U+FFFD: caught above.
  } catch {
    return 400;
  }
  return null;
}

/** `keepPages`: keep public pages for visitors who are not signed in (page-cache.server.ts); on with the real build. */
export function createHttpServer({ app, build, handler, keepPages = !handler }: { app: StartedApp; build?: ServerBuild; handler?: Handler; keepPages?: boolean }) {
  const { env } = app;
  const handle: Handler = handler ?? createRequestHandler(build!, env.NODE_ENV);
  const server = express();
  server.disable("x-powered-by");
  // Behind a reverse proxy, TRUST_PROXY says how many hops to trust for the client's address;
  // off by default, so X-Forwarded-For cannot be used to dodge the per-address limits.
  server.set("trust proxy", env.TRUST_PROXY);

  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as ExpressResponse).locals.cspNonce}'`],
        // React writes style attributes; no inline <style> elements are used.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        // The fee is paid on Stripe's Checkout page, reached by a redirect after a form post.
        formAction: ["'self'", "https://checkout.stripe.com"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(env.isProduction ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: env.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    xFrameOptions: { action: "deny" },
  });
  server.use((req, res, next) => {
    noteRequest();
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  server.use(securityHeaders);
  server.use((_req, res, next) => {
    res.set("Permissions-Policy", PERMISSIONS_POLICY);
    next();
  });

  server.use((req, res, next) => (urlProblem(req.originalUrl) ? refuse(req, res, 400) : next()));

  // Cross-site request check on every non-GET request (docs/decisions/0003-passwords-and-sessions.md).
  server.use((req, res, next) => {
    const requestOrigin = `${req.protocol}://${req.get("host")}`;
    const ok = app.isAllowedRequest(req.method, { origin: req.get("origin"), referer: req.get("referer") }, requestOrigin, req.path);
    return ok ? next() : refuse(req, res, 403);
  });

  server.use(compression());
  server.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  server.use(express.static("public", { maxAge: "1h" }));

  // The body, read once, checked, and kept for Remix.
  server.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const length = req.get("content-length");
    const chunked = (req.get("transfer-encoding") ?? "").includes("chunked");
    if (!length && !chunked) return next(); // no body
    const limit = PHOTO_UPLOAD_PATH.test(req.path) || IMPORT_UPLOAD_PATH.test(req.path) ? PHOTO_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
    if (length && Number(length) > limit) return refuse(req, res, 413);
    const type = (req.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const accepted = OTHER_BODY_TYPES.filter(([re]) => re.test(req.path)).flatMap(([, types]) => types);
    if (type !== "application/x-www-form-urlencoded" && !accepted.includes(type)) return refuse(req, res, 415);
    express.raw({ type: () => true, limit })(req, res, (error?: unknown) => {
      if (error) {
        const status = (error as { status?: number }).status;
        return refuse(req, res, status === 413 ? 413 : 400);
      }
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (type === "application/x-www-form-urlencoded" ? formBodyProblem(body) : type === "application/json" && !isUtf8(body)) return refuse(req, res, 400);
      res.locals.body = body;
      next();
    });
  });

  const sessionCookie = sessionCookieName(env.isProduction);
  const pageCache = createPageCache();
  // Pages past their time are dropped after a long quiet spell (held weakly: tests make many servers).
  const kept = new WeakRef(pageCache);
  const stopPurging = whenLongQuiet(() => {
    const cache = kept.deref();
    if (cache) cache.dropExpired();
    else stopPurging();
  });
  server.all("*", async (req, res, next) => {
    try {
      const nonce = res.locals.cspNonce as string;
      const keepable = keepPages && isKeepablePage(req.method, req.path, new URLSearchParams(req.originalUrl.split("?")[1] ?? ""), (req.get("cookie") ?? "").includes(`${sessionCookie}=`));
      if (keepable) {
        const kept = await pageCache.find(req.originalUrl);
        if (kept) return sendKeptPage(kept, req, res);
      }
      const controller = new AbortController();
      res.on("close", () => controller.abort());
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
        else if (value !== undefined) headers.set(key, value);
      }
      // Posts that legitimately come from elsewhere (webhooks, one-click unsubscribe) passed the
      // Origin check by their own authority; Remix would refuse a foreign Origin with a 500.
      if (ORIGIN_EXEMPT.some((re) => re.test(req.path))) headers.delete("origin");
      const body = res.locals.body as Buffer | undefined;
      const request = new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, {
        method: req.method,
        headers,
        signal: controller.signal,
        ...(body && req.method !== "GET" && req.method !== "HEAD" ? { body: body as unknown as BodyInit } : {}),
      });
      const loadContext = { clientIp: req.ip ?? "unknown", cspNonce: nonce };
      if (keepable) {
        const begun = await pageCache.begin();
        const record: PageRecord = { replays: [], usesSearch: false, keep: true };
        const response = await recordPage(record, () => handle(request, loadContext));
        const type = response.headers.get("content-type") ?? "";
        if (response.status === 200 && type.startsWith("text/html") && !response.headers.has("set-cookie") && record.keep && response.body) {
          const html = await response.text();
          const headers = [...response.headers.entries()];
          const page = keptPage({ html, status: response.status, headers, version: begun.version, answers: record.usesSearch ? begun.answers : null, replays: record.replays });
          pageCache.keep(req.originalUrl, page);
          return sendKeptPage(page, req, res, { replay: false });
        }
        return await sendResponse(response);
      }
      return await sendResponse(await handle(request, loadContext));
    } catch (error) {
      next(error);
    }

    async function sendResponse(response: Response) {
      res.status(response.status);
      res.statusMessage = response.statusText;
      for (const [key, value] of response.headers.entries()) if (key !== "set-cookie") res.append(key, value);
      for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
      // A signed-in page is for one person: never kept by a browser or a proxy. A public,
      // content-addressed file (a published listing's photo) is the same for everyone.
      const shared = /\bpublic\b.*\bimmutable\b/.test(response.headers.get("cache-control") ?? "");
      if (!shared && (req.get("cookie") ?? "").includes(`${sessionCookie}=`)) res.set("Cache-Control", "private, no-store");
      if (response.body && req.method !== "HEAD") await pipeBody(response.body, res);
      else res.end();
    }
  });

  // Anything that still escaped: logged (once a minute per kind), a short Japanese page.
  server.use((error: unknown, req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    warnThrottled("http-error", `[http] ${req.method} ${req.path}: ${(error as Error)?.message ?? error}`);
    if (res.headersSent) return res.end();
    res.status(500).type("text/plain; charset=utf-8").send(SERVER_ERROR);
  });

  // The search API is answered in front of Express (searchApiFront); everything else goes through it.
  const searchApi = searchApiFront(apiHeaders(securityHeaders));
  return http.createServer((req, res) => (isSearchApi(req) ? searchApi(req, res) : server(req, res)));
}

const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()";
/** What the search API allows a browser to do with its JSON: nothing but read it. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

function isSearchApi(req: IncomingMessage) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const path = req.url!.split("?", 1)[0];
  return path === "/api/search" || path === "/api/search/";
}

/**
 * The headers helmet sets on every answer (one configuration for pages and the API), read once,
 * with the API's own Content-Security-Policy: its answers carry no script to allow.
 */
function apiHeaders(securityHeaders: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void) {
  const headers = new Map<string, string>();
  const recorder = {
    locals: { cspNonce: "" },
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  securityHeaders({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  headers.set("content-security-policy", API_CSP);
  headers.set("permissions-policy", PERMISSIONS_POLICY);
  headers.set("cache-control", "no-store");
  headers.set("vary", "Accept-Encoding");
  return [...headers];
}

/**
 * GET /api/search, answered in front of Express: the API is the site's busiest uncached request
 * (every filter change on the search page), and Express's request setup, its middleware and the
 * compression stream cost about a tenth of its time (docs/decisions/0015). The same rules as
 * every request: the URL gate (urlProblem), the security headers, compression when accepted
 * (Brotli first, as for pages), errors logged and answered with a Japanese message.
 */
function searchApiFront(headers: Array<[string, string]>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    noteRequest();
    for (const [name, value] of headers) res.setHeader(name, value);
    const send = (status: number, body: unknown) => {
      const json = Buffer.from(JSON.stringify(body));
      // Brotli whenever accepted (browsers list it after gzip), as for pages; nothing under 1 KB.
      const accepted = json.length >= 1024 ? new Negotiator(req).encodings(["br", "gzip"]) : [];
      const encoding = accepted.includes("br") ? "br" : accepted.includes("gzip") ? "gzip" : "identity";
      const bytes =
        encoding === "br" ? brotliCompressSync(json, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: json.length } })
        : encoding === "gzip" ? gzipSync(json)
        : json;
      res.statusCode = status;
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      if (encoding === "br" || encoding === "gzip") res.setHeader("Content-Encoding", encoding);
      res.setHeader("Content-Length", bytes.length);
      res.end(req.method === "HEAD" ? undefined : bytes);
    };
    if (urlProblem(req.url!)) return send(400, { error: MESSAGES[400] });
    const visit = { headers: { get: (name: string) => headerOf(req, name) } };
    searchApiAnswer(new URLSearchParams(req.url!.split(/\?(.*)/s, 2)[1] ?? ""), visit).then(
      ({ status, body }) => send(status, body),
      (error: unknown) => {
        warnThrottled("http-error", `[http] ${req.method} /api/search: ${(error as Error)?.message ?? error}`);
        if (res.headersSent) return res.end();
        send(500, { error: SERVER_ERROR });
      },
    );
  };
}

function headerOf(req: IncomingMessage, name: string) {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/**
 * A kept public page (page-cache.server.ts): its bytes as kept, compressed once, with its inline
 * scripts allowed by hash; counted as its first serving was (not again for that first serving).
 */
function sendKeptPage(page: KeptPage, req: ExpressRequest, res: ExpressResponse, { replay = true } = {}) {
  if (replay && page.replays.length > 0) {
    const request = new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, { headers: req.headers as Record<string, string> });
    for (const replay of page.replays) replay(request);
  }
  res.status(page.status);
  for (const [key, value] of page.headers) res.append(key, value);
  const csp = res.getHeader("Content-Security-Policy");
  if (typeof csp === "string" && page.scriptHashes) res.setHeader("Content-Security-Policy", csp.replace("script-src 'self'", `script-src 'self' ${page.scriptHashes}`));
  res.vary("Accept-Encoding");
  // Brotli whenever accepted (browsers list it after gzip), else gzip, else the page as it is.
  const encoding = req.acceptsEncodings("br") ? "br" : req.acceptsEncodings("gzip") ? "gzip" : undefined;
  const body = encoding === "br" ? page.br : encoding === "gzip" ? page.gzip : page.bytes;
  if (encoding) res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", body.length);
  res.end(body);
}

/**
 * Writes a response body through compression. A flush forces the compressor to end its block,
 * so flushing after every chunk (as Remix's own writer does) sends a page as dozens of small,
 * badly compressed pieces. Here the compressor is flushed only when the stream goes quiet (no
 * chunk for FLUSH_QUIET_MS, or FLUSH_MAX_MS since the last flush while data waits): a page
 * rendered at once, with Remix's data streamed in right behind it, is compressed in one piece, and
 * a stream that really waits for data still sends what it has. Backpressure is respected.
 */
const FLUSH_QUIET_MS = 15;
const FLUSH_MAX_MS = 50;

export async function pipeBody(body: ReadableStream<Uint8Array>, res: ExpressResponse) {
  const reader = body.getReader();
  const flushable = res as ExpressResponse & { flush?: () => void };
  let timer: NodeJS.Timeout | null = null;
  let unflushedSince = 0;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    unflushedSince = 0;
    flushable.flush?.();
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => res.once("drain", resolve).once("close", resolve));
      const now = Date.now();
      unflushedSince ||= now;
      if (now - unflushedSince >= FLUSH_MAX_MS) flush();
      else {
        if (timer) clearTimeout(timer);
        timer = setTimeout(flush, FLUSH_QUIET_MS);
      }
    }
  } catch (error) {
    await reader.cancel(error).catch(() => undefined);
    if (!res.destroyed) throw error; // a client that went away is not an error
  } finally {
    if (timer) clearTimeout(timer);
    res.end();
  }
}

function isUtf8(body: Buffer) {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}
