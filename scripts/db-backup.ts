// A consistent, dated backup of the database (docs/decisions/0012-embedded-data.md).
//   npm run db:backup                  (writes to DATA_DIR/backups/; --out FILE to choose)
// Embedded PGlite: PGlite's own dump of its data directory (gzipped tar), taken by the running
// site when there is one, or by this tool. PostgreSQL: pg_dump in custom format (-Fc).
// A backup holds personal data (physicians' profiles and messages): keep it encrypted.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { disconnectDatabase, dumpEmbeddedDatabase, embeddedDataDir, migrateDatabase } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { runningSite } from "./lib/running-site";

if (existsSync(".env")) process.loadEnvFile(".env");
const { values } = parseArgs({ options: { out: { type: "string" } } });

/** A path as the person will type it: relative to here when inside, absolute otherwise. */
function shown(file: string) {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

function stamp(now = new Date()) {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

async function main() {
  const env = getEnv();
  const embedded = embeddedDataDir();
  const dir = path.join(env.DATA_DIR, "backups");
  if (embedded) {
    const file = path.resolve(values.out ?? path.join(dir, `gm-network-pglite-${stamp()}.tar.gz`));
    mkdirSync(path.dirname(file), { recursive: true });
    const site = runningSite();
    const dump = site ? await site.call("/backup") : await (async () => {
      await migrateDatabase();
      try {
        return await dumpEmbeddedDatabase();
      } finally {
        await disconnectDatabase();
      }
    })();
    writeFileSync(file, dump, { mode: 0o600 });
    console.log(`Backup written: ${file} (${(dump.length / 1024 / 1024).toFixed(1)} MB${site ? `, taken by the running site, PID ${site.pid}` : ""})`);
    console.log(`Restore it with: npm run db:restore -- ${shown(file)}`);
    return;
  }
  const pgDump = spawnSync("pg_dump", ["--version"], { encoding: "utf8" });
  if (pgDump.error) {
    throw new Error(
      "pg_dump が見つかりません。PostgreSQL のクライアントを入れてください（Debian/Ubuntu: apt-get install postgresql-client。サーバーと同じか新しい版）。\n" +
        "pg_dump was not found: install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client), the server's version or newer.",
    );
  }
  const file = path.resolve(values.out ?? path.join(dir, `gm-network-postgres-${stamp()}.dump`));
  mkdirSync(path.dirname(file), { recursive: true });
  const run = spawnSync("pg_dump", ["--format=custom", "--no-owner", "--file", file, env.DATABASE_URL], { stdio: "inherit" });
  if (run.status !== 0) throw new Error(`pg_dump failed (exit ${run.status})`);
  console.log(`Backup written: ${file} (${pgDump.stdout.trim()})`);
  console.log(`Restore it into an empty database with: npm run db:restore -- ${shown(file)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
