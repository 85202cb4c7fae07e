import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations, withPostgresRunner } from "../../app/utils/migrate.server";
import { startMeilisearch } from "../../search/meilisearch-process.server";
import { TEMPLATE_DATABASE, dropDatabase, recreateDatabase, testPostgresUrl } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    meiliHost: string;
    meiliKey: string;
    postgresServerUrl: string | null;
  }
}

/** Once per run: a real Meilisearch child process, and the migrated template database. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-test-meili-"));
  const meili = await startMeilisearch({ dataDir, masterKey: "test-master-key-0123456789abcdef", port: undefined });
  project.provide("meiliHost", meili.host);
  project.provide("meiliKey", meili.masterKey);

  const server = testPostgresUrl();
  project.provide("postgresServerUrl", server);
  if (server) {
    const url = await recreateDatabase(server, TEMPLATE_DATABASE);
    await withPostgresRunner(url, (runner) => applyMigrations(runner));
    console.log(`[tests] PostgreSQL: one database per worker, copied from ${TEMPLATE_DATABASE}`);
  } else {
    console.log("[tests] TEST_DATABASE_URL not set: each worker uses an in-memory PGlite database");
  }
  console.log(`[tests] Meilisearch ${meili.host} (pid ${meili.pid})`);

  return async () => {
    await meili.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (server) await dropDatabase(server, TEMPLATE_DATABASE);
  };
}
