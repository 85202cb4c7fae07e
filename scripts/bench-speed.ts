// The speed benchmark of issue 15: the site as `npm start` runs it (production build, its own
// Meilisearch child, the workers on), on PostgreSQL, at 60 listings (the demo data) and at 113,000
// (synthetic), each figure printed against its goal.
//   npm run bench:speed     (BENCH_SIZES=60,113000  BENCH_RUNS=3  BENCH_SECONDS=8  BENCH_PG=…)
// 1. Anonymous public pages at 16 connections, alternating with a bare node:http server sending
//    the same bytes; the ratio is taken within each run. Each page is asked without
//    Accept-Encoding and as a browser asks (Brotli).
// 2. Compression: gzip bytes served against gzipping the same page in one piece; Brotli offered.
// 3. JavaScript (gzip) each page loads: public pages, and signed-in pages (demo accounts, at 60).
// 4. Uncached /api/search (searches never asked before) against the same multi-searches sent
//    straight to Meilisearch, alternating; sub-queries per search.
// 5. Memory: the site idle (10 s after the traffic, and after a long quiet spell), the site
//    during a search outage (Meilisearch stopped with SIGSTOP), the Meilisearch child; the
//    secretariat's CSV of every facility (size, time, peak RSS).
// 6. Freshness: a listing's name changed in the database (as a facility's approved change does)
//    until a search for the new name finds it through the site.
// 7. Restart: stop (SIGTERM) and start again on the same data until /healthz answers.
// BENCH_KEEP=1 keeps the database and data folder; BENCH_DATA_DIR=<folder> reuses them (one size).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync, gunzipSync, brotliDecompressSync } from "node:zlib";
import { DEFAULT_BENCH_URL, dropBenchDatabase, prepareBenchDatabase } from "./lib/bench-database";
import { LONG_QUIET_MS } from "../app/server/idle-memory.server";
import { serveCommand } from "./lib/serve-command";
import { writeSyntheticFacilities } from "./lib/synthetic-data";

const SIZES = (process.env.BENCH_SIZES ?? "60,113000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 16;
// Some 4 s of load per run at 16 connections: a p95 over 400 searches (under a second) moved by
// 30 ms from one run to the next with one pause of the site or of a neighbour on the machine.
const UNCACHED_PER_RUN = Number(process.env.BENCH_UNCACHED ?? 2000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
// BENCH_STEPS=pages,compression,js,uncached,fresh,memory,restart runs only those (to look into one figure).
const STEPS = new Set((process.env.BENCH_STEPS ?? "pages,compression,js,uncached,fresh,memory,restart").split(","));
const url = process.env.BENCH_PG ?? DEFAULT_BENCH_URL.replace(/gm_bench$/, "gm_bench_speed");
const log = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const range = (xs: number[], digits = 0) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
const rssMb = (pid: number | undefined) => {
  try {
    return Math.round(Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)![1]) / 1024);
  } catch {
    return NaN;
  }
};

/** CPU time (user + system, ms) a process has used; NaN once it is gone. */
const TICK_MS = 1000 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);
function cpuMs(pid: number | string, withChildren = false) {
  try {
    // The fields after the command's closing parenthesis: utime is the 12th, stime 13th, cutime 14th, cstime 15th.
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0)) * TICK_MS;
  } catch {
    return NaN;
  }
}
/** Each PostgreSQL process's CPU time (the server and its backends; on a shared machine, others' too), by pid. */
function postgresCpuMs() {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres") byPid.set(pid, cpuMs(pid) || 0);
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}
/** The CPU PostgreSQL's processes used between two readings: a process gone meanwhile is left out, a new one counted whole. */
function postgresUsed(before: Map<string, number>, after: Map<string, number>) {
  let used = 0;
  for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0);
  return used;
}
/** What each process used during `work`, in ms of CPU: the site, its Meilisearch, PostgreSQL, and the load generator (a child of this process). */
function cpuDuring<T>(site: { child: ChildProcess; meiliPid: number }, work: () => T): { result: T; cpu: Record<"site" | "meilisearch" | "postgres" | "load", number> } {
  const take = () => ({ site: cpuMs(site.child.pid!), meilisearch: cpuMs(site.meiliPid), postgres: postgresCpuMs(), load: cpuMs(process.pid, true) - cpuMs(process.pid) });
  const before = take();
  const result = work();
  const after = take();
  return { result, cpu: { site: after.site - before.site, meilisearch: after.meilisearch - before.meilisearch, postgres: postgresUsed(before.postgres, after.postgres), load: after.load - before.load } };
}

