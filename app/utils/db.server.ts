import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { getEnv } from "./env.server";
import { loadOnUse } from "./load-on-use.server";
import { acquireDataLock } from "./data-lock.server";
import { applyMigrations, pgliteRunner, withPostgresRunner } from "./migrate.server";

/**
 * The one Prisma client of the process. DATABASE_URL decides the driver:
 * postgres:// → @prisma/adapter-pg; pglite:<dir> or pglite:memory → PGlite in-process
 * (one process only: PGlite is not a server).
 */
// Only the embedded database needs these (PostgreSQL deployments never load them).
const pgliteModule = loadOnUse<typeof import("@electric-sql/pglite")>("@electric-sql/pglite");
const pgliteAdapterModule = loadOnUse<typeof import("pglite-prisma-adapter")>("pglite-prisma-adapter");

type Handle = { prisma: PrismaClient; pglite?: PGlite; url: string; releaseLock?: () => void };

const globalForDb = globalThis as unknown as { __gmDb?: Handle };

export function isPostgresUrl(url: string) {
  return /^(postgres|postgresql):\/\//.test(url);
}

function pgliteLocation(url: string): string | undefined {
  const rest = url.slice("pglite:".length);
  return rest === "memory" || rest === "" ? undefined : path.resolve(rest);
}

/**
 * PGlite's start parameters, with PostgreSQL's shared buffers at 16 MB instead of the 128 MB its
 * data directory's postgresql.conf asks for: PGlite zeroes the whole pool inside its WebAssembly
 * memory at every start, which took 0.3–0.4 s of a 3 s restart, and all of it stays resident (the
 * demo site's RSS: 440 MB with 128 MB, 310 with 32, 290 with 16). The embedded database is small
 * (the demo's is 40 MB on disk); what does not fit is read from the operating system's cache. A
 * PostgreSQL server is configured by its operator as usual.
 */
function pgliteOptions(PGliteClass: typeof PGlite) {
  return { startParams: [...PGliteClass.defaultStartParams, "-c", "shared_buffers=16MB"] };
}

function createHandle(url: string): Handle {
  const { SLOW_QUERY_MS } = getEnv();
  let pglite: PGlite | undefined;
  let adapter;
  let releaseLock: (() => void) | undefined;
  if (isPostgresUrl(url)) {
    adapter = new PrismaPg({ connectionString: url, max: 10 });
  } else {
    const location = pgliteLocation(url);
    // One process at a time on an embedded database: refuse before opening it (data-lock.server.ts).
    if (location) releaseLock = acquireDataLock(path.dirname(location), describeProcess());
    const { PGlite } = pgliteModule();
    pglite = new PGlite(location, pgliteOptions(PGlite));
    adapter = new (pgliteAdapterModule().PrismaPGlite)(pglite);
  }
  const prisma = new PrismaClient({
    adapter,
    log: [
      { level: "query", emit: "event" },
      { level: "error", emit: "stdout" },
      { level: "warn", emit: "stdout" },
    ],
  });
  prisma.$on("query", (e) => {
    if (SLOW_QUERY_MS > 0 && e.duration >= SLOW_QUERY_MS) {
      console.warn(`[db] slow query ${e.duration}ms: ${e.query.slice(0, 300)}`);
    }
  });
  return { prisma, pglite, url, releaseLock };
}

/** What the lock file says holds the database: "npm start", "npm run create-secretariat" … */
function describeProcess() {
  const script = process.env.npm_lifecycle_event;
  return script ? `npm run ${script}` : process.argv.slice(1).map((a) => path.basename(a)).join(" ");
}

function handle(): Handle {
  const url = getEnv().DATABASE_URL;
  if (!globalForDb.__gmDb || globalForDb.__gmDb.url !== url) {
    globalForDb.__gmDb = createHandle(url);
  }
  return globalForDb.__gmDb;
}

/**
 * `prisma` forwards to the process's client, created on first use from the validated env.
 * A proxy keeps call sites as plain `prisma.user.findUnique(...)`.
 */
export const prisma = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = handle().prisma;
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * Creates the process's client now: on the embedded database this takes its lock (or throws
 * DataLockError, another process holds it) before the start does anything else with the data folder.
 */
export function connectDatabase() {
  handle();
}

/** Applies prisma/migrations to the configured database (idempotent, safe across processes). */
export async function migrateDatabase(log: (line: string) => void = () => {}) {
  const h = handle();
  if (h.pglite) {
    return applyMigrations(pgliteRunner(h.pglite), log);
  }
  return withPostgresRunner(h.url, (runner) => applyMigrations(runner, log));
}

/** The directory holding the embedded database (its lock, admin socket and backups), or null. */
export function embeddedDataDir(url = getEnv().DATABASE_URL): string | null {
  if (isPostgresUrl(url)) return null;
  const location = pgliteLocation(url);
  return location ? path.dirname(location) : null;
}

/** A consistent copy of the embedded database (PGlite's own dump of its data directory, gzipped). */
export async function dumpEmbeddedDatabase(): Promise<Buffer> {
  const h = handle();
  if (!h.pglite) throw new Error("Not an embedded database: use pg_dump");
  const file = await h.pglite.dumpDataDir("gzip");
  return Buffer.from(await file.arrayBuffer());
}

/** Restores a dump made by dumpEmbeddedDatabase into `location`, which must be empty or absent. */
export async function restoreEmbeddedDatabase(location: string, dump: Buffer) {
  const { PGlite } = pgliteModule();
  const pglite = await PGlite.create(location, { ...pgliteOptions(PGlite), loadDataDir: new Blob([new Uint8Array(dump)]) });
  await pglite.query("SELECT 1");
  await pglite.close();
}

export function databaseKind(): "postgres" | "pglite" {
  return isPostgresUrl(getEnv().DATABASE_URL) ? "postgres" : "pglite";
}

export async function disconnectDatabase() {
  const h = globalForDb.__gmDb;
  if (!h) return;
  globalForDb.__gmDb = undefined;
  await h.prisma.$disconnect();
  if (h.pglite && !h.pglite.closed) await h.pglite.close();
  h.releaseLock?.();
}
