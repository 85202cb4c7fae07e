import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { clearSearchCache, dropExpiredSearchAnswers } from "../../search/cache.server";
import { startIdleCollection, whenLongQuiet } from "./idle-memory.server";
import { flushFigures } from "../facilities/figures.server";
import { applyIndexSettings, breaker, configureSearch } from "../../search/client.server";
import { dropMemoryFallback, loadListingCodes } from "../../search/fallback-memory.server";
import { compareIndex, indexLooksUnusable, rebuildIndex } from "../../search/rebuild.server";
import { setSiteAnswers } from "../../search/search.server";
import { startMeilisearch, type MeilisearchProcess } from "../../search/meilisearch-process.server";
import { DataLockError } from "../utils/data-lock.server";
import { connectDatabase, databaseKind, disconnectDatabase, embeddedDataDir, migrateDatabase } from "../utils/db.server";
import { startAdminServer } from "./admin.server";
import { seedDemoData } from "./demo-seed.server";
import { getEnv, localSecret } from "../utils/env.server";
import { syncReferenceData } from "../utils/reference-data.server";
import { isSameOriginRequest, ORIGIN_EXEMPT } from "../utils/request.server";
import { startWorkers } from "./workers.server";

/**
 * Everything the server does before it accepts requests, in order, and the matching shutdown.
 * server.js calls `start()` from the built bundle (exported by entry.server).
 */
export async function start({ log = console.log }: { log?: (line: string) => void } = {}) {
  const env = getEnv(); // throws EnvError naming each bad variable
  log(`[start] database: ${databaseKind()}${databaseKind() === "pglite" ? ` (${env.DATABASE_URL.slice(7)})` : ""}`);
  // A second process on the same embedded data stops here, before it touches Meilisearch's folder
  // (whose leftover process a start stops).
  connectDatabase();
  // The embedded Meilisearch starts (a child process, most of a second) while the database is
  // opened: neither needs the other. A start that fails is reported below, as before.
  const meiliStarting = env.MEILI_HOST
    ? null
    : Promise.resolve()
        .then(() =>
          startMeilisearch({
            dataDir: path.join(env.DATA_DIR, "meilisearch"),
            masterKey: localSecret(env.DATA_DIR, "meili-master-key"),
            binary: env.MEILI_BINARY,
            port: 7700,
            maxIndexingMemory: env.MEILI_MAX_INDEXING_MEMORY,
            maxIndexingThreads: env.MEILI_MAX_INDEXING_THREADS,
            log,
          }),
        )
        .then(
          (started) => ({ started }),
          (error: Error) => ({ error }),
        );
  try {
    const ran = await openDatabase(log);
    log(`[start] migrations: ${ran.length ? `applied ${ran.join(", ")}` : "up to date"}`);
    await syncReferenceData();
    if (env.DEMO_DATA === "auto" && databaseKind() === "pglite") await seedDemoData(log);
  } catch (error) {
    // The site does not start: nor does its Meilisearch stay behind.
    const meili = await meiliStarting;
    if (meili && "started" in meili) await meili.started.stop();
    throw error;
  }

  let meili: MeilisearchProcess | null = null;
  try {
    if (env.MEILI_HOST) {
      configureSearch({ host: env.MEILI_HOST, apiKey: env.MEILI_MASTER_KEY, indexPrefix: env.MEILI_INDEX_PREFIX });
    } else {
      const started = (await meiliStarting)!;
      if ("error" in started) throw started.error;
      meili = started.started;
      configureSearch({ host: meili.host, apiKey: meili.masterKey, indexPrefix: env.MEILI_INDEX_PREFIX });
      log(`[start] meilisearch: child process ${meili.pid} at ${meili.host}`);
    }
    await applyIndexSettings();
    await startIndexCheck(log);
    // The table searches without words are answered from; until it is loaded, Meilisearch answers them.
    setSiteAnswers(env.SEARCH_SITE_ANSWERS === "on");
    if (env.SEARCH_SITE_ANSWERS === "on") {
      const t = Date.now();
      void loadListingCodes().then((n) => n !== null && log(`[search] listing codes: ${n} listings in memory in ${Date.now() - t} ms`));
    }
  } catch (error) {
    // The site still works without search; /healthz shows it.
    log(`[start] warning: search unavailable: ${(error as Error).message}`);
  }

  const stopWorkers = env.WORKERS === "on" ? startWorkers() : async () => {};
  // On the embedded database the command-line tools cannot open it while the site runs: they ask
  // the site through a local socket instead (admin.server.ts).
  const embedded = embeddedDataDir();
  const stopAdmin = embedded ? startAdminServer(embedded, log) : async () => {};
  const allowedOrigins = [new URL(env.APP_URL).origin];
  const stopIdleCollection = startIdleCollection();
  const stopPurgingAnswers = whenLongQuiet(dropExpiredSearchAnswers);

  return {
    env,
    /** The Origin check server.js applies to every request (exemptions: ORIGIN_EXEMPT). */
    isAllowedRequest(method: string, headers: { origin?: string; referer?: string }, requestOrigin: string, pathname: string) {
      return isSameOriginRequest(method, headers, [...allowedOrigins, requestOrigin], pathname, ORIGIN_EXEMPT);
    },
    async stop() {
      stopIdleCollection();
      stopPurgingAnswers();
      await stopAdmin();
      await stopWorkers();
      // The last few seconds of page views and appearances.
      await flushFigures().catch(() => undefined);
      await meili?.stop();
      await disconnectDatabase();
    },
  };
}

