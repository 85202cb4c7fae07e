// Load generator for the search benchmark, run as its own process on loopback.
//   node scripts/bench/load.mjs <baseUrl> <seconds> <connections> <urls.json> [once]
// With "once", each URL is requested a single time (cold, uncached answers).
// Prints one JSON line: requests, errors, rps, p50/p95/p99 in ms (overall and per answering engine). Bounded in time.
// An entry of urls.json is a path (GET) or { path, method, headers, body } (a POST to an API).
import { readFileSync } from "node:fs";
import http from "node:http";

const [baseUrl, seconds = "10", connections = "16", urlsFile, mode] = process.argv.slice(2);
const paths = JSON.parse(readFileSync(urlsFile, "utf8"));
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });
const deadline = Date.now() + Number(seconds) * 1000;
const latencies = [];
let errors = 0;
let engines = {};
const byEngine = {};

function get(entry) {
  const { path, method = "GET", headers = {}, body } = typeof entry === "string" ? { path: entry } : entry;
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request(`${baseUrl}${path}`, { agent, method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        latencies.push(ms);
        if (res.statusCode !== 200) errors++;
        else {
          const engine = body.match(/"engine":"(\w+)"/)?.[1] ?? "?";
          engines[engine] = (engines[engine] ?? 0) + 1;
          (byEngine[engine] ??= []).push(ms);
        }
        resolve();
      });
    });
    req.on("error", () => {
      errors++;
      resolve();
    });
    req.end(body);
  });
}

let next = 0;
async function worker() {
  while (Date.now() < deadline) {
    if (mode === "once" && next >= paths.length) return;
    await get(paths[next++ % paths.length]);
  }
}

const t0 = Date.now();
await Promise.all(Array.from({ length: Number(connections) }, worker));
const elapsed = (Date.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pctOf = (list, p) => list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))]?.toFixed(1);
const pct = (p) => pctOf(latencies, p);
// Each engine's own p50 and p95 (an answer names the engine that gave it), when there is more than one.
const engineLatency = {};
for (const [engine, list] of Object.entries(byEngine)) {
  list.sort((a, b) => a - b);
  engineLatency[engine] = { p50: Number(pctOf(list, 50)), p95: Number(pctOf(list, 95)) };
}
const cpu = process.cpuUsage();
const cpuMsPerRequest = Number(((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length)).toFixed(2));
console.log(JSON.stringify({ requests: latencies.length, errors, seconds: elapsed, rps: Math.round(latencies.length / elapsed), p50: Number(pct(50)), p95: Number(pct(95)), p99: Number(pct(99)), engines, engineLatency, cpuMsPerRequest }));
agent.destroy();
