// Search benchmark: generates synthetic facilities (113,000 by default) in a PostgreSQL
// database of its own (BENCH_PG), times a full index rebuild, then measures GET /api/search under load
// from a second process (16 connections on loopback), with Meilisearch and with the in-memory
// fallback. Prints the figures and the goals.
//   npm run bench:search                       (BENCH_FACILITIES, BENCH_SECONDS, BENCH_PG to change)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_BENCH_URL, dropBenchDatabase, prepareBenchDatabase } from "./lib/bench-database";
import { writeSyntheticFacilities } from "./lib/synthetic-data";

const FACILITIES = Number(process.env.BENCH_FACILITIES ?? 113_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 16;
const BENCH_URL = process.env.BENCH_PG ?? DEFAULT_BENCH_URL;

const log = (line: string) => console.log(`[bench] ${line}`);

async function main() {
  const createdDatabase = await prepareBenchDatabase(BENCH_URL);
  const url = BENCH_URL;
  Object.assign(process.env, { DATABASE_URL: url, WORKERS: "off", DEMO_DATA: "off", SLOW_QUERY_MS: "0", DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "gm-bench-")) });
  const { migrateDatabase, disconnectDatabase } = await import("../app/utils/db.server");
  const { syncReferenceData } = await import("../app/utils/reference-data.server");
  await migrateDatabase();
  await syncReferenceData();

  // ── Data ──────────────────────────────────────────────────────────────────
  let t = Date.now();
  await writeSyntheticFacilities(url, FACILITIES, log);
  log(`${FACILITIES} facilities written in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  // ── Rebuild ───────────────────────────────────────────────────────────────
  const { startMeilisearch, freePort, waitForHealth } = await import("../search/meilisearch-process.server");
  const { configureSearch, applyIndexSettings } = await import("../search/client.server");
  const { rebuildIndex } = await import("../search/rebuild.server");
  const meiliDir = mkdtempSync(path.join(os.tmpdir(), "gm-bench-meili-"));
  const masterKey = "bench-master-key-0123456789abcdef";
  const meili = await startMeilisearch({ dataDir: meiliDir, masterKey });
  configureSearch({ host: meili.host, apiKey: masterKey, timeoutMs: 120_000 });
  await applyIndexSettings();
  t = Date.now();
  const rebuilt = await rebuildIndex({ batchSize: 10_000, log: (line) => log(`rebuild ${((Date.now() - t) / 1000).toFixed(1)} s: ${line}`) });
  const rebuildSeconds = (Date.now() - t) / 1000;
  log(`full rebuild: ${rebuilt.count} documents in ${rebuildSeconds.toFixed(1)} s`);
  await disconnectDatabase();

  // ── Load ──────────────────────────────────────────────────────────────────
  if (!existsSync("build/index.js")) spawnSync("npx", ["remix", "build"], { stdio: "inherit" });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn("node", ["server.js"], {
    env: { ...process.env, NODE_ENV: "development", PORT: String(port), APP_URL: baseUrl, MEILI_HOST: meili.host, MEILI_MASTER_KEY: masterKey, WORKERS: "off", DEMO_DATA: "off" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForHealth(baseUrl, 120_000, server, "/healthz");
  await new Promise((r) => setTimeout(r, 5000)); // let the start-up index check finish

  // A mix of free-text, filter-only and faceted queries over 600 URLs that repeat, as popular
  // searches do (answers are cached while the index is unchanged: search/cache.server.ts).
  const words = ["在宅医療", "みどり", "救急", "訪問診療", "小児", "へき地", "看取り", "さくら", "総合医", "多職種"];
  const depts = ["naika", "geka", "shonika", "seikei-geka", "hifuka", "shinryo-naika", "rehabilitation", "junkanki-naika"];
  const regions = ["hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu"];
  const urls: string[] = [];
  for (let i = 0; i < 600; i++) {
    const p = new URLSearchParams();
    const pref = String((i * 7) % 47 + 1).padStart(2, "0");
    const kind = i % 3;
    if (kind === 0) {
      p.set("q", words[i % words.length]!);
      if (i % 2) p.append("prefecture", pref);
    } else if (kind === 1) {
      p.append(i % 4 === 1 ? "region" : "prefecture", i % 4 === 1 ? regions[i % regions.length]! : pref);
      if (i % 5) p.append("department", depts[i % depts.length]!);
    } else {
      p.append("prefecture", pref);
      p.append("prefecture", String(((i * 11) % 47) + 1).padStart(2, "0"));
      p.append("department", depts[(i >> 1) % depts.length]!);
      if (i % 2) p.set("supervision", "1");
      if (i % 3 === 2) p.append("learning", "time");
      if (i % 5 === 0) p.append("activity", "1-1");
    }
    if (i % 7 === 0) p.set("sort", i % 2 ? "kana" : "newest");
    if (i % 11 === 0) p.set("page", "2");
    urls.push(`/api/search?${p}`);
  }
  // Searches never asked before, each once: answers cannot come from the answer cache (only facet
  // counts shared with other searches can), so this is the uncached figure.
  const distinct = new Set<string>();
  for (let i = 0; distinct.size < 8000; i++) {
    const p = new URLSearchParams();
    const a = String((i % 47) + 1).padStart(2, "0");
    const b = String((Math.floor(i / 47) % 47) + 1).padStart(2, "0");
    if (i % 4 === 0) {
      p.set("q", words[i % words.length]!);
      p.append("prefecture", a);
      if (i % 8 === 0) p.append("department", depts[(i >> 3) % depts.length]!);
    } else {
      p.append("prefecture", a);
      if (a !== b) p.append("prefecture", b);
      p.append("department", depts[i % depts.length]!);
      if (i % 3 === 0) p.set("supervision", "1");
      if (i % 5 === 0) p.append("activity", "1-1");
    }
    if (i % 6 === 0) p.set("sort", "newest");
    distinct.add(`/api/search?${p}`);
  }
  const distinctFile = path.join(process.env.DATA_DIR!, "distinct.json");
  writeFileSync(distinctFile, JSON.stringify([...distinct]));
  const urlsFile = path.join(process.env.DATA_DIR!, "urls.json");
  writeFileSync(urlsFile, JSON.stringify(urls));
  const load = (seconds: number) => {
    const run = spawnSync(process.execPath, ["scripts/bench/load.mjs", baseUrl, String(seconds), String(CONNECTIONS), urlsFile], { encoding: "utf8" });
    return JSON.parse(run.stdout.trim().split("\n").pop()!);
  };
  /** CPU seconds used so far by a process (Linux /proc): user + system ticks. */
  const cpuSeconds = (pid: number | undefined) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return NaN;
    }
  };
  load(3); // warm-up
  /** Resident memory of a process in MB (Linux /proc). */
  const rssMb = (pid: number | undefined) => {
    try {
      return Math.round(Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)![1]) / 1024);
    } catch {
      return NaN;
    }
  };
  const before = { meili: cpuSeconds(meili.pid), server: cpuSeconds(server.pid) };
  const rssBeforeOutage = rssMb(server.pid);
  const withMeili = load(SECONDS);
  const perRequestMs = (key: "meili" | "server", pid: number | undefined) => (((cpuSeconds(pid) - before[key]) / withMeili.requests) * 1000).toFixed(2);
  const cpuSplit = { meilisearch: perRequestMs("meili", meili.pid), server: perRequestMs("server", server.pid) };
  log(`CPU per request (ms): ${JSON.stringify(cpuSplit)}`);
  log(`meilisearch: ${JSON.stringify(withMeili)}`);
  const uncached = JSON.parse(
    spawnSync(process.execPath, ["scripts/bench/load.mjs", baseUrl, String(SECONDS), String(CONNECTIONS), distinctFile, "once"], { encoding: "utf8" }).stdout.trim().split("\n").pop()!,
  );
  log(`meilisearch, searches never asked before: ${JSON.stringify(uncached)}`);
  await meili.stop();
  // The first searches of an outage, one connection, URLs the fallback has not answered yet.
  const coldFile = path.join(process.env.DATA_DIR!, "cold.json");
  writeFileSync(coldFile, JSON.stringify(urls.slice(0, 60).map((u) => `${u}&perPage=19`)));
  const cold = JSON.parse(spawnSync(process.execPath, ["scripts/bench/load.mjs", baseUrl, "60", "1", coldFile, "once"], { encoding: "utf8" }).stdout.trim().split("\n").pop()!);
  log(`fallback, cold, 1 connection: ${JSON.stringify(cold)}`);
  load(3);
  const fallback = load(SECONDS);
  log(`fallback:    ${JSON.stringify(fallback)}`);
  const fallbackUncached = JSON.parse(
    spawnSync(process.execPath, ["scripts/bench/load.mjs", baseUrl, String(SECONDS), String(CONNECTIONS), distinctFile, "once"], { encoding: "utf8" }).stdout.trim().split("\n").pop()!,
  );
  log(`fallback, searches never asked before: ${JSON.stringify(fallbackUncached)}`);
  const rssDuringOutage = rssMb(server.pid);
  log(`site memory (RSS): ${rssBeforeOutage} MB before the outage, ${rssDuringOutage} MB with the in-memory snapshot`);

  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(meiliDir, { recursive: true, force: true });
  rmSync(process.env.DATA_DIR!, { recursive: true, force: true });
  // Only a database this run created is dropped; one that was there is left (emptied next time).
  if (createdDatabase && !process.env.BENCH_KEEP) await dropBenchDatabase(BENCH_URL);

  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(`
Search benchmark — ${FACILITIES} facilities, ${CONNECTIONS} connections, ${SECONDS} s per run, ${os.cpus().length} cores
  full rebuild                 ${rebuildSeconds.toFixed(1)} s          (goal ≤ 60 s: ${verdict(rebuildSeconds <= 60)})
  /api/search, Meilisearch     p50 ${withMeili.p50} ms  p95 ${withMeili.p95} ms  p99 ${withMeili.p99} ms  ${withMeili.rps} req/s  errors ${withMeili.errors}
                               (goal p95 ≤ 30 ms: ${verdict(withMeili.p95 <= 30)}; ≥ 300 req/s: ${verdict(withMeili.rps >= 300)})
                               searches never asked before (${uncached.requests} in ${uncached.seconds} s): p50 ${uncached.p50} ms  p95 ${uncached.p95} ms  ${uncached.rps} req/s
                               CPU per request: Meilisearch ${cpuSplit.meilisearch} ms, site ${cpuSplit.server} ms, load generator ${withMeili.cpuMsPerRequest} ms (all on the same ${os.cpus().length} cores)
  /api/search, fallback        p50 ${fallback.p50} ms  p95 ${fallback.p95} ms  p99 ${fallback.p99} ms  ${fallback.rps} req/s  errors ${fallback.errors}
                               (goal p95 ≤ 100 ms: ${verdict(fallback.p95 <= 100)})  engines ${JSON.stringify(fallback.engines)}
                               searches never asked before (${fallbackUncached.requests} in ${fallbackUncached.seconds} s): p50 ${fallbackUncached.p50} ms  p95 ${fallbackUncached.p95} ms  ${fallbackUncached.rps} req/s
  site memory (RSS)            ${rssBeforeOutage} MB before the outage, ${rssDuringOutage} MB with the fallback's in-memory snapshot
  fallback, first 60 searches  p50 ${cold.p50} ms  p95 ${cold.p95} ms  (one connection, right after Meilisearch stopped: the first ones wait for the in-memory snapshot to load)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
