// Rebuilds the search index from the database into a new index and swaps it in atomically.
//   npm run search:rebuild
// Uses MEILI_HOST when set, else the embedded Meilisearch (stop the site first on PGlite).
import { existsSync } from "node:fs";
import { compareIndex, rebuildIndex } from "../search/rebuild.server";
import { runSearchTool } from "./lib/search-runtime";

if (existsSync(".env")) process.loadEnvFile(".env");

runSearchTool(async () => {
  const started = Date.now();
  const result = await rebuildIndex({ log: (line) => console.log(`[rebuild] ${((Date.now() - started) / 1000).toFixed(1)} s  ${line}`) });
  console.log(`[rebuild] done: ${result.count} documents in ${result.seconds.toFixed(1)} s`);
  const diff = await compareIndex();
  console.log(`[rebuild] check: ${diff.inSync ? "index and database agree" : `${diff.missing.length} missing, ${diff.extra.length} extra, ${diff.stale.length} stale`}`);
});
