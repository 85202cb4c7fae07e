import { get as httpGet } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES, createHttpServer, formBodyProblem, urlProblem } from "~/server/http.server";
import { parseEnv } from "~/utils/env.server";
import { isSameOriginRequest, ORIGIN_EXEMPT } from "~/utils/request.server";

/** The HTTP gate in front of Remix, with a stand-in for Remix that echoes what reached it. */
let server: Server | undefined;
function stop() {
  const current = server;
  server = undefined;
  current?.closeAllConnections();
  return new Promise<void>((resolve) => (current ? current.close(() => resolve()) : resolve()));
}
afterEach(stop);

async function start(envOverrides: Record<string, string> = {}, body?: () => BodyInit) {
  const env = parseEnv({ DATA_DIR: "/tmp/gm-http-test", SESSION_SECRET: "x".repeat(40), ...envOverrides });
  const seen: Array<{ url: string; clientIp: string; body: string; origin: string | null }> = [];
  const app = {
    env,
    isAllowedRequest: (method: string, headers: { origin?: string; referer?: string }, requestOrigin: string, pathname: string) =>
      isSameOriginRequest(method, headers, [requestOrigin], pathname, ORIGIN_EXEMPT),
  };
  const http = createHttpServer({
    app,
    handler: async (request, context) => {
      seen.push({ url: request.url, clientIp: context.clientIp, body: request.body ? await request.text() : "", origin: request.headers.get("origin") });
      return new Response(body ? body() : `<!DOCTYPE html><html><body><script nonce="${context.cspNonce}">1</script></body></html>`, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    },
  });
  server = http.listen(0, "127.0.0.1");
  await new Promise((r) => server!.once("listening", r));
  const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  return { base, seen };
}

const form = (base: string, path: string, body: string | Buffer, type = "application/x-www-form-urlencoded", headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: "POST", headers: { Origin: base, "Content-Type": type, ...headers }, body: body as BodyInit });

/** The raw bytes on the wire (fetch would decompress them), with when each piece arrived. */
function rawGet(url: string, encoding: string) {
  return new Promise<{ encoding: string | undefined; bytes: Buffer; arrivals: number[] }>((resolve, reject) => {
    const started = Date.now();
    const req = httpGet(url, { headers: { "Accept-Encoding": encoding } }, (res) => {
      const chunks: Buffer[] = [];
      const arrivals: number[] = [];
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        arrivals.push(Date.now() - started);
      });
      res.on("end", () => resolve({ encoding: res.headers["content-encoding"], bytes: Buffer.concat(chunks), arrivals }));
    });
    req.on("error", reject);
  });
}

/** A page as React streams it: many small pieces, some Japanese, a pause when `pauseMs` is set. */
function pageStream({ pieces = 60, pauseMs = 0 } = {}) {
  const encoder = new TextEncoder();
  return () =>
    new ReadableStream<Uint8Array>({
      async start(controller) {
        for (let i = 0; i < pieces; i++) {
          if (pauseMs && i === pieces / 2) await new Promise((r) => setTimeout(r, pauseMs));
          else await Promise.resolve();
          controller.enqueue(encoder.encode(`<li class="rounded-lg border border-stone-200 bg-white p-4">医療法人社団 髙橋会 山﨑記念病院 第${i}分院（茨城県つくば市）総合医を目指す先生を歓迎します</li>`));
        }
        controller.close();
      },
    });
}

describe("compression", () => {
  it("compresses a page in one piece (within 10 % of gzipping it whole), and uses Brotli when the browser accepts it", async () => {
    const { base } = await start({}, pageStream());
    const gz = await rawGet(`${base}/search`, "gzip");
    expect(gz.encoding).toBe("gzip");
    const page = gunzipSync(gz.bytes);
    expect(page.toString("utf8")).toContain("第59分院");
    expect(gz.bytes.length).toBeLessThanOrEqual(Math.ceil(gzipSync(page).length * 1.1));
    const br = await rawGet(`${base}/search`, "gzip, deflate, br");
    expect(br.encoding).toBe("br");
    expect(brotliDecompressSync(br.bytes).equals(page)).toBe(true);
  });

  it("still sends what is ready when the page waits for data (a stream is flushed when it pauses)", async () => {
    const { base } = await start({}, pageStream({ pauseMs: 400 }));
    const gz = await rawGet(`${base}/search`, "gzip");
    // The first half arrived well before the second.
    expect(gz.arrivals[0]!).toBeLessThan(gz.arrivals.at(-1)! - 300);
    expect(gunzipSync(gz.bytes).toString("utf8")).toContain("第59分院");
  });
});

