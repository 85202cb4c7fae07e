import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, inject, vi } from "vitest";
import { configureSearch } from "../../search/client.server";
import { dropListingCodes } from "../../search/fallback-memory.server";
import { resetDatabase } from "../helpers/db";
import { dropDatabase, recreateDatabase, TEMPLATE_DATABASE } from "./test-database";

/**
 * Runs before each test file, in its worker. Points the app at this worker's own database
 * (a PostgreSQL copy of the template, or in-memory PGlite) and its own index prefix on the
 * shared Meilisearch, and empties the tables before every test.
 */
const workerId = process.env.VITEST_POOL_ID ?? "1";
const server = inject("postgresServerUrl");
const database = `gm_test_w${workerId}`;

Object.assign(process.env, {
  NODE_ENV: "test",
  WORKERS: "off",
  DEMO_DATA: "off",
  APP_URL: "http://localhost:3000",
  SESSION_SECRET: "test-session-secret-0123456789abcdef0123456789",
  DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "gm-test-data-")),
  MEILI_HOST: inject("meiliHost"),
  MEILI_MASTER_KEY: inject("meiliKey"),
  MEILI_INDEX_PREFIX: `w${workerId}_`,
  DATABASE_URL: "pglite:memory",
});
delete process.env.RESEND_API_KEY;
delete process.env.RESEND_BASE_URL;

configureSearch({ host: inject("meiliHost"), apiKey: inject("meiliKey"), indexPrefix: `w${workerId}_` });

beforeAll(async () => {
  if (server) process.env.DATABASE_URL = await recreateDatabase(server, database, TEMPLATE_DATABASE);
  const { resetEnvForTests } = await import("~/utils/env.server");
  resetEnvForTests();
  const { migrateDatabase } = await import("~/utils/db.server");
  const { syncReferenceData } = await import("~/utils/reference-data.server");
  await migrateDatabase();
  await syncReferenceData();
});

afterAll(async () => {
  const { disconnectDatabase } = await import("~/utils/db.server");
  await disconnectDatabase();
  if (server) await dropDatabase(server, database);
});

// An unexpected console.error fails the test that caused it.
let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(async () => {
  await resetDatabase();
  // The site's table of listing codes follows changes, but not rows deleted under it (the app
  // never deletes a facility); emptied tables start it again.
  dropListingCodes();
  consoleError = vi.spyOn(console, "error");
});
afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockRestore();
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((c: unknown[]) => c.join(" ")).join("\n")}`);
});
