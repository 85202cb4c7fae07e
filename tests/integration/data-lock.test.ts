import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

/** The embedded database is opened by one process only (app/utils/data-lock.server.ts). */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

function open(dir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/hold-data-lock.ts", dir], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const outcome = new Promise<{ ready: boolean; code: number | null; output: string }>((resolve) => {
    child.stdout!.on("data", () => output.includes("ready") && resolve({ ready: true, code: null, output }));
    child.on("exit", (code) => resolve({ ready: false, code, output }));
  });
  return { child, outcome };
}

const exited = (child: ChildProcess) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));

describe("the embedded database's lock", () => {
  it("refuses a second process while the first runs, names the holder in Japanese and English, and lets it in once the first stopped", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gm-lock-"));
    try {
      const first = open(dir);
      expect((await first.outcome).ready).toBe(true);
      const second = await open(dir).outcome;
      expect(second).toMatchObject({ ready: false, code: 1 });
      expect(second.output).toContain(`PID ${first.child.pid}`);
      expect(second.output).toContain("すでに別のプロセス");
      expect(second.output).toContain("is in use by another process");
      first.child.kill("SIGTERM");
      await exited(first.child);
      expect(existsSync(path.join(dir, "gm-network.lock"))).toBe(false); // given back on exit
      expect((await open(dir).outcome).ready).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("takes over a lock left by a process killed with SIGKILL", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gm-lock-"));
    try {
      const killed = open(dir);
      expect((await killed.outcome).ready).toBe(true);
      killed.child.kill("SIGKILL");
      await exited(killed.child);
      expect(existsSync(path.join(dir, "gm-network.lock"))).toBe(true); // left behind
      const next = await open(dir).outcome;
      expect(next.ready).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