describe("the HTTP gate", () => {
  it("gives every page a CSP with a fresh nonce that the page's inline scripts carry", async () => {
    const { base } = await start();
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${base}/`);
      const csp = response.headers.get("content-security-policy")!;
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      expect(await response.text()).toContain(`<script nonce="${nonce}">`);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("'unsafe-inline' 'self'"); // scripts: nonce only
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(3);
  });

  it("sends HSTS in production only, and private no-store to a signed-in browser", async () => {
    const dev = await start();
    expect((await fetch(`${dev.base}/`)).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${dev.base}/`, { headers: { Cookie: "gm_session=abc" } })).headers.get("cache-control")).toBe("private, no-store");
    await stop();
    const prod = await start({ NODE_ENV: "production", APP_URL: "https://gm.example.jp", DATABASE_URL: "postgres://x@127.0.0.1/x", INVOICE_REGISTRATION_NUMBER: "T7123456789012" });
    const response = await fetch(`${prod.base}/`, { headers: { Cookie: "__Host-gm_session=abc" } });
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("answers 413 in Japanese to a body over the limit, before reading it", async () => {
    const { base, seen } = await start();
    const response = await form(base, "/login", Buffer.alloc(BODY_LIMIT_BYTES + 1, 97));
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("送信された内容が大きすぎます");
    expect(seen).toHaveLength(0);
    // A chunked body over the limit is cut off as it arrives.
    const big = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(97));
        controller.close();
      },
    });
    const chunked = await fetch(`${base}/login`, { method: "POST", headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" }, body: big, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("refuses other content types with 415, and hostile bytes with 400, before Remix sees them", async () => {
    const { base, seen } = await start();
    for (const type of ["application/json", "text/plain", "application/xml", "multipart/form-data; boundary=x"]) {
      const response = await form(base, "/login", "email=a", type);
      expect(response.status, type).toBe(415);
      expect(await response.text()).toContain("この形式の送信は受け付けられません");
    }
    for (const body of ["email=a%00b", "email=%FF%FE", "email=%ED%A0%80", "email=a%0Bb", "a%00=1", "email=%EF%BF%BD"]) {
      expect((await form(base, "/login", body)).status, body).toBe(400);
    }
    expect(seen).toHaveLength(0);
    // Text as people write it passes, tabs and line breaks included.
    const ok = await form(base, "/facility/x", new URLSearchParams({ stance: "地域で\t総合医を\r\n育てます。髙橋🏥" }).toString());
    expect(ok.status).toBe(200);
    expect(new URLSearchParams(seen[0]!.body).get("stance")).toBe("地域で\t総合医を\r\n育てます。髙橋🏥");
  });

  it("takes JSON on the webhooks, multipart on one-click unsubscribe, and hands them on without a foreign Origin", async () => {
    const { base, seen } = await start();
    expect((await form(base, "/webhooks/stripe", '{"id":"evt_1"}', "application/json", { Origin: "https://stripe.example" })).status).toBe(200);
    const multipart = new FormData();
    multipart.set("List-Unsubscribe", "One-Click");
    const unsubscribe = await fetch(`${base}/alerts/unsubscribe/token`, { method: "POST", headers: { Origin: "https://mail.example" }, body: multipart });
    expect(unsubscribe.status).toBe(200);
    expect(seen.map((s) => [new URL(s.url).pathname, s.origin])).toEqual([
      ["/webhooks/stripe", null],
      ["/alerts/unsubscribe/token", null],
    ]);
  });

  it("refuses URLs with NUL, control characters, broken percent-encoding or the old ?_data= form", async () => {
    const { base, seen } = await start();
    for (const path of ["/facilities/a%00b", "/search?q=%00", "/search?q=%E3%81", "/search?q=%ZZ", "/search?_data=routes%2Fsearch", "/api/search?q=a%0Ab%07"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(400);
    }
    expect(await (await fetch(`${base}/api/search?_data=x`)).json()).toEqual({ error: expect.stringContaining("読み取れませんでした") });
    expect(seen).toHaveLength(0);
    expect((await fetch(`${base}/search?q=${encodeURIComponent("渡邉　内科")}`)).status).toBe(200);
  });

  it("trusts X-Forwarded-For only as far as TRUST_PROXY says", async () => {
    const off = await start();
    await fetch(`${off.base}/`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
    expect(off.seen[0]!.clientIp).toBe("127.0.0.1");
    await stop();
    const one = await start({ TRUST_PROXY: "1" });
    await fetch(`${one.base}/`, { headers: { "X-Forwarded-For": "198.51.100.1, 203.0.113.9" } });
    expect(one.seen[0]!.clientIp).toBe("203.0.113.9"); // the hop the proxy added, not what the client claimed
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
  });
});

describe("the gate's checks", () => {
  it("read URLs and form bodies strictly", () => {
    expect(urlProblem("/search?q=%E6%B8%A1%E9%82%89")).toBeNull();
    expect(urlProblem("/a%00")).toBe(400);
    expect(urlProblem("/?_data=root")).toBe(400);
    expect(formBodyProblem(Buffer.from("a=%E3%81%82&b=c+d"))).toBeNull();
    expect(formBodyProblem(Buffer.from([0x61, 0x3d, 0xff]))).toBe(400); // raw invalid UTF-8
  });
});
