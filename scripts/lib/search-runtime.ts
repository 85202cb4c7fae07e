import path from "node:path";
import { applyIndexSettings, configureSearch } from "../../search/client.server";
import { startMeilisearch } from "../../search/meilisearch-process.server";
import { getEnv, localSecret } from "../../app/utils/env.server";
import { runningSite } from "./running-site";

/**
 * Search for command-line tools: MEILI_HOST when set; otherwise the embedded Meilisearch on the
 * site's own data directory (stop the site first: its data and PGlite are single-process).
 */
export async function connectSearch(log: (line: string) => void = console.log) {
  const env = getEnv();
  if (env.MEILI_HOST) {
    configureSearch({ host: env.MEILI_HOST, apiKey: env.MEILI_MASTER_KEY, indexPrefix: env.MEILI_INDEX_PREFIX, timeoutMs: 60_000 });
    await applyIndexSettings();
    return { stop: async () => {} };
  }
  const meili = await startMeilisearch({
    dataDir: path.join(env.DATA_DIR, "meilisearch"),
    masterKey: localSecret(env.DATA_DIR, "meili-master-key"),
    binary: env.MEILI_BINARY,
    log,
  });
  configureSearch({ host: meili.host, apiKey: meili.masterKey, indexPrefix: env.MEILI_INDEX_PREFIX, timeoutMs: 60_000 });
  await applyIndexSettings();
  return { stop: () => meili.stop() };
}

/**
 * Runs a search tool: the database migrated, search connected, and everything closed after,
 * with a non-zero exit code on failure. While the site runs on the embedded database,
 * `throughSite` is used instead: the site does the work (scripts/lib/running-site.ts).
 */
export function runSearchTool(tool: () => Promise<void>, throughSite?: (site: NonNullable<ReturnType<typeof runningSite>>) => Promise<void>) {
  (async () => {
    const { migrateDatabase, disconnectDatabase } = await import("../../app/utils/db.server");
    const site = runningSite();
    if (site && throughSite) {
      try {
        await throughSite(site);
      } catch (error) {
        console.error(error);
        process.exitCode = 1;
      }
      return;
    }
    try {
      await migrateDatabase();
      const search = await connectSearch();
      try {
        await tool();
      } finally {
        await search.stop();
      }
    } catch (error) {
      console.error(error);
      process.exitCode = 1;
    } finally {
      await disconnectDatabase();
    }
  })();
}
