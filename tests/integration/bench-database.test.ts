import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { dropBenchDatabase, prepareBenchDatabase } from "../../scripts/lib/bench-database";

/** The benchmark touches only the database its URL names, and only one it made itself. */
const server = inject("postgresServerUrl");

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

const at = (name: string) => {
  const url = new URL(server!);
  url.pathname = `/${name}`;
  return url.toString();
};

describe.skipIf(!server)("the benchmark's database", () => {
  it("refuses the server's own databases and a database holding someone else's tables; drops only its own", async () => {
    await expect(prepareBenchDatabase(at("postgres"))).rejects.toThrow(/database of its own/);
    const foreign = `gm_bench_foreign_${process.pid}`;
    await sql(at("postgres"), `DROP DATABASE IF EXISTS ${foreign}`);
    await sql(at("postgres"), `CREATE DATABASE ${foreign}`);
    try {
      await sql(at(foreign), "CREATE TABLE precious (id int)");
      await expect(prepareBenchDatabase(at(foreign))).rejects.toThrow(/refusing to touch it/);
      await expect(dropBenchDatabase(at(foreign))).rejects.toThrow(/not dropping it/);
      expect(await sql(at(foreign), "SELECT count(*)::int AS n FROM precious")).toEqual([{ n: 0 }]);
    } finally {
      await sql(at("postgres"), `DROP DATABASE IF EXISTS ${foreign}`);
    }
    const own = `gm_bench_own_${process.pid}`;
    expect(await prepareBenchDatabase(at(own))).toBe(true); // created
    expect(await prepareBenchDatabase(at(own))).toBe(false); // reused, emptied
    await dropBenchDatabase(at(own));
    expect(await sql(at("postgres"), `SELECT 1 FROM pg_database WHERE datname = '${own}'`)).toEqual([]);
  });
});
