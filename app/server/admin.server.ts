import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { createSecretariat } from "~/accounts/create-secretariat.server";
import { dumpEmbeddedDatabase } from "~/utils/db.server";
import { compareIndex, rebuildIndex } from "../../search/rebuild.server";

/**
 * The site's local admin endpoint (docs/decisions/0012-embedded-data.md). The embedded database
 * can be opened by one process only, so while the site runs on it, the command-line tools ask the
 * site to do their work: an HTTP server on a Unix socket in the data directory (mode 0600, so only
 * the site's own user can connect), with a token in a 0600 file beside it. Nothing listens on a
 * network port.
 */
export const ADMIN_SOCKET = "admin.sock";
export const ADMIN_TOKEN = "admin-token";

type Handler = (body: Record<string, unknown>) => Promise<{ status?: number; json?: unknown; bytes?: Buffer }>;

const HANDLERS: Record<string, Handler> = {
  "/create-secretariat": async (body) => {
    const user = await createSecretariat({ email: String(body.email ?? ""), password: String(body.password ?? ""), displayName: body.name ? String(body.name) : undefined });
    return { json: { email: user.email } };
  },
  "/search/check": async () => ({ json: await compareIndex() }),
  "/search/rebuild": async () => ({ json: { ...(await rebuildIndex()), check: await compareIndex() } }),
  "/backup": async () => ({ bytes: await dumpEmbeddedDatabase() }),
};

export function startAdminServer(dataDir: string, log: (line: string) => void = console.log) {
  const socket = path.join(dataDir, ADMIN_SOCKET);
  const tokenFile = path.join(dataDir, ADMIN_TOKEN);
  const token = randomBytes(32).toString("hex");
  writeFileSync(tokenFile, token, { mode: 0o600 });
  if (existsSync(socket)) rmSync(socket); // left by a process that was killed (we hold the data lock)
  const expected = Buffer.from(`Bearer ${token}`);
  const server = http.createServer((req, res) => {
    const given = Buffer.from(req.headers.authorization ?? "");
    const handler = HANDLERS[req.url ?? ""];
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.writeHead(401).end();
    if (req.method !== "POST" || !handler) return void res.writeHead(404).end();
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      void (async () => {
        try {
          const result = await handler(raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
          if (result.bytes) res.writeHead(result.status ?? 200, { "Content-Type": "application/octet-stream" }).end(result.bytes);
          else res.writeHead(result.status ?? 200, { "Content-Type": "application/json" }).end(JSON.stringify(result.json ?? {}));
        } catch (error) {
          res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ error: (error as Error).message }));
        }
      })();
    });
  });
  server.listen(socket, () => {
    chmodSync(socket, 0o600);
    log(`[start] admin: command-line tools reach the site through ${socket}`);
  });
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      rmSync(socket, { force: true });
      rmSync(tokenFile, { force: true });
    });
}

/** For the command-line tools: the running site's admin endpoint, or null when no site holds the data. */
export function siteAdmin(dataDir: string) {
  const socket = path.join(dataDir, ADMIN_SOCKET);
  const tokenFile = path.join(dataDir, ADMIN_TOKEN);
  if (!existsSync(socket) || !existsSync(tokenFile)) return null;
  const token = readFileSync(tokenFile, "utf8").trim();
  return {
    call(route: string, body: Record<string, unknown> = {}): Promise<{ status: number; data: Buffer }> {
      return new Promise((resolve, reject) => {
        const payload = JSON.stringify(body);
        const req = http.request(
          { socketPath: socket, path: route, method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, data: Buffer.concat(chunks) }));
          },
        );
        req.on("error", reject);
        req.end(payload);
      });
    },
  };
}
