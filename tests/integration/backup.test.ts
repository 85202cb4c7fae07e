import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";

/**
 * `npm run db:backup` then `npm run db:restore` into an empty database gives back the same
 * facilities, users, threads, receipts and outbox rows, compared row by row.
 */
function run(envExtra: Record<string, string>, args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", ...args], { env: { ...process.env, NODE_ENV: "test", WORKERS: "off", DEMO_DATA: "off", ...envExtra }, encoding: "utf8", timeout: 180_000 });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}
const rows = (envExtra: Record<string, string>, seed = false) => {
  const out = run(envExtra, ["tests/fixtures/db-rows.ts", ...(seed ? ["seed"] : [])]);
  return JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown[]>;
};

describe("backup and restore", () => {
  it("on the embedded database", () => {
    const from = mkdtempSync(path.join(os.tmpdir(), "gm-backup-from-"));
    const to = mkdtempSync(path.join(os.tmpdir(), "gm-backup-to-"));
    try {
      const source = { DATA_DIR: from, DATABASE_URL: `pglite:${path.join(from, "pglite")}` };
      const before = rows(source, true);
      expect(before.Facility!.length).toBeGreaterThanOrEqual(60);
      expect(before.Receipt!.length).toBeGreaterThan(0);
      expect(before.ThreadMessage!.length).toBeGreaterThan(0);
      const file = path.join(from, "backup.tar.gz");
      expect(run(source, ["scripts/db-backup.ts", "--out", file])).toContain("Backup written");
      const target = { DATA_DIR: to, DATABASE_URL: `pglite:${path.join(to, "pglite")}` };
      expect(run(target, ["scripts/db-restore.ts", file, "--yes"])).toContain("Restored into");
      expect(rows(target)).toEqual(before);
      // Never over a database that holds data.
      expect(() => run(target, ["scripts/db-restore.ts", file, "--yes"])).toThrow(/already holds a database/);
      // The restored database opens, and its search index is built from it (never restored).
      const started = run({ ...target, MEILI_HOST: inject("meiliHost"), MEILI_MASTER_KEY: inject("meiliKey"), MEILI_INDEX_PREFIX: `restored${process.pid}_` }, [
        "--eval",
        `const { startIndexCheck } = await import("~/server/start.server");
         const { breaker, configureSearch, applyIndexSettings } = await import("./search/client.server");
         const { compareIndex } = await import("./search/rebuild.server");
         configureSearch({ host: process.env.MEILI_HOST, apiKey: process.env.MEILI_MASTER_KEY, indexPrefix: process.env.MEILI_INDEX_PREFIX });
         await applyIndexSettings();
         await startIndexCheck();
         const during = breaker.rebuilding;
         while (breaker.rebuilding) await new Promise((r) => setTimeout(r, 100));
         const diff = await compareIndex();
         console.log(JSON.stringify({ during, inSync: diff.inSync, indexed: diff.indexed }));
         process.exit(0);`,
      ]);
      expect(JSON.parse(started.trim().split("\n").pop()!)).toEqual({ during: true, inSync: true, indexed: before.Facility!.filter((f) => (f as { status: string }).status === "PUBLISHED").length });
    } finally {
      rmSync(from, { recursive: true, force: true });
      rmSync(to, { recursive: true, force: true });
    }
  }, 300_000);

  const server = inject("postgresServerUrl");
  it.skipIf(!server)("on PostgreSQL, with pg_dump and pg_restore", async () => {
    const at = (name: string) => Object.assign(new URL(server!), { pathname: `/${name}` }).toString();
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: at("postgres") });
      await client.connect();
      await client.query(sql);
      await client.end();
    };
    const [src, dst] = [`gm_backup_src_${process.pid}`, `gm_backup_dst_${process.pid}`];
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-backup-pg-"));
    try {
      for (const db of [src, dst]) {
        await admin(`DROP DATABASE IF EXISTS ${db}`);
        await admin(`CREATE DATABASE ${db}`);
      }
      const before = rows({ DATA_DIR: dataDir, DATABASE_URL: at(src) }, true);
      const file = path.join(dataDir, "backup.dump");
      expect(run({ DATA_DIR: dataDir, DATABASE_URL: at(src) }, ["scripts/db-backup.ts", "--out", file])).toContain("Backup written");
      expect(run({ DATA_DIR: dataDir, DATABASE_URL: at(dst) }, ["scripts/db-restore.ts", file, "--yes"])).toContain("Restored");
      expect(rows({ DATA_DIR: dataDir, DATABASE_URL: at(dst) })).toEqual(before);
      expect(() => run({ DATA_DIR: dataDir, DATABASE_URL: at(dst) }, ["scripts/db-restore.ts", file, "--yes"])).toThrow(/already has \d+ tables/);
    } finally {
      for (const db of [src, dst]) await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
