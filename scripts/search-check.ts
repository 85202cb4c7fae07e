// Compares the database's published listings with the search index and lists differences.
//   npm run search:check      (exit code 1 when they differ)
import { existsSync } from "node:fs";
import { compareIndex } from "../search/rebuild.server";
import { runSearchTool } from "./lib/search-runtime";

if (existsSync(".env")) process.loadEnvFile(".env");

type Diff = Awaited<ReturnType<typeof compareIndex>>;

function report(diff: Diff) {
  console.log(`published in the database: ${diff.published}; documents in the index: ${diff.indexed}`);
  for (const [label, ids] of [["missing from the index", diff.missing], ["in the index but not published", diff.extra], ["out of date in the index", diff.stale]] as const) {
    if (ids.length) console.log(`${label} (${ids.length}): ${ids.slice(0, 20).join(", ")}${ids.length > 20 ? " …" : ""}`);
  }
  console.log(diff.inSync ? "in sync" : "NOT in sync: run npm run search:rebuild");
  if (!diff.inSync) process.exitCode = 1;
}

runSearchTool(
  async () => report(await compareIndex()),
  async (site) => report(JSON.parse((await site.call("/search/check")).toString("utf8")) as Diff),
);