type Response = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
function request(target: string, { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Response>((resolve, reject) => {
    const req = http.request(target, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

type Load = { requests: number; errors: number; rps: number; p50: number; p95: number; p99: number; engines: Record<string, number>; engineLatency?: Record<string, { p50: number; p95: number }> };
function load(base: string, seconds: number, entries: unknown[], once = false, connections = CONNECTIONS): Load {
  const file = path.join(os.tmpdir(), `gm-bench-speed-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(entries));
  const run = spawnSync(process.execPath, ["scripts/bench/load.mjs", base, String(seconds), String(connections), file, ...(once ? ["once"] : [])], { encoding: "utf8" });
  return JSON.parse(run.stdout.trim().split("\n").pop()!);
}

// ── The site, as npm start runs it ─────────────────────────────────────────
/** `logFrom`: where this start's lines begin in the data folder's site.log (earlier starts' lines come before). */
type Site = { child: ChildProcess; base: string; dataDir: string; meiliHost: string; meiliPid: number; startMs: number; logFrom: number };
const siteLog = (site: Pick<Site, "dataDir" | "logFrom">) => readFileSync(path.join(site.dataDir, "site.log")).subarray(site.logFrom).toString("utf8");
const running = new Set<ChildProcess>();
process.on("exit", () => running.forEach((c) => c.kill("SIGTERM"))); // a failed run leaves no site behind
async function startSite(dataDir: string): Promise<Site> {
  const { freePort } = await import("../search/meilisearch-process.server");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const out = openSync(path.join(dataDir, "site.log"), "a");
  const logFrom = fstatSync(out).size;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_ENV|APP_ENV|MEILI_|RESEND_|STRIPE_)/.test(k)));
  const t = performance.now();
  // As package.json's "serve" (and so "start") runs it; BENCH_NODE_FLAGS adds flags (to try one out).
  const { flags, variables } = serveCommand();
  const child: ChildProcess = spawn(process.execPath, [...flags, ...(process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean), "server.js"], {
    env: { ...env, ...variables, PORT: String(port), APP_URL: base, DATABASE_URL: url, DATA_DIR: dataDir, DEMO_DATA: "off", WORKERS: "on" } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", out, out],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the site stopped (see ${dataDir}/site.log)`);
    const ok = await request(`${base}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await sleep(25);
  }
  const startMs = performance.now() - t;
  const started = siteLog({ dataDir, logFrom }).match(/meilisearch: child process (\d+) at (\S+)/g)!.pop()!.match(/(\d+) at (\S+)/)!;
  return { child, base, dataDir, meiliPid: Number(started[1]), meiliHost: started[2]!, startMs, logFrom };
}
/** Waits until this start of the site has loaded its table of listing codes (it logs it); its load time in ms. */
async function tableLoaded(site: Site) {
  for (let i = 0; ; i++) {
    const loaded = siteLog(site).match(/listing codes: \d+ listings in memory in (\d+) ms/);
    if (loaded) return Number(loaded[1]);
    if (i > 1200) throw new Error("the site did not load its table of listing codes within 60 s");
    await sleep(50);
  }
}
async function stopSite(site: Site) {
  site.child.kill("SIGTERM");
  if (site.child.exitCode === null) await new Promise((r) => site.child.once("exit", r));
}
const api = async (site: Site, query: string) => JSON.parse((await request(`${site.base}/api/search?${query}`)).body.toString("utf8"));

// ── 1. Pages against the bare server ───────────────────────────────────────
/** How a browser asks (Chrome's Accept-Encoding): the site and the bare server then send Brotli. */
const BROWSER_ENCODINGS = "gzip, deflate, br, zstd";
async function pages(site: Site, slug: string, dataDir: string, underLoad = true) {
  const paths: Array<[string, string]> = [
    ["/", "/"],
    ["/search", "/search"],
    ["/search with filters", "/search?prefecture=13&prefecture=14&department=naika&supervision=1"],
    ["facility page", `/facilities/${slug}`],
  ];
  // Each page asked without Accept-Encoding (the bytes as they are) and as a browser asks.
  const list: Array<[string, string]> = paths;
  const variants = [
    ...paths.map(([name, p]) => ({ name, path: p, accept: "" })),
    ...paths.map(([name, p]) => ({ name: `${name}, as a browser asks`, path: p, accept: BROWSER_ENCODINGS })),
  ];
  // The bare server sends what the site sent, byte for byte, with the same Content-Encoding.
  const captured: Record<string, { type: string; encoding?: string; base64: string }> = {};
  for (const v of variants) {
    const r = await request(`${site.base}${v.path}`, { headers: v.accept ? { "Accept-Encoding": v.accept } : {} });
    if (r.status !== 200) throw new Error(`${v.path}: ${r.status}`);
    captured[`${v.accept ? "encoded" : "plain"} ${v.path}`] = { type: String(r.headers["content-type"]), encoding: r.headers["content-encoding"] as string | undefined, base64: r.body.toString("base64") };
  }
  const file = path.join(dataDir, "bare-pages.json");
  writeFileSync(file, JSON.stringify(captured));
  const bare = spawn(process.execPath, ["scripts/bench/bare-server.mjs", file], { stdio: ["ignore", "pipe", "inherit"] });
  running.add(bare);
  const port = await new Promise<number>((resolve) => bare.stdout!.once("data", (c: Buffer) => resolve(JSON.parse(c.toString()).port)));
  const bareBase = `http://127.0.0.1:${port}`;
  const entry = (v: (typeof variants)[number]) => (v.accept ? { path: v.path, headers: { "Accept-Encoding": v.accept } } : v.path);
  for (const v of variants) load(site.base, 2, [entry(v)]); // warm-up
  const results: Record<string, { site: Load[]; bare: Load[]; ratio: number[] }> = {};
  for (let run = 0; underLoad && run < RUNS; run++) {
    for (const v of variants) {
      const r = (results[v.name] ??= { site: [], bare: [], ratio: [] });
      const order = run % 2 ? ["bare", "site"] : ["site", "bare"];
      const got: Record<string, Load> = {};
      for (const which of order) got[which] = load(which === "site" ? site.base : bareBase, SECONDS, [entry(v)]);
      r.site.push(got.site!);
      r.bare.push(got.bare!);
      r.ratio.push(got.site!.rps / got.bare!.rps);
      log(`  run ${run + 1} ${v.name}: site ${got.site!.rps} req/s p50 ${got.site!.p50} p99 ${got.site!.p99} ms · bare ${got.bare!.rps} req/s · ${(100 * r.ratio.at(-1)!).toFixed(2)} %`);
    }
  }
  bare.kill("SIGTERM");
  return { list, names: variants.map((v) => v.name), results };
}

// ── 2. Compression ─────────────────────────────────────────────────────────
async function compression(site: Site, list: Array<[string, string]>) {
  const rows: Array<{ name: string; served: number; whole: number; ratio: number; br: boolean }> = [];
  for (const [name, p] of list) {
    const gz = await request(`${site.base}${p}`, { headers: { "Accept-Encoding": "gzip" } });
    if (gz.headers["content-encoding"] !== "gzip") throw new Error(`${p} not gzipped`);
    const body = gunzipSync(gz.body);
    const whole = gzipSync(body).length;
    const br = await request(`${site.base}${p}`, { headers: { "Accept-Encoding": "br, gzip" } });
    const brOk = br.headers["content-encoding"] === "br" && brotliDecompressSync(br.body).length > 0;
    rows.push({ name, served: gz.body.length, whole, ratio: gz.body.length / whole, br: brOk });
  }
  return rows;
}

// ── 3. JavaScript per page ─────────────────────────────────────────────────
const jsCache = new Map<string, number>();
async function jsKb(site: Site, p: string, cookie?: string) {
  const r = await request(`${site.base}${p}`, { headers: cookie ? { Cookie: cookie } : {} });
  if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
  // What the page loads: its module preloads, the modules its inline script imports, and script
  // tags. Not every /build/ address in the page: the manifest of linked routes lists theirs too.
  const html = r.body.toString("utf8");
  const files = new Set(
    [
      ...html.matchAll(/<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/g),
      ...html.matchAll(/import(?:\s*\*\s*as\s+\w+\s+from)?\s*\(?"(\/build\/[^"]+\.js)"/g),
      ...html.matchAll(/<script[^>]+src="(\/build\/[^"]+\.js)"/g),
    ].map((m) => m[1]!),
  );
  let total = 0;
  for (const f of files) {
    if (!jsCache.has(f)) jsCache.set(f, gzipSync((await request(`${site.base}${f}`)).body, { level: 9 }).length);
    total += jsCache.get(f)!;
  }
  return total / 1024;
}
async function logIn(site: Site, email: string) {
  const r = await request(`${site.base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: site.base },
    body: new URLSearchParams({ email, password: "gm-demo-2026", redirectTo: "" }).toString(),
  });
  const cookie = (r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`could not sign in as ${email}: ${r.status}`);
  return cookie;
}
async function javascript(site: Site, slug: string, signedIn: boolean) {
  const rows: Array<{ page: string; kb: number; signedIn: boolean }> = [];
  for (const p of ["/", "/search", `/facilities/${slug}`, `/facilities/${slug}/report`, "/login", "/signup", "/forgot-password"]) rows.push({ page: p, kb: await jsKb(site, p), signedIn: false });
  if (!signedIn) return rows;
  const physician = await logIn(site, "physician@demo.gm-network.example");
  for (const p of ["/physician", "/physician/profile", "/physician/threads", `/facilities/${slug}/inquiry`]) rows.push({ page: `${p} (physician)`, kb: await jsKb(site, p, physician), signedIn: true });
  const facility = await logIn(site, "facility@demo.gm-network.example");
  const home = (await request(`${site.base}/facility`, { headers: { Cookie: facility } })).body.toString("utf8");
  const own = home.match(/\/facility\/facilities\/([^/"?]+)/)?.[1];
  for (const p of ["/facility", ...(own ? [`/facility/facilities/${own}`, `/facility/facilities/${own}/basic`] : [])]) rows.push({ page: `${p} (facility)`, kb: await jsKb(site, p, facility), signedIn: true });
  const secretariat = await logIn(site, "secretariat@demo.gm-network.example");
  for (const p of ["/secretariat", "/secretariat/campaigns/new"]) rows.push({ page: `${p} (secretariat)`, kb: await jsKb(site, p, secretariat), signedIn: true });
  return rows;
}

// ── 4. Uncached searches ───────────────────────────────────────────────────
const WORDS = ["在宅医療", "みどり", "救急", "訪問診療", "小児", "へき地", "看取り", "さくら", "総合医", "多職種", "リハビリ", "内科"];
function distinctSearches(run: number, n: number) {
  const words = WORDS;
  const depts = ["naika", "geka", "shonika", "seikei-geka", "hifuka", "shinryo-naika", "rehabilitation", "junkanki-naika"];
  const out: string[] = [];
  for (let j = 0; out.length < n; j++) {
    const i = run * 100_000 + j;
    const p = new URLSearchParams();
    const a = String((i % 47) + 1).padStart(2, "0");
    const b = String((Math.floor(i / 47) % 47) + 1).padStart(2, "0");
    if (i % 3 === 0) p.set("q", words[Math.floor(i / 3) % words.length]!);
    p.append("prefecture", a);
    if (a !== b) p.append("prefecture", b);
    if (i % 2) p.append("department", depts[Math.floor(i / 2) % depts.length]!);
    if (i % 5 === 0) p.set("supervision", "1");
    if (i % 7 === 0) p.set("sort", "newest");
    p.set("page", String(1 + (Math.floor(i / 47 / 47) % 3)));
    out.push(p.toString());
  }
  return out;
}
async function uncached(site: Site, masterKey: string) {
  const { parseSearchParams } = await import("../search/query");
  const { meiliPageQuery, meiliQueries } = await import("../search/search.server");
  const { indexName } = await import("../search/client.server");
  const { FACILITIES_INDEX } = await import("../search/settings");
  const { meilisearchQuery, prepareQuery, wordMatching } = await import("../search/definition");
  // The site answers searches without words from its table of listing codes once that is loaded
  // (it logs it), without asking Meilisearch. A search with words it counts itself once it knows
  // which listings the words match (read from Meilisearch the second time the words are asked, in
  // the background), and asks Meilisearch only for the page of hits; before, it sends Meilisearch
  // the whole multi-search. SEARCH_SITE_ANSWERS=off (passed on to the site): Meilisearch answers
  // every search whole.
  const siteAnswers = process.env.SEARCH_SITE_ANSWERS !== "off";
  if (siteAnswers) await tableLoaded(site);
  type Row = { site: Load; direct: Load; cpu: Record<string, number>; subQueries: number; alone: { site: Load; siteSent: Load; direct: Load; whole: Load }; matchesRead: Load };
  const rows: Row[] = [];
  const post = (qs: unknown[]) => ({ path: "/multi-search", method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${masterKey}` }, body: JSON.stringify({ queries: qs }) });
  // What reading a query's matches costs Meilisearch (once per words and index change): each
  // benchmark word, as the site asks it.
  const matchesRead = WORDS.map((w) => post([{ indexUid: indexName(FACILITIES_INDEX), ...wordMatching(meilisearchQuery(prepareQuery(w))), limit: 0, facets: ["id"] }]));
  const entriesOf = (queries: string[]) => {
    const parsed = queries.map((q) => {
      const p = parseSearchParams(new URLSearchParams(q));
      if (!p.success) throw new Error(`bad query ${q}`);
      return { q, query: p.data, inSite: siteAnswers && !prepareQuery(p.data.q).length };
    });
    // What the site sends Meilisearch for each search (nothing for those it answers itself), and
    // the whole search as Meilisearch answers it (with its counts), as the site asks it while its
    // table is not loaded, and asked every search before it had one.
    const sent = parsed.filter((x) => !x.inSite);
    // A search with words sends Meilisearch its page query alone once the words' matches are
    // known (as they are after the first searches of each run: the twelve words repeat).
    const sentQueries = (x: (typeof parsed)[number]) => (siteAnswers ? [meiliPageQuery(x.query)] : meiliQueries(x.query).map((part) => part.query));
    return {
      subQueries: sent.reduce((n, x) => n + sentQueries(x).length, 0) / parsed.length,
      direct: sent.map((x) => post(sentQueries(x))),
      whole: parsed.map((x) => post(meiliQueries(x.query).map((part) => part.query))),
      site: parsed.map((x) => `/api/search?${x.q}`),
      siteSent: sent.map((x) => `/api/search?${x.q}`),
    };
  };
  for (let run = 0; run < RUNS; run++) {
    // One search at a time: what the site adds to Meilisearch's own time for the same
    // multi-search (the searches the site sends it), and the site against Meilisearch doing every search.
    // Two sets of searches never asked before: every search (`one`), and those the site sends
    // Meilisearch (`sent`), so that neither finds the other's answers or parts in the site's cache.
    const one = entriesOf(distinctSearches(10 + run, 150));
    const sent = entriesOf(distinctSearches(20 + run, 150));
    const alone: Record<string, Load> = {};
    for (const which of run % 2 ? ["direct", "whole", "siteSent", "site"] : ["site", "siteSent", "whole", "direct"]) {
      const entries = { direct: sent.direct, whole: one.whole, site: one.site, siteSent: sent.siteSent }[which]!;
      alone[which] = which.startsWith("site") ? load(site.base, 60, entries, true, 1) : load(site.meiliHost, 60, entries, true, 1);
    }
    const many = entriesOf(distinctSearches(run, UNCACHED_PER_RUN));
    const got: Record<string, Load> = {};
    // Meilisearch has no answer cache: sending the same searches to it first or second is fair; the order alternates anyway.
    let cpu: Record<string, number> = {};
    for (const which of run % 2 ? ["direct", "site"] : ["site", "direct"]) {
      if (which === "direct") got.direct = load(site.meiliHost, 60, many.direct, true);
      else ({ result: got.site, cpu } = cpuDuring(site, () => load(site.base, 60, many.site, true)));
    }
    // Where the CPU of a search goes (ms per search, over every process on this machine's cores).
    const perSearch = Object.fromEntries(Object.entries(cpu).map(([k, ms]) => [k, Number((ms / got.site!.requests).toFixed(2))]));
    // A figure taken over failed requests (a query Meilisearch refuses answers fast) is no figure.
    for (const [name, l] of Object.entries({ ...got, ...Object.fromEntries(Object.entries(alone).map(([k, v]) => [`${k}, one at a time`, v])) })) {
      if (l.errors) throw new Error(`uncached searches: ${l.errors} requests to ${name} failed`);
    }
    const read = load(site.meiliHost, 60, matchesRead, true, 1);
    rows.push({ site: got.site!, direct: got.direct!, cpu: perSearch, subQueries: many.subQueries, alone: { site: alone.site!, siteSent: alone.siteSent!, direct: alone.direct!, whole: alone.whole! }, matchesRead: read });
    log(`  run ${run + 1} uncached, one at a time: site p50 ${alone.site!.p50} ms (${alone.siteSent!.p50} ms for those sent to Meilisearch) · Meilisearch p50 ${alone.direct!.p50} ms for what the site sends it (the whole search ${alone.whole!.p50} ms)`);
    log(`  run ${run + 1} uncached: p50 ${got.site!.p50} p95 ${got.site!.p95} ms ${got.site!.rps} req/s (${JSON.stringify(got.site!.engines)}; by engine ${JSON.stringify(got.site!.engineLatency)}) · Meilisearch p50 ${got.direct!.p50} p95 ${got.direct!.p95} ms ${got.direct!.rps} req/s · CPU ms per search ${JSON.stringify(perSearch)}`);
  }
  return rows;
}

// ── 5. Memory ──────────────────────────────────────────────────────────────
async function outageRss(site: Site) {
  process.kill(site.meiliPid, "SIGSTOP");
  try {
    const queries = distinctSearches(9, 40);
    let engine = "";
    for (let i = 0; i < 200 && engine !== "fallback"; i++) engine = (await api(site, queries[i % queries.length]!)).engine;
    for (const q of queries) await api(site, q);
    await sleep(3000);
    return { rss: rssMb(site.child.pid), engine };
  } finally {
    process.kill(site.meiliPid, "SIGCONT");
  }
}

/** The secretariat's CSV of every facility: its size, time and the site's peak RSS meanwhile. */
async function exportPeak(site: Site) {
  // Signed in through /login, as the secretariat would (a session made here would be signed with
  // this process's secret, which is the first size's data folder's).
  const { prisma } = await import("../app/utils/db.server");
  const { hashPassword } = await import("../app/utils/password.server");
  const email = "bench-secretariat@example.jp";
  const passwordHash = await hashPassword("gm-demo-2026");
  await prisma.user.upsert({ where: { email }, update: { passwordHash }, create: { email, passwordHash, displayName: "事務局 ベンチ", role: "SECRETARIAT", emailVerifiedAt: new Date() } });
  const cookie = await logIn(site, email);
  let peak = rssMb(site.child.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(site.child.pid))), 20);
  const t = performance.now();
  try {
    const res = await request(`${site.base}/secretariat/exports/facilities.csv`, { headers: { Cookie: cookie } });
    if (res.status !== 200) throw new Error(`export answered ${res.status}`);
    return { mb: res.body.length / 1048576, seconds: (performance.now() - t) / 1000, peak: Math.max(peak, rssMb(site.child.pid)) };
  } finally {
    clearInterval(sampler);
  }
}

// ── 6. Freshness ───────────────────────────────────────────────────────────
const PLACES = ["稚内", "網走", "根室", "紋別", "留萌", "枕崎", "尾鷲", "唐津", "糸魚川", "八幡浜", "宇和島", "氷見", "輪島", "珠洲", "羽咋", "七尾", "小浜", "敦賀", "舞鶴", "安芸"];
async function freshness(site: Site, slugs: string[]) {
  const { prisma } = await import("../app/utils/db.server");
  const { queueSearchSync } = await import("../search/sync.server");
  const times: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const slug = slugs[i % slugs.length]!;
    const name = `${PLACES[i % PLACES.length]}臨海${["一", "二", "三", "四", "五"][Math.floor(i / PLACES.length) % 5]}番病院`;
    const facility = await prisma.facility.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const t = performance.now();
    await prisma.$transaction(async (tx) => {
      await tx.facilityProfile.updateMany({ where: { facilityId: facility.id, stage: "APPROVED" }, data: { name } });
      await tx.facility.update({ where: { id: facility.id }, data: { version: { increment: 1 } } });
      await queueSearchSync(tx, facility.id);
    });
    for (;;) {
      const found = (await api(site, new URLSearchParams({ q: name, perPage: "20" }).toString())).hits.some((h: { slug: string }) => h.slug === slug);
      if (found) break;
      if (performance.now() - t > 15_000) throw new Error(`${name} not found after 15 s`);
      await sleep(10);
    }
    times.push(performance.now() - t);
    await sleep(200);
  }
  return times;
}

