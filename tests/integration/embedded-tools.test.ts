import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";

/**
 * The command-line tools while the site runs on the embedded database: they must not open it (one
 * process only), so they ask the site through its admin socket (app/server/admin.server.ts).
 */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

function env(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: dir,
    DATABASE_URL: `pglite:${path.join(dir, "pglite")}`,
    MEILI_HOST: inject("meiliHost"),
    MEILI_MASTER_KEY: inject("meiliKey"),
    MEILI_INDEX_PREFIX: `tools${process.pid}_`,
    NODE_ENV: "test",
  };
}

function tool(dir: string, script: string, args: string[] = [], extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], { env: { ...env(dir), ...extra }, encoding: "utf8", timeout: 120_000 });
}

describe("command-line tools beside a running site on the embedded database", () => {
  it("create-secretariat, search:check and db:backup go through the site; the database stays single-process", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gm-tools-"));
    try {
      const site = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/mini-site.ts", dir], { env: env(dir), stdio: ["ignore", "pipe", "pipe"] });
      children.push(site);
      let output = "";
      await new Promise<void>((resolve, reject) => {
        site.stdout!.on("data", (c) => ((output += c), output.includes("ready") && resolve()));
        site.stderr!.on("data", (c) => (output += c));
        site.on("exit", () => reject(new Error(`the site stopped: ${output}`)));
      });

      const created = tool(dir, "scripts/create-secretariat.ts", ["--email", "office@tools.example.jp"], { SECRETARIAT_PASSWORD: "tools password 1" });
      expect(created.stderr).toBe("");
      expect(created.stdout).toContain(`through the running site, PID ${site.pid}`);

      const checked = tool(dir, "scripts/search-check.ts");
      expect(checked.stdout).toContain("in sync");
      expect(checked.status).toBe(0);

      const backup = path.join(dir, "backup.tar.gz");
      const backedUp = tool(dir, "scripts/db-backup.ts", ["--out", backup]);
      expect(backedUp.stdout).toContain(`taken by the running site, PID ${site.pid}`);
      expect(existsSync(backup)).toBe(true);

      // The account is in the site's database: restored elsewhere, the backup has it.
      site.kill("SIGTERM");
      await new Promise((r) => site.once("exit", r));
      const copy = mkdtempSync(path.join(os.tmpdir(), "gm-tools-copy-"));
      try {
        const restored = tool(copy, "scripts/db-restore.ts", [backup, "--yes"]);
        expect(restored.stdout).toContain("Restored into");
        const row = spawnSync(process.execPath, ["--import", "tsx", "-e", `
          const { prisma } = await import("~/utils/db.server");
          const user = await prisma.user.findUnique({ where: { email: "office@tools.example.jp" }, select: { role: true } });
          console.log(JSON.stringify(user));
          process.exit(0);`], { env: env(copy), encoding: "utf8" });
        expect(JSON.parse(row.stdout.trim().split("\n").pop()!)).toEqual({ role: "SECRETARIAT" });
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
      expect(readFileSync(backup).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