/**
 * An index that does not match the database (a new Meilisearch data directory, a restored
 * database backup, another SEARCH_DOCUMENT_VERSION) is rebuilt in the background. Meanwhile
 * searches are answered by the fallback, which reads the database, and /healthz says
 * "rebuilding": an empty or half-built index must not make the directory look empty.
 */
/**
 * Checks the index against the database, and rebuilds it when it differs. Start-up waits only
 * for a quick look (indexLooksUnusable): an index that is empty or of another version is not used
 * from the first request. The full comparison reads every id (about a second at 113,000
 * listings) and runs while the site already answers.
 */
export async function startIndexCheck(log: (line: string) => void = () => {}) {
  try {
    if (await indexLooksUnusable()) breaker.rebuilding = true;
  } catch (error) {
    log(`[search] warning: could not check the index: ${(error as Error).message}`);
    return;
  }
  void fullIndexCheck(log);
}

async function fullIndexCheck(log: (line: string) => void) {
  let diff;
  try {
    diff = await compareIndex();
  } catch (error) {
    breaker.rebuilding = false; // the breaker decides from Meilisearch's answers
    log(`[search] warning: could not check the index: ${(error as Error).message}`);
    return;
  }
  if (diff.inSync) {
    breaker.rebuilding = false;
    return;
  }
  log(`[search] index differs from the database (${diff.missing.length} missing, ${diff.extra.length} extra, ${diff.stale.length} stale): rebuilding`);
  // An index missing much of the directory (a new Meilisearch, a new fold) is not used until it
  // is rebuilt; a few listings behind are left to the outbox and the rebuild.
  breaker.rebuilding = diff.indexed === 0 || diff.missing.length + diff.stale.length > diff.published * 0.05;
  void rebuildIndex()
    .then(({ count, seconds }) => log(`[search] rebuilt: ${count} documents in ${seconds.toFixed(1)} s`))
    .catch((error) => log(`[search] warning: could not rebuild the index: ${(error as Error).message}`))
    .finally(() => {
      breaker.rebuilding = false;
      clearSearchCache();
      dropMemoryFallback();
    });
}

/**
 * An embedded database that cannot be opened (damaged files) stops the start with a message that
 * names the newest backup and how to restore it, not a stack trace.
 */
export class EmbeddedDatabaseError extends Error {}

async function openDatabase(log: (line: string) => void) {
  try {
    return await migrateDatabase(log);
  } catch (error) {
    const dir = embeddedDataDir();
    if (!dir || error instanceof DataLockError) throw error;
    const location = getEnv().DATABASE_URL.slice("pglite:".length);
    const backups = path.join(getEnv().DATA_DIR, "backups");
    const newest = existsSync(backups) ? readdirSync(backups).filter((f) => f.endsWith(".tar.gz")).sort().at(-1) : undefined;
    const restore = newest
      ? [`最新のバックアップ: ${path.join(backups, newest)}`, `復元するには / to restore it:  mv ${location} ${location}.broken && npm run db:restore -- ${path.join(backups, newest)}`]
      : ["バックアップが見つかりません（npm run db:backup で作成できます）。/ No backup was found in " + backups + "."];
    throw new EmbeddedDatabaseError(
      [
        `埋め込みデータベース（${location}）を開けませんでした。ファイルが壊れている可能性があります。`,
        `The embedded database in ${location} could not be opened; its files may be damaged.`,
        `(${(error as Error).message.split("\n")[0]})`,
        ...restore,
      ].join("\n"),
    );
  }
}