// ── Main ───────────────────────────────────────────────────────────────────
type SizeResult = {
  size: number;
  pages: Awaited<ReturnType<typeof pages>>;
  compression: Awaited<ReturnType<typeof compression>>;
  js: Awaited<ReturnType<typeof javascript>>;
  uncached: Awaited<ReturnType<typeof uncached>>;
  idleRss: number;
  /** After LONG_QUIET_MS without a request (the caches' expired entries dropped). */
  quietRss: number;
  outage: { rss: number; engine: string };
  exported?: { mb: number; seconds: number; peak: number };
  meiliRss: number;
  fresh: number[];
  restartMs: number[];
  tableMs: number[];
};

async function measure(size: number): Promise<SizeResult> {
  // BENCH_KEEP=1 keeps the database and the data folder; BENCH_DATA_DIR=<that folder> runs again
  // on them without writing the listings again (one size at a time).
  const reuse = process.env.BENCH_DATA_DIR;
  const created = reuse ? false : await prepareBenchDatabase(url);
  const dataDir = reuse ?? mkdtempSync(path.join(os.tmpdir(), "gm-bench-speed-"));
  const demo = size <= 60;
  Object.assign(process.env, { DATABASE_URL: url, DATA_DIR: dataDir, WORKERS: "off", DEMO_DATA: "off" });
  const { migrateDatabase, disconnectDatabase } = await import("../app/utils/db.server");
  const { syncReferenceData } = await import("../app/utils/reference-data.server");
  await migrateDatabase();
  await syncReferenceData();
  if (process.env.BENCH_KEEP) log(`keeping the database and ${dataDir} (BENCH_DATA_DIR=${dataDir} runs again on them)`);
  if (reuse) {
    log(`${size} listings: reusing ${dataDir} and its database`);
  } else if (demo) {
    const { seedDemoData } = await import("../app/server/demo-seed.server");
    await seedDemoData(log);
  } else {
    await writeSyntheticFacilities(url, size, log);
  }
  log(`${size} listings: starting the site`);
  let site = await startSite(dataDir);
  const t = performance.now();
  for (;;) {
    // Every listing in Meilisearch's index, and the site answering from it (the fallback also
    // counts every listing while the index is built; Meilisearch counts up to its maxTotalHits).
    const key = readFileSync(path.join(dataDir, "meili-master-key"), "utf8").trim();
    const stats = await request(`${site.meiliHost}/indexes/facilities/stats`, { headers: { Authorization: `Bearer ${key}` } });
    const total = stats.status === 200 ? JSON.parse(stats.body.toString("utf8")).numberOfDocuments : 0;
    if (total >= size && (await api(site, "perPage=1")).engine !== "fallback") break;
    if (performance.now() - t > 20 * 60_000) throw new Error(`index has ${total} of ${size}`);
    await sleep(1000);
  }
  log(`index ready in ${((performance.now() - t) / 1000).toFixed(1)} s after /healthz; Meilisearch RSS ${rssMb(site.meiliPid)} MB`);
  const masterKey = readFileSync(path.join(dataDir, "meili-master-key"), "utf8").trim();
  const slugs: string[] = (await api(site, "perPage=20")).hits.map((h: { slug: string }) => h.slug);

  const none = { list: [] as Array<[string, string]>, names: [] as string[], results: {} };
  const pageResults = STEPS.has("pages") || STEPS.has("compression") ? await pages(site, slugs[0]!, dataDir, STEPS.has("pages")) : none;
  const comp = STEPS.has("compression") ? await compression(site, pageResults.list) : [];
  const js = STEPS.has("js") ? await javascript(site, slugs[0]!, demo) : [];
  const unc = STEPS.has("uncached") ? await uncached(site, masterKey) : [];
  // Freshness before the outage: after one, the site gives Meilisearch a few seconds before asking it again.
  const fresh = STEPS.has("fresh") ? await freshness(site, slugs.slice(1)) : [];
  log(`freshness: ${fresh.map((x) => Math.round(x)).join(", ")} ms`);
  let idleRss = NaN;
  let quietRss = NaN;
  let meiliRss = NaN;
  let outage = { rss: NaN, engine: "" };
  let exported: SizeResult["exported"];
  if (STEPS.has("memory")) {
    await sleep(10_000);
    idleRss = rssMb(site.child.pid);
    meiliRss = rssMb(site.meiliPid);
    // A long quiet spell: the caches' expired entries dropped, and collected (idle-memory.server.ts).
    await sleep(LONG_QUIET_MS - 10_000 + 2_000);
    quietRss = rssMb(site.child.pid);
    outage = await outageRss(site);
    log(`memory: site idle ${idleRss} MB (${quietRss} MB after a long quiet spell), during an outage ${outage.rss} MB (${outage.engine}), Meilisearch ${meiliRss} MB`);
    exported = await exportPeak(site);
    log(`export: ${exported.mb.toFixed(1)} MB of CSV in ${exported.seconds.toFixed(1)} s, site RSS peak ${exported.peak} MB`);
  }
  const restartMs: number[] = [];
  const tableMs: number[] = [];
  for (let run = 0; STEPS.has("restart") && run < RUNS; run++) {
    await stopSite(site);
    site = await startSite(dataDir);
    restartMs.push(site.startMs);
    // The site answers from /healthz on; its table of listing codes loads in the background
    // meanwhile (until it is here, Meilisearch counts every search).
    tableMs.push(await tableLoaded(site));
  }
  await stopSite(site);
  await disconnectDatabase();
  if (!process.env.BENCH_KEEP && !reuse) rmSync(dataDir, { recursive: true, force: true });
  if (created && !process.env.BENCH_KEEP && !reuse) await dropBenchDatabase(url);
  return { size, pages: pageResults, compression: comp, js, uncached: unc, idleRss, quietRss, outage, exported, meiliRss, fresh, restartMs, tableMs };
}

