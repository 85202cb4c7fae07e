import pg from "pg";

/**
 * The benchmark's database: the one its URL names (by default a database of its own, gm_bench, on
 * the local server). It is created if missing; it is used only if it is empty or was made by the
 * benchmark (a marker table); nothing outside it is ever dropped.
 */
export const DEFAULT_BENCH_URL = "postgres://postgres:postgres@127.0.0.1:5432/gm_bench";
const MARKER = "_gm_bench_marker";

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function query(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function benchDatabaseName(url: string) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name || ["postgres", "template0", "template1"].includes(name)) {
    throw new Error(`The benchmark needs a database of its own (for example …/gm_bench), not "${name}"`);
  }
  return name;
}

/** Makes the benchmark's database ready (empty, marked); returns whether this call created it. */
export async function prepareBenchDatabase(url: string) {
  const name = benchDatabaseName(url);
  const maintenance = withDatabase(url, "postgres");
  const exists = (await query(maintenance, "SELECT 1 FROM pg_database WHERE datname = $1", [name])).length > 0;
  if (!exists) await query(maintenance, `CREATE DATABASE ${quoted(name)}`);
  const tables = (await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map((r) => String(r.tablename));
  if (tables.length && !tables.includes(MARKER)) {
    throw new Error(`The database "${name}" holds tables the benchmark did not make; refusing to touch it. Point BENCH_PG at a database of its own.`);
  }
  // A previous benchmark's data: start again, inside this database only.
  if (tables.length) await query(url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  await query(url, `CREATE TABLE ${quoted(MARKER)} (created_at timestamptz DEFAULT now())`);
  return !exists;
}

/** Drops the benchmark's database, and only if it carries the benchmark's marker. */
export async function dropBenchDatabase(url: string) {
  const name = benchDatabaseName(url);
  const tables = (await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map((r) => String(r.tablename));
  if (!tables.includes(MARKER)) throw new Error(`The database "${name}" was not made by the benchmark; not dropping it`);
  await query(withDatabase(url, "postgres"), `DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
}
