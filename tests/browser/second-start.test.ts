import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, waitForHealth } from "../../search/meilisearch-process.server";
import { spawnSite } from "../setup/site-process";

/**
 * `npm start` twice on the same embedded data (the built site, as the global setup builds it): the
 * second stops at the database's lock, before it touches the first one's Meilisearch (a start
 * stops a Meilisearch left behind in its data folder, and it starts Meilisearch while it opens the
 * database).
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), "gm-second-start-"));
const started: ChildProcess[] = [];
afterAll(async () => {
  for (const child of started) {
    if (child.exitCode !== null) continue;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    });
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function startSite() {
  const port = await freePort();
  const child = spawnSite({ port, dataDir, databaseUrl: `pglite:${path.join(dataDir, "pglite")}` });
  started.push(child);
  const site = { child, base: `http://127.0.0.1:${port}`, output: "" };
  child.stdout!.on("data", (c) => (site.output += c));
  child.stderr!.on("data", (c) => (site.output += c));
  return site;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("a second start on the same embedded data", () => {
  it("stops at the lock with a message in Japanese, and the first site keeps its Meilisearch", async () => {
    const first = await startSite();
    await waitForHealth(first.base, 90_000, first.child, "/healthz");
    const meiliPid = Number(first.output.match(/meilisearch: child process (\d+)/)?.[1]);
    expect(alive(meiliPid)).toBe(true);

    const second = await startSite();
    const code = await new Promise((resolve) => second.child.once("exit", resolve));
    expect(code).not.toBe(0);
    expect(second.output).toContain("すでに別のプロセス");
    expect(second.output).not.toContain("meilisearch: child process");

    expect(alive(meiliPid)).toBe(true);
    const health = await (await fetch(`${first.base}/healthz`)).json();
    expect(health).toEqual({ database: "ok", search: "ok", mail: "ok" });
    // The first one still searches with its Meilisearch.
    const search = await (await fetch(`${first.base}/api/search?q=${encodeURIComponent("在宅")}`)).json();
    expect(search).toMatchObject({ total: 0, engine: "meilisearch" });
  }, 120_000);
});
