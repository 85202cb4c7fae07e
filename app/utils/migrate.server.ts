import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/**
 * Applies prisma/migrations/<name>/migration.sql in name order, recording each in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, so the Prisma CLI and the app
 * agree on what is applied. The app runs this at start-up because the CLI needs a schema
 * engine that cannot be downloaded everywhere (docs/decisions/0002-database.md).
 */
export interface SqlRunner {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same in every process of this app.
const ADVISORY_LOCK_KEY = 472_019_001;

export function migrationsDirectory() {
  return path.resolve(process.env.GM_MIGRATIONS_DIR ?? "prisma/migrations");
}

export function readMigrations(dir = migrationsDirectory()) {
  if (!existsSync(dir)) throw new Error(`No migrations directory at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function applyMigrations(runner: SqlRunner, log: (line: string) => void = () => {}) {
  await runner.exec(MIGRATIONS_TABLE);
  const applied = await runner.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const done = new Map(applied.map((r) => [r.migration_name, r.checksum]));
  const ran: string[] = [];
  for (const migration of readMigrations()) {
    const previous = done.get(migration.name);
    if (previous) {
      if (previous !== migration.checksum) {
        log(`[migrate] warning: ${migration.name} was edited after it was applied`);
      }
      continue;
    }
    log(`[migrate] applying ${migration.name}`);
    await runner.exec("BEGIN");
    try {
      await runner.exec(migration.sql);
      await runner.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      await runner.exec("COMMIT");
    } catch (error) {
      await runner.exec("ROLLBACK");
      throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
    }
    ran.push(migration.name);
  }
  await applyGuards(runner);
  return ran;
}

/**
 * prisma/guards.sql: triggers and functions Prisma's schema cannot express (idempotent). Applied
 * when the file changed since it was last applied, or a trigger it creates is missing: its
 * checksum is kept as the comment of the file's first function. Re-applying it at every start
 * took 0.13 s of the embedded database's start.
 */
async function applyGuards(runner: SqlRunner) {
  const file = path.join(path.dirname(migrationsDirectory()), "guards.sql");
  if (!existsSync(file)) return;
  const sql = readFileSync(file, "utf8");
  const checksum = `guards.sql sha256:${createHash("sha256").update(sql).digest("hex")}`;
  const marker = sql.match(/CREATE OR REPLACE FUNCTION (\w+)\(\)/)?.[1];
  const triggers = [...sql.matchAll(/CREATE TRIGGER (\w+)/g)].map((m) => m[1]!);
  if (marker) {
    const [state] = await runner.query<{ applied: string | null; triggers: number }>(
      `SELECT obj_description(to_regproc($1), 'pg_proc') AS applied,
              (SELECT count(DISTINCT tgname)::int FROM pg_trigger WHERE tgname = ANY($2::text[]) AND NOT tgisinternal) AS triggers`,
      [marker, triggers],
    );
    if (state?.applied === checksum && state.triggers === triggers.length) return;
  }
  await runner.exec("BEGIN");
  try {
    await runner.exec(sql);
    if (marker) await runner.exec(`COMMENT ON FUNCTION ${marker}() IS '${checksum}'`);
    await runner.exec("COMMIT");
  } catch (error) {
    await runner.exec("ROLLBACK");
    throw new Error(`prisma/guards.sql failed: ${(error as Error).message}`);
  }
}

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/** Runs `fn` on one PostgreSQL connection holding an advisory lock, so concurrent starts queue. */
export async function withPostgresRunner<T>(url: string, fn: (runner: SqlRunner) => Promise<T>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    return await fn({
      async query<R>(sql: string, params: unknown[] = []) {
        return (await client.query(sql, params)).rows as R[];
      },
      async exec(sql: string) {
        await client.query(sql);
      },
    });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
