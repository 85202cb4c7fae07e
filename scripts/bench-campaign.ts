// A guidance-mail campaign to 20,000 opted-in physicians, on PostgreSQL, against a local Resend fake.
//   npm run bench:campaign          (BENCH_RECIPIENTS, BENCH_PG, BENCH_RUNS, BENCH_FAKE_LATENCY_MS to change;
//                                    BENCH_PACE=<mails/s> sends at that pace instead of as fast as the fake answers;
//                                    BENCH_WORKER_FLAGS="" runs the worker without the site's heap limit)
// Prints, per run and as medians: time to queue (goal ≤ 10 s), send rate through the batch API,
// the memory of the queueing process and of the worker (goal: growth ≤ 100 MB), and a worker
// killed mid-send and replaced: mails delivered, duplicates (goal 0), missing (goal 0).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startResendFake } from "../tests/fakes/resend";
import { DEFAULT_BENCH_URL, dropBenchDatabase, prepareBenchDatabase } from "./lib/bench-database";

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LATENCY = Number(process.env.BENCH_FAKE_LATENCY_MS ?? 30);
const url = process.env.BENCH_PG ?? DEFAULT_BENCH_URL.replace(/gm_bench$/, "gm_bench_campaign");
// The worker runs with the V8 heap limit the site runs with (package.json "start" and "serve"); without
// one, V8 on a large machine lets ~150 MB of garbage from sent batches pile up before collecting it.
const WORKER_FLAGS = (process.env.BENCH_WORKER_FLAGS ?? "--max-old-space-size=1024").split(" ").filter(Boolean);
const mb = (bytes: number) => Math.round(bytes / 1048576);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const created = await prepareBenchDatabase(url);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-bench-campaign-"));
  const fake = await startResendFake();
  fake.setDelay(LATENCY);
  const env = {
    ...process.env,
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    WORKERS: "off",
    DEMO_DATA: "off",
    NODE_ENV: "test" as const,
    RESEND_API_KEY: "re_bench_key",
    RESEND_BASE_URL: fake.url,
    SESSION_SECRET: "bench-session-secret-0123456789abcdef0123",
    APP_URL: "http://127.0.0.1:3000",
    CAMPAIGN_BATCH_SIZE: process.env.BENCH_BATCH_SIZE ?? "100",
  };
  Object.assign(process.env, env);
  const { migrateDatabase, disconnectDatabase, prisma } = await import("../app/utils/db.server");
  const { syncReferenceData } = await import("../app/utils/reference-data.server");
  const { createCampaign, queueCampaign } = await import("../app/campaigns/campaigns.server");
  await migrateDatabase();
  await syncReferenceData();

  // 20,000 physicians who opted in (and 2,000 who did not), written in one statement each.
  const t0 = performance.now();
  await prisma.$executeRawUnsafe(`
    INSERT INTO "User" (id, email, "passwordHash", role, "emailVerifiedAt", "guidanceConsentAt", "guidanceConsentSource", "createdAt", "updatedAt")
    SELECT 'bench-' || g, 'physician' || g || '@example.jp', 'x', 'PHYSICIAN', now(), CASE WHEN g <= ${RECIPIENTS} THEN now() END, 'signup', now(), now()
    FROM generate_series(1, ${RECIPIENTS + 2000}) g`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "PhysicianProfile" ("userId", name, "nameKana", "workplaceType", "prefectureCode", "specialtyCode", "licenceYear", "programParticipant", "interestPrefectureCodes", "lookingFor", "updatedAt")
    SELECT 'bench-' || g, '医師' || g, 'いし', 'OTHER', lpad(((g % 47) + 1)::text, 2, '0'), 'internal-medicine', 2000 + g % 25, g % 3 = 0, ARRAY[lpad(((g % 47) + 1)::text, 2, '0')], ARRAY['training'], now()
    FROM generate_series(1, ${RECIPIENTS + 2000}) g`);
  console.log(`\nCampaign benchmark — ${RECIPIENTS.toLocaleString()} opted-in physicians, PostgreSQL ${url.replace(/\/\/[^@]*@/, "//")}, Resend fake answering each batch in ${LATENCY} ms`);
  console.log(`  set-up: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const worker = (extra: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [...WORKER_FLAGS, "--import", "tsx", "scripts/bench/campaign-worker.ts"], { env: { ...env, ...extra }, stdio: ["ignore", "pipe", "inherit"] });
    const events: Array<Record<string, number | string>> = [];
    child.stdout!.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        try {
          events.push(JSON.parse(line));
        } catch {
          /* not ours */
        }
      }
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    return { child, events, exited };
  };
  const sentTo = (subject: string) => fake.received.filter((m) => m.body.subject === subject).map((m) => String(m.body.to));

  type Run = { queueS: number; queueRssGrowth: number; rate: number; workerStart: number; workerPeak: number; killDelivered: number; killDuplicates: number; killMissing: number };
  const runs: Run[] = [];
  for (let run = 1; run <= RUNS; run++) {
    // 1. Queue (in this process) and send with one worker.
    const subject = `ベンチマーク案内 ${run}`;
    const campaign = await createCampaign({ subject, body: "総合医を目指す先生へ、受け入れ医療機関のご案内です。\n\n・詳しくは https://gm-network.example/search をご覧ください", featured: [], featuredIds: [], prefectureCodes: [], specialtyCodes: [], participation: "any" }, "bench");
    if (global.gc) global.gc();
    const rssBefore = process.memoryUsage().rss;
    const q = performance.now();
    const queued = await queueCampaign(campaign.id);
    const queueS = (performance.now() - q) / 1000;
    const queueRssGrowth = mb(process.memoryUsage().rss - rssBefore);
    if (!queued.ok || queued.queued !== RECIPIENTS) throw new Error(`queued ${JSON.stringify(queued)}`);
    const s = performance.now();
    const w = worker(process.env.BENCH_PACE ? { BENCH_PACE: process.env.BENCH_PACE } : {});
    await w.exited;
    const sendS = (performance.now() - s) / 1000;
    const done = w.events.find((e) => e.event === "done")!;
    const start = w.events.find((e) => e.event === "warm") ?? w.events.find((e) => e.event === "start")!;
    const delivered = sentTo(subject);
    if (delivered.length !== RECIPIENTS || new Set(delivered).size !== RECIPIENTS) throw new Error(`run ${run}: ${delivered.length} delivered, ${new Set(delivered).size} distinct`);

    // 2. Kill the worker mid-send (SIGKILL, no clean-up), start another: nobody twice, nobody missed.
    const killSubject = `ベンチマーク案内（中断） ${run}`;
    const second = await createCampaign({ subject: killSubject, body: "中断のテストです。受け入れ医療機関のご案内。", featured: [], featuredIds: [], prefectureCodes: [], specialtyCodes: [], participation: "any" }, "bench");
    await queueCampaign(second.id);
    const k = worker({ BENCH_LEASE_MS: "2000" });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (sentTo(killSubject).length >= RECIPIENTS / 3) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    (k.child as ChildProcess).kill("SIGKILL");
    await k.exited;
    const atKill = sentTo(killSubject).length;
    const r = worker({ BENCH_LEASE_MS: "2000" });
    await r.exited;
    const after = sentTo(killSubject);
    const result: Run = {
      queueS,
      queueRssGrowth,
      rate: RECIPIENTS / sendS,
      workerStart: Number(start.rss),
      workerPeak: Number(done.peak),
      killDelivered: after.length,
      killDuplicates: after.length - new Set(after).size,
      killMissing: RECIPIENTS - new Set(after).size,
    };
    runs.push(result);
    if (result.killMissing > 0 || result.killDuplicates > 0) {
      const rows = await prisma.$queryRaw<Array<{ status: string; n: bigint }>>`SELECT status::text, count(*) AS n FROM "MailOutbox" WHERE "campaignId" = ${second.id} GROUP BY 1`;
      const batches = await prisma.$queryRaw<Array<{ status: string; n: bigint }>>`SELECT status::text, count(*) AS n FROM "CampaignBatch" WHERE "campaignId" = ${second.id} GROUP BY 1`;
      const got = new Set(after);
      const lost = await prisma.mailOutbox.findMany({ where: { campaignId: second.id }, select: { toAddress: true, status: true, campaignBatchId: true, attempts: true, providerMessageId: true } });
      const missing = lost.filter((l) => !got.has(l.toAddress)).slice(0, 5);
      const key = `gm-campaign-batch-${missing[0]?.campaignBatchId}`;
      const inFake = fake.received.filter((m) => m.idempotencyKey === key);
      console.log("  diagnostics:", rows, batches, missing, r.events, k.events.slice(-2));
      console.log("  batch in fake:", inFake.length, inFake.map((m) => m.body.to).slice(0, 3), fake.batchCalls.filter((b) => b.idempotencyKey === key));
      console.log("  batch in db:", await prisma.campaignBatch.findUnique({ where: { id: missing[0]?.campaignBatchId ?? "" } }), await prisma.mailOutbox.count({ where: { campaignBatchId: missing[0]?.campaignBatchId } }));
    }
    console.log(
      `  run ${run}: queue ${queueS.toFixed(2)} s (RSS +${queueRssGrowth} MB) · send ${sendS.toFixed(1)} s = ${Math.round(result.rate)} mails/s · worker RSS after its first batch ${result.workerStart} → peak ${result.workerPeak} MB · killed at ${atKill}, then ${after.length} delivered, ${result.killDuplicates} twice, ${result.killMissing} missing`,
    );
  }
  const m = (k: keyof Run) => median(runs.map((r) => r[k]));
  console.log(`\n  medians of ${RUNS} runs                         figure        goal`);
  console.log(`  time to queue ${RECIPIENTS.toLocaleString()} mails             ${m("queueS").toFixed(2).padStart(8)} s    ≤ 10 s`);
  console.log(`  RSS growth while queueing                 ${String(m("queueRssGrowth")).padStart(8)} MB   ≤ 100 MB`);
  console.log(`  send rate (batch API, ${LATENCY} ms per call)      ${String(Math.round(m("rate"))).padStart(8)} /s   (limited by CAMPAIGN_MAILS_PER_SECOND in production)`);
  console.log(`  worker RSS growth while sending           ${String(median(runs.map((r) => r.workerPeak - r.workerStart))).padStart(8)} MB   ≤ 100 MB  (from its RSS after the first batch)`);
  console.log(`  killed mid-send: sent twice               ${String(Math.max(...runs.map((r) => r.killDuplicates))).padStart(8)}      0`);
  console.log(`  killed mid-send: never sent               ${String(Math.max(...runs.map((r) => r.killMissing))).padStart(8)}      0`);
  await disconnectDatabase();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (created || process.env.BENCH_KEEP !== "1") await dropBenchDatabase(url);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
