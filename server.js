// The HTTP server: starts the app (database, search, workers) from the Remix build, then
// serves it with Express on HOST:PORT (127.0.0.1:3000 by default).
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { existsSync } from "node:fs";

// A .env file (see .env.example) is read when present; real environment variables win.
if (existsSync(".env")) process.loadEnvFile(".env");

const build = await import("./build/index.js");
const { start, EnvError } = build.entry.module;

let app;
try {
  app = await start();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const { env } = app;

const server = express();
server.disable("x-powered-by");
// Behind a proxy in production; the first hop's X-Forwarded-For is the client.
server.set("trust proxy", env.isProduction ? 1 : false);
server.use(compression());

server.use((req, res, next) => {
  res.set({
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  });
  if (env.isProduction) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
});

// Cross-site request check on every non-GET request (docs/decisions/0003-passwords-and-sessions.md).
server.use((req, res, next) => {
  const requestOrigin = `${req.protocol}://${req.get("host")}`;
  const ok = app.isAllowedRequest(req.method, { origin: req.get("origin"), referer: req.get("referer") }, requestOrigin, req.path);
  if (ok) return next();
  res.status(403).type("text/plain; charset=utf-8").send("別のサイトからの送信は受け付けられません。ページを開き直してからお試しください。");
});

server.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
server.use(express.static("public", { maxAge: "1h" }));
server.all("*", createRequestHandler({ build, mode: env.NODE_ENV, getLoadContext: (req) => ({ clientIp: req.ip ?? "unknown" }) }));

const listener = server.listen(env.PORT, env.HOST, () => {
  console.log(`GM Network is running at ${env.APP_URL} (listening on ${env.HOST}:${env.PORT})`);
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`[stop] ${signal}: closing`);
  listener.close();
  await app.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
