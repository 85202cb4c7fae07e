// Does the time a password-reset or sign-up request takes tell whether an address has an account?
//   npm run bench:account-timing        (BENCH_ROUNDS=200 to change)
// Calls the two actions in this process, on an in-memory database, alternating a registered and
// an unknown address; prints medians and the 10th–90th percentiles of each, in milliseconds.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-bench-timing-"));
  Object.assign(process.env, { DATABASE_URL: "pglite:memory", WORKERS: "off", DEMO_DATA: "off", DATA_DIR: dataDir, NODE_ENV: "test" });
  const { migrateDatabase, disconnectDatabase, prisma } = await import("../app/utils/db.server");
  const { syncReferenceData } = await import("../app/utils/reference-data.server");
  const { hashPassword } = await import("../app/utils/password.server");
  const { action: forgot } = await import("../app/routes/forgot-password");
  const { action: signup } = await import("../app/routes/signup");
  await migrateDatabase();
  await syncReferenceData();
  const passwordHash = await hashPassword("a registered password");
  await prisma.user.createMany({ data: Array.from({ length: ROUNDS }, (_, i) => ({ email: `known${i}@example.jp`, passwordHash, role: "PHYSICIAN" as const, emailVerifiedAt: new Date() })) });

  const post = (url: string, fields: Record<string, string>, _round: number) =>
    new Request(`http://localhost:3000${url}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3000" }, body: new URLSearchParams(fields) });
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    try {
      await fn();
    } catch (response) {
      if (!(response instanceof Response)) throw response;
    }
    return performance.now() - t;
  };
  const results: Record<string, number[]> = { "reset, registered": [], "reset, unknown": [], "sign-up, registered": [], "sign-up, unknown": [] };
  for (let i = 0; i < ROUNDS; i++) {
    const ip = `10.${Math.floor(i / 250)}.${i % 250}.1`; // stays under the per-address limits
    const pair: Array<[string, () => Promise<unknown>]> = [
      ["reset, registered", () => forgot({ request: post("/forgot-password", { email: `known${i}@example.jp` }, i), context: { clientIp: ip }, params: {} })],
      ["reset, unknown", () => forgot({ request: post("/forgot-password", { email: `nobody${i}@example.jp` }, i), context: { clientIp: `${ip}2` }, params: {} })],
    ];
    const signups: Array<[string, () => Promise<unknown>]> = [
      ["sign-up, registered", () => signup({ request: post("/signup", { accountType: "PHYSICIAN", email: `known${i}@example.jp`, password: "long enough pw", passwordConfirm: "long enough pw", agree: "on" }, i), context: { clientIp: `${ip}3` }, params: {} })],
      ["sign-up, unknown", () => signup({ request: post("/signup", { accountType: "PHYSICIAN", email: `new${i}@example.jp`, password: "long enough pw", passwordConfirm: "long enough pw", agree: "on" }, i), context: { clientIp: `${ip}4` }, params: {} })],
    ];
    for (const [name, fn] of i % 2 ? pair : pair.reverse()) results[name]!.push(await time(fn));
    for (const [name, fn] of i % 2 ? signups : signups.reverse()) results[name]!.push(await time(fn));
  }
  console.log(`\nRequest time by whether the address is registered — ${ROUNDS} alternating rounds, in-process, PGlite`);
  for (const [name, xs] of Object.entries(results)) {
    console.log(`  ${name.padEnd(22)} median ${pct(xs, 50).toFixed(2)} ms   p10–p90 ${pct(xs, 10).toFixed(2)}–${pct(xs, 90).toFixed(2)} ms`);
  }
  const ratio = (a: string, b: string) => (pct(results[a]!, 50) / pct(results[b]!, 50)).toFixed(2);
  console.log(`  registered ÷ unknown: reset ${ratio("reset, registered", "reset, unknown")}, sign-up ${ratio("sign-up, registered", "sign-up, unknown")}`);
  await disconnectDatabase();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
