// Importing a 5,000-row application-form CSV (Shift_JIS, as Excel saves it), on PostgreSQL.
//   npm run bench:import          (BENCH_ROWS, BENCH_RUNS, BENCH_PG to change)
// Prints per run and as medians: reading and checking the upload (decode, parse, store, preview
// every row), the import itself (operators, drafts, invitations, mails; chunked transactions),
// and the process's memory (RSS before, peak while importing).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import iconv from "iconv-lite";
import { DEFAULT_BENCH_URL, dropBenchDatabase, prepareBenchDatabase } from "./lib/bench-database";

const ROWS = Number(process.env.BENCH_ROWS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const url = process.env.BENCH_PG ?? DEFAULT_BENCH_URL.replace(/gm_bench$/, "gm_bench_import");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number) => Math.round(n / 1048576);

const PREFS = ["北海道", "青森県", "岩手県", "茨城県", "東京都", "長野県", "京都府", "鳥取県", "高知県", "沖縄県"];
const NAMES = ["渡邉", "齋藤", "髙橋", "山﨑", "濱田", "櫻井", "廣瀬", "德田", "嶋田", "澤田"];

function formCsv(run: number) {
  const headers = ["タイムスタンプ", "メールアドレス", "医療機関名", "法人名", "都道府県", "住所", "電話番号", "病床数", "ご担当者名", "役職", "受け入れの方針"];
  const lines = [headers.join(",")];
  for (let i = 0; i < ROWS; i++) {
    const pref = PREFS[i % PREFS.length]!;
    lines.push(
      [
        `2026/10/${String((i % 28) + 1).padStart(2, "0")} 9:${String(i % 60).padStart(2, "0")}:00`,
        `jimu${run}-${i}@hospital${i}.example.jp`,
        `医療法人社団 ${NAMES[i % 10]}会 ${NAMES[(i + 3) % 10]}記念病院 第${run}-${i + 1}`,
        `医療法人社団 ${NAMES[i % 10]}会`,
        pref,
        `${pref}中央市本町１－${(i % 50) + 1}`,
        `０${(i % 9) + 1}－１２３４－５６７８`,
        String(20 + (i % 300)),
        `${NAMES[(i + 5) % 10]} 太郎`,
        "事務長",
        `"地域で総合診療を学びたい先生を歓迎します。学習時間の確保と、指導医による振り返りを大切にしています。"`,
      ].join(","),
    );
  }
  return new Uint8Array(iconv.encode(lines.join("\r\n") + "\r\n", "shift_jis"));
}

async function main() {
  const created = await prepareBenchDatabase(url);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-bench-import-"));
  Object.assign(process.env, { DATABASE_URL: url, DATA_DIR: dataDir, WORKERS: "off", DEMO_DATA: "off", NODE_ENV: "test", SESSION_SECRET: "bench-session-secret-0123456789abcdef0123", APP_URL: "http://127.0.0.1:3000" });
  const { migrateDatabase, disconnectDatabase, prisma } = await import("../app/utils/db.server");
  const { syncReferenceData } = await import("../app/utils/reference-data.server");
  const { createImport, importPreview, startImport, runFacilityImports } = await import("../app/onboarding/imports.server");
  await migrateDatabase();
  await syncReferenceData();
  const office = await prisma.user.create({ data: { email: "office@bench.example", passwordHash: "x", role: "SECRETARIAT" } });
  console.log(`\nImport benchmark — ${ROWS.toLocaleString()}-row form CSV in Shift_JIS, PostgreSQL ${url.replace(/\/\/[^@]*@/, "//")}`);

  const runs: Array<{ read: number; preview: number; imported: number; rowsPerS: number; rssBefore: number; rssPeak: number }> = [];
  for (let run = 1; run <= RUNS; run++) {
    const bytes = formCsv(run);
    if (global.gc) global.gc();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const upload = await createImport({ fileName: `form-${run}.csv`, bytes, actorId: office.id });
    if (!upload.ok) throw new Error(upload.message);
    const t1 = performance.now();
    const preview = await importPreview(upload.id);
    const t2 = performance.now();
    if (preview?.counts.valid !== ROWS) throw new Error(`expected ${ROWS} valid rows, got ${JSON.stringify(preview?.counts)}`);
    const started = await startImport(upload.id);
    if (!started.ok) throw new Error(started.message);
    const t3 = performance.now();
    const done = await runFacilityImports({ onProgress: (n) => { if (process.env.BENCH_TRACE && n % 1000 === 0) { const u = process.memoryUsage(); console.log(`    ${n} rows: rss ${mb(u.rss)} heap ${mb(u.heapUsed)} ext ${mb(u.external)} ab ${mb(u.arrayBuffers)}`); } } });
    const t4 = performance.now();
    clearInterval(sampler);
    if (!done?.done || done.created !== ROWS) throw new Error(`import ${JSON.stringify(done)}`);
    const r = { read: (t1 - t0) / 1000, preview: (t2 - t1) / 1000, imported: (t4 - t3) / 1000, rowsPerS: ROWS / ((t4 - t3) / 1000), rssBefore: mb(rssBefore), rssPeak: mb(rssPeak) };
    runs.push(r);
    console.log(`  run ${run}: read and store ${r.read.toFixed(2)} s · preview every row ${r.preview.toFixed(2)} s · import ${r.imported.toFixed(1)} s (${Math.round(r.rowsPerS)} rows/s) · RSS ${r.rssBefore} → peak ${r.rssPeak} MB`);
  }
  const m = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k]));
  console.log(`\n  medians of ${RUNS} runs`);
  console.log(`  read, decode, parse and store the upload   ${m("read").toFixed(2).padStart(7)} s`);
  console.log(`  preview: check every row                   ${m("preview").toFixed(2).padStart(7)} s`);
  console.log(`  import ${ROWS.toLocaleString()} rows (drafts, invitations, mails) ${m("imported").toFixed(1).padStart(7)} s   ${Math.round(m("rowsPerS"))} rows/s`);
  console.log(`  RSS growth while importing                 ${String(median(runs.map((r) => r.rssPeak - r.rssBefore))).padStart(7)} MB`);
  await disconnectDatabase();
  rmSync(dataDir, { recursive: true, force: true });
  if (created || process.env.BENCH_KEEP !== "1") await dropBenchDatabase(url);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
