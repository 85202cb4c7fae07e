// `npm test`: unit and integration tests, then the browser journeys when Chromium is found.
// Integration tests use PostgreSQL when TEST_DATABASE_URL is set (one database per worker),
// otherwise in-memory PGlite; both use a real Meilisearch child process.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const resultsDir = path.resolve(".data/test-results");
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

function vitest(name, extraArgs) {
  const outputFile = path.join(resultsDir, `${name}.json`);
  const run = spawnSync(
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${outputFile}`, ...extraArgs, ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(outputFile)) {
    const report = JSON.parse(readFileSync(outputFile, "utf8"));
    counts = {
      passed: report.numPassedTests,
      failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
      skipped: report.numPendingTests + report.numTodoTests,
    };
  } else if (run.status !== 0) {
    counts.failed = 1;
  }
  return { status: run.status ?? 1, counts };
}

const results = [vitest("unit-integration", [])];

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(chromium)) {
  results.push(vitest("browser", ["-c", "vitest.browser.config.ts"]));
} else {
  console.log(
    `\n**********************************************************************\n` +
      `SKIPPED: the browser tests did not run — Chromium was not found at ${chromium}.\n` +
      `Install it with \`sudo apt-get install chromium\` (Debian/Ubuntu), or set CHROMIUM_PATH.\n` +
      `**********************************************************************\n`,
  );
}

const total = results.reduce(
  (acc, r) => ({ passed: acc.passed + r.counts.passed, failed: acc.failed + r.counts.failed, skipped: acc.skipped + r.counts.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(results.some((r) => r.status !== 0) ? 1 : 0);