function report(results: SizeResult[]) {
  const v = (ok: boolean) => (ok ? "met" : "NOT met");
  const lines: string[] = [`\nSpeed benchmark — ${RUNS} alternating runs of ${SECONDS} s, ${CONNECTIONS} connections, ${os.cpus().length} cores, Node ${process.version}`];
  const rpsAt = new Map<string, number>();
  for (const r of results) {
    lines.push(`\n── ${r.size.toLocaleString()} listings ──`);
    if (STEPS.has("pages")) lines.push(`  page                      site req/s (runs)        p50 ms   p99 ms   bare req/s   site ÷ bare (runs)         goals: ≥ 2 %, p99 ≤ 100 ms`);
    for (const name of r.pages.names) {
      const x = r.pages.results[name];
      if (!x) continue;
      const rps = median(x.site.map((l) => l.rps));
      const p99 = median(x.site.map((l) => l.p99));
      const ratio = median(x.ratio) * 100;
      const previous = rpsAt.get(name);
      rpsAt.set(name, rps);
      lines.push(
        `  ${name.padEnd(24)} ${String(rps).padStart(6)} (${range(x.site.map((l) => l.rps))})`.padEnd(52) +
          `${median(x.site.map((l) => l.p50)).toFixed(0).padStart(6)} ${p99.toFixed(0).padStart(8)} ${String(median(x.bare.map((l) => l.rps))).padStart(12)}   ${ratio.toFixed(2)} % (${range(x.ratio.map((q) => q * 100), 2)})`.padEnd(50) +
          `${v(ratio >= 2)}, ${v(p99 <= 100)}${previous ? `; vs 60 listings ${((rps / previous) * 100).toFixed(0)} % (${v(rps >= previous * 0.9)}: no slower)` : ""}`,
      );
    }
    if (r.compression.length) lines.push(`  compression (gzip served ÷ gzip of the whole page; goal ≤ 1.1; Brotli offered)`);
    for (const c of r.compression) lines.push(`    ${c.name.padEnd(22)} ${(c.served / 1024).toFixed(1)} KB ÷ ${(c.whole / 1024).toFixed(1)} KB = ${c.ratio.toFixed(3)}  ${v(c.ratio <= 1.1)}   Brotli ${c.br ? "yes" : "NO"}`);
    if (r.js.length) lines.push(`  JavaScript, gzip (goal ≤ 100 KB public, ≤ 150 KB signed in)`);
    for (const j of r.js) lines.push(`    ${j.page.padEnd(48)} ${j.kb.toFixed(1).padStart(6)} KB  ${v(j.kb <= (j.signedIn ? 150 : 100))}`);
    const u = r.uncached;
    const siteAnswersOn = process.env.SEARCH_SITE_ANSWERS !== "off";
    if (u.length) {
    const siteP50 = median(u.map((x) => x.site.p50));
    const p95 = median(u.map((x) => x.site.p95));
    lines.push(`  uncached /api/search (${UNCACHED_PER_RUN} searches never asked before per run, ${CONNECTIONS} connections)`);
    lines.push(`    site p50 ${siteP50} ms, p95 ${p95} ms (runs ${range(u.map((x) => x.site.p95))})   goal p95 ≤ 50 ms: ${v(p95 <= 50)}`);
    lines.push(`    what the site sends Meilisearch (${siteAnswersOn ? "searches with words; the site answers those without" : "every search"}), straight to it: p50 ${median(u.map((x) => x.direct.p50))} ms, p95 ${median(u.map((x) => x.direct.p95))} ms`);
    const alone = u.map((x) => x.alone.siteSent.p50 / x.alone.direct.p50);
    lines.push(`    one search at a time, the searches the site sends Meilisearch: site p50 ${median(u.map((x) => x.alone.siteSent.p50))} ms, Meilisearch alone ${median(u.map((x) => x.alone.direct.p50))} ms: site ÷ Meilisearch ${median(alone).toFixed(2)} (runs ${range(alone, 2)})   goal ≤ 1.20: ${v(median(alone) <= 1.2)}`);
    const whole = u.map((x) => x.alone.site.p50 / x.alone.whole.p50);
    lines.push(`    one search at a time, every search: site p50 ${median(u.map((x) => x.alone.site.p50))} ms, Meilisearch doing the whole search ${median(u.map((x) => x.alone.whole.p50))} ms: site ÷ Meilisearch ${median(whole).toFixed(2)} (runs ${range(whole, 2)})`);
    const cpuOf = (k: string) => median(u.map((x) => x.cpu[k] ?? NaN)).toFixed(2);
    lines.push(`    CPU per search at ${CONNECTIONS} connections (medians, ms): site ${cpuOf("site")}, its Meilisearch ${cpuOf("meilisearch")}, PostgreSQL ${cpuOf("postgres")}, the load generator ${cpuOf("load")}`);
    lines.push(`    sub-queries per search: ${median(u.map((x) => x.subQueries)).toFixed(2)}`);
    if (siteAnswersOn) lines.push(`    reading a query's matches (once per words and index change, in the background, from the second ask): Meilisearch p50 ${median(u.map((x) => x.matchesRead.p50))} ms, p95 ${median(u.map((x) => x.matchesRead.p95))} ms over the ${WORDS.length} words`);
    }
    const memGoal = r.size <= 60 ? 200 : 300;
    if (!Number.isNaN(r.idleRss)) lines.push(`  memory: site idle ${r.idleRss} MB 10 s after the traffic (goal ≤ ${memGoal} MB at this size: ${v(r.idleRss <= memGoal)}), ${r.quietRss} MB after ${Math.round(LONG_QUIET_MS / 1000) + 2} s quiet (expired answers and pages dropped), during a search outage ${r.outage.rss} MB (${r.outage.engine}; goal ≤ 300 MB: ${v(r.outage.rss <= 300)}), Meilisearch child ${r.meiliRss} MB`);
    if (r.exported) lines.push(`  the secretariat's CSV of every facility: ${r.exported.mb.toFixed(1)} MB in ${r.exported.seconds.toFixed(1)} s, site RSS peak ${r.exported.peak} MB (streamed in batches; the heap limit is --max-old-space-size)`);
    if (r.fresh.length) lines.push(`  freshness: p50 ${Math.round(median(r.fresh))} ms, p95 ${Math.round(pct(r.fresh, 95))} ms over ${r.fresh.length} changes   goal p95 ≤ 1,000 ms: ${v(pct(r.fresh, 95) <= 1000)}`);
    if (r.restartMs.length) lines.push(`  restart to a healthy /healthz: median ${(median(r.restartMs) / 1000).toFixed(2)} s (runs ${range(r.restartMs.map((x) => x / 1000), 2)})   goal ≤ 3 s: ${v(median(r.restartMs) <= 3000)}`);
    if (r.tableMs.length) lines.push(`  the table of listing codes loaded after a restart, in the background: median ${(median(r.tableMs) / 1000).toFixed(2)} s (runs ${range(r.tableMs.map((x) => x / 1000), 2)})`);
  }
  console.log(lines.join("\n"));
}

async function main() {
  log("building the site (remix build, as npm start does)");
  const build = spawnSync("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (build.status !== 0) throw new Error("remix build failed");
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await measure(size));
  report(results);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
