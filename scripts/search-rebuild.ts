// Rebuilds the search index from the database into a new index and swaps it in atomically.
//   npm run search:rebuild
// Uses MEILI_HOST when set, else the embedded Meilisearch (stop the site first on PGlite).
import { existsSync } from "node:fs";
import { disconnectDatabase, migrateDatabase } from "../app/utils/db.server";
import { compareIndex, rebuildIndex } from "../search/rebuild.server";
import { connectSearch } from "./lib/search-runtime";

if (existsSync(".env")) process.loadEnvFile(".env");

async function main() {
  await migrateDatabase();
  const search = await connectSearch();
  try {
    const started = Date.now();
    const result = await rebuildIndex({ log: (line) => console.log(`[rebuild] ${((Date.now() - started) / 1000).toFixed(1)} s  ${line}`) });
    console.log(`[rebuild] done: ${result.count} documents in ${result.seconds.toFixed(1)} s`);
    const diff = await compareIndex();
    console.log(`[rebuild] check: ${diff.inSync ? "index and database agree" : `${diff.missing.length} missing, ${diff.extra.length} extra, ${diff.stale.length} stale`}`);
  } finally {
    await search.stop();
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => disconnectDatabase());
