import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { configureSearch } from "../../search/client.server";
import { startMeilisearch } from "../../search/meilisearch-process.server";
import { loader as healthLoader } from "~/routes/healthz";
import { resetEnvForTests } from "~/utils/env.server";

afterEach(() => {
  configureSearch({ host: inject("meiliHost"), apiKey: inject("meiliKey") });
});

describe("when a service is down", () => {
  it("reports search as unavailable once its Meilisearch process has stopped, and stays 200", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-meili-stop-"));
    const meili = await startMeilisearch({ dataDir, masterKey: "another-master-key-0123456789" });
    try {
      configureSearch({ host: meili.host, apiKey: meili.masterKey });
      expect(await (await healthLoader()).json()).toMatchObject({ search: "ok" });
      // The key is not on its command line (ps shows that to every user), and it is required.
      expect(readFileSync(`/proc/${meili.pid}/cmdline`, "utf8")).not.toContain("another-master-key");
      expect((await fetch(`${meili.host}/indexes`)).status).toBe(401);
      await meili.stop();
      const response = await healthLoader();
      expect(response.status).toBe(200);
      expect((await response.json()).search).toBe("unavailable");
    } finally {
      await meili.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("replaces a Meilisearch left running on the same data by a killed parent", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-meili-leftover-"));
    const leftover = await startMeilisearch({ dataDir, masterKey: "leftover-master-key-0123456789" });
    // As if the parent had been SIGKILLed: nobody stops `leftover`; the next start must cope.
    const next = await startMeilisearch({ dataDir, masterKey: "leftover-master-key-0123456789" });
    try {
      expect(existsSync(`/proc/${leftover.pid}`)).toBe(false);
      configureSearch({ host: next.host, apiKey: next.masterKey });
      expect(await (await healthLoader()).json()).toMatchObject({ search: "ok" });
    } finally {
      await next.stop();
      await leftover.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("answers 503 when the database is unreachable", async () => {
    // Prisma logs the failed query; that log is expected here.
    vi.mocked(console.error).mockImplementation(() => {});
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/unreachable";
    resetEnvForTests();
    const response = await healthLoader();
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ database: "unavailable", search: expect.any(String), mail: "unknown" });
    // Nothing of the error itself: no host, port or driver message.
    expect(text).not.toMatch(/127\.0\.0\.1|:1\b|ECONNREFUSED|prisma|postgres/i);
    vi.mocked(console.error).mockClear();
  });
});
