// Rebuilds the search index from the database into a new index and swaps it in atomically.
//   npm run search:rebuild
// Uses MEILI_HOST when set, else the embedded Meilisearch; while the site runs on the embedded
// database, the site does the rebuild.
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
}, async (site) => {
  console.log(`[rebuild] asking the running site (PID ${site.pid})`);
  const result = JSON.parse((await site.call("/search/rebuild")).toString("utf8")) as { count: number; seconds: number; check: { inSync: boolean } };
  console.log(`[rebuild] done: ${result.count} documents in ${result.seconds.toFixed(1)} s; ${result.check.inSync ? "index and database agree" : "index and database still differ"}`);
});
