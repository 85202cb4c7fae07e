import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, waitForHealth } from "../../search/meilisearch-process.server";
import { dropDatabase, recreateDatabase, testPostgresUrl } from "./test-database";
import { spawnSite } from "./site-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    secretariat: { email: string; password: string };
    resendWebhookSecret: string;
  }
}

/** Resend's webhook signing secret: the journeys sign bounce events with it, as Resend would. */
const RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from("e2e-resend-webhook-secret-0123456789").toString("base64")}`;
const SECRETARIAT = { email: "office@e2e.gm-network.example", password: "e2e secretariat password" };

/**
 * Builds the site and starts it the way `npm start` does (site-process.ts: its own Meilisearch child
 * process, mail in the development mailbox), on a free port with a fresh database.
 */
export default async function setup(project: TestProject) {
  const build = spawnSync("npx", ["remix", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) throw new Error("remix build failed");

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-e2e-"));
  const server = testPostgresUrl();
  const databaseUrl = server ? await recreateDatabase(server, "gm_e2e") : `pglite:${path.join(dataDir, "pglite")}`;
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl };
  // The secretariat account is made the way an operator makes one: from the command line,
  // before the site starts (PGlite allows one process at a time).
  const created = spawnSync("npx", ["tsx", "scripts/create-secretariat.ts", "--email", SECRETARIAT.email, "--name", "事務局（E2E）"], {
    stdio: "inherit",
    env: { ...env, SECRETARIAT_PASSWORD: SECRETARIAT.password },
  });
  if (created.status !== 0) throw new Error("create-secretariat failed");
  const fixtures = spawnSync("npx", ["tsx", "tests/setup/browser-fixtures.ts"], { stdio: "inherit", env });
  if (fixtures.status !== 0) throw new Error("browser fixtures failed");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawnSite({ port, dataDir, databaseUrl, extra: { RESEND_WEBHOOK_SECRET } });
  let output = "";
  child.stdout?.on("data", (c) => (output += c));
  child.stderr?.on("data", (c) => (output += c));
  try {
    await waitForHealth(baseUrl, 90_000, child, "/healthz");
  } catch (error) {
    child.kill("SIGTERM"); // lets it stop its Meilisearch child too
    throw new Error(`The site did not start: ${(error as Error).message}\n${output}`);
  }
  project.provide("baseUrl", baseUrl);
  project.provide("secretariat", SECRETARIAT);
  project.provide("resendWebhookSecret", RESEND_WEBHOOK_SECRET);

  return async () => {
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    });
    if (server) await dropDatabase(server, "gm_e2e");
    rmSync(dataDir, { recursive: true, force: true });
  };
}
