// Restores a backup made by `npm run db:backup` into an EMPTY database (never over live data).
//   npm run db:restore -- FILE [--yes]
// Embedded PGlite: the database directory must not exist yet (move the old one aside first).
// PostgreSQL (DATABASE_URL): the database must have no tables; pg_restore fills it.
// The search index is not in the backup: the site rebuilds it from the restored data at its next
// start (searches meanwhile are answered from the database).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { lockHolder } from "~/utils/data-lock.server";
import { embeddedDataDir, restoreEmbeddedDatabase } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

if (existsSync(".env")) process.loadEnvFile(".env");
const { values, positionals } = parseArgs({ options: { yes: { type: "boolean" } }, allowPositionals: true });

async function confirm(what: string) {
  if (values.yes) return;
  if (!process.stdin.isTTY) throw new Error("Add --yes to restore without being asked (no terminal to ask on).");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`${what}\n続けるには restore と入力してください / Type "restore" to go on: `);
  rl.close();
  if (answer.trim() !== "restore") throw new Error("Cancelled: nothing was changed.");
}

async function main() {
  const file = positionals[0];
  if (!file || !existsSync(file)) throw new Error("Usage: npm run db:restore -- FILE [--yes]  (FILE: a backup from npm run db:backup)");
  const env = getEnv();
  const embedded = embeddedDataDir();
  if (embedded) {
    const location = env.DATABASE_URL.slice("pglite:".length);
    const holder = lockHolder(embedded);
    if (holder) throw new Error(`The site (PID ${holder.pid}) is running on this data directory: stop it before restoring.`);
    if (existsSync(location) && readdirSync(location).length) {
      throw new Error(`${location} already holds a database. Move it aside (for example: mv ${location} ${location}.old), then restore into the empty place.`);
    }
    await confirm(`${file} を ${location} に復元します。/ Restoring ${file} into ${location}.`);
    await restoreEmbeddedDatabase(path.resolve(location), readFileSync(file));
    console.log(`Restored into ${location}. Start the site (npm start): it rebuilds the search index from the restored data.`);
    return;
  }
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const tables = (await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n as number;
  await client.end();
  if (tables > 0) throw new Error(`The database in DATABASE_URL already has ${tables} tables: restore only into an empty database (createdb a new one and point DATABASE_URL at it).`);
  if (spawnSync("pg_restore", ["--version"]).error) throw new Error("pg_restore が見つかりません / pg_restore was not found: apt-get install postgresql-client");
  await confirm(`${file} を DATABASE_URL のデータベースに復元します。/ Restoring ${file} into the database in DATABASE_URL.`);
  const run = spawnSync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname", env.DATABASE_URL, file], { stdio: "inherit" });
  if (run.status !== 0) throw new Error(`pg_restore failed (exit ${run.status})`);
  console.log("Restored. Start the site: it rebuilds the search index from the restored data.");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
