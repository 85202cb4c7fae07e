import pg from "pg";

/**
 * Test databases on PostgreSQL: a template database migrated once per run, and one copy per
 * test worker (CREATE DATABASE … TEMPLATE is a file copy: milliseconds).
 * TEST_DATABASE_URL names the server (any database on it, e.g. …/postgres).
 */
export function testPostgresUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL;
  return url && /^(postgres|postgresql):\/\//.test(url) ? url : null;
}

export function databaseUrl(serverUrl: string, database: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function recreateDatabase(serverUrl: string, database: string, template?: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${database}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, database);
}

export async function dropDatabase(serverUrl: string, database: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export const TEMPLATE_DATABASE = "gm_test_template";
