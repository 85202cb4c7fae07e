// The HTTP server: starts the app (database, search, workers) from the Remix build, then
// serves it on HOST:PORT (127.0.0.1:3000 by default). What stands in front of Remix (security
// headers, the Origin check, the request gate) is app/server/http.server.ts.
import { existsSync } from "node:fs";

// A .env file (see .env.example) is read when present; real environment variables win.
if (existsSync(".env")) process.loadEnvFile(".env");

// `npm start` with no NODE_ENV: React and Remix run in production mode (1.4–2× faster than
// development mode) while the site stays the local, key-less one (APP_ENV=local: development
// mailbox, generated secrets). A deployment sets NODE_ENV=production itself; `npm run dev` sets
// development. This has to happen before the build (and React with it) is loaded.
if (!process.env.NODE_ENV) {
  process.env.NODE_ENV = "production";
  process.env.APP_ENV ||= "local";
}

const build = await import("./build/index.js");
const { start, EnvError, DataLockError, EmbeddedDatabaseError, createHttpServer } = build.entry.module;

let app;
try {
  app = await start();
} catch (error) {
  if (error instanceof EnvError || error instanceof DataLockError || error instanceof EmbeddedDatabaseError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const { env } = app;

const listener = createHttpServer({ app, build }).listen(env.PORT, env.HOST, () => {
  console.log(`GM Network is running at ${env.APP_URL} (listening on ${env.HOST}:${env.PORT})`);
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`[stop] ${signal}: closing`);
  listener.close();
  listener.closeIdleConnections?.();
  await app.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
