import { spawnSync } from "node:child_process";
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const SCRIPT = path.resolve("scripts/build-if-changed.js");

/**
 * `npm start`'s build step, run in a scratch project whose `npx remix build` is a stand-in that
 * counts its runs and writes a build (the real one takes seconds; what is tested is the decision).
 */
describe("npm start builds only when the sources changed", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function project() {
    dir = mkdtempSync(path.join(os.tmpdir(), "gm-build-if-changed-"));
    mkdirSync(path.join(dir, "app/routes"), { recursive: true });
    mkdirSync(path.join(dir, "bin"));
    writeFileSync(path.join(dir, "app/routes/_index.tsx"), "export default function Index() { return null; }\n");
    writeFileSync(path.join(dir, "package.json"), "{}\n");
    const npx = path.join(dir, "bin/npx");
    writeFileSync(
      npx,
      `#!/bin/sh\necho "$*" >> builds.log\nmkdir -p build public/build\necho "// $(date +%s%N) $GM_PRODUCTION_BUILD" > build/index.js\necho x > public/build/manifest.js\n`,
    );
    chmodSync(npx, 0o755);
  }
  const start = (env: Record<string, string> = {}) => {
    const run = spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: "utf8", env: { ...process.env, PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, GM_PRODUCTION_BUILD: "", ...env } });
    expect(run.status, run.stderr).toBe(0);
    return run.stdout;
  };
  const builds = () => readFileSync(path.join(dir, "builds.log"), "utf8").trim().split("\n").length;

  it("builds the first time, not again on a restart, and again after a change to a source or to the build", () => {
    project();
    start();
    expect(builds()).toBe(1);
    expect(start()).toContain("not building again");
    expect(builds()).toBe(1);

    // A source edited.
    appendFileSync(path.join(dir, "app/routes/_index.tsx"), "// edited\n");
    start();
    expect(builds()).toBe(2);
    // A source added, then removed.
    writeFileSync(path.join(dir, "app/routes/privacy.tsx"), "export default function P() { return null; }\n");
    start();
    rmSync(path.join(dir, "app/routes/privacy.tsx"));
    start();
    expect(builds()).toBe(4);
    expect(readFileSync(path.join(dir, "builds.log"), "utf8")).toContain("remix build");

    // Something else wrote the build (npm run dev's watcher): built again, then kept.
    writeFileSync(path.join(dir, "build/index.js"), "// a development build\n");
    start();
    expect(builds()).toBe(5);
    start();
    expect(builds()).toBe(5);

    // A production build (no development routes) is not the local site's: built again both ways.
    start({ GM_PRODUCTION_BUILD: "1" });
    start();
    expect(builds()).toBe(7);

    // The browser's half of the build gone.
    rmSync(path.join(dir, "public/build"), { recursive: true });
    start();
    expect(builds()).toBe(8);
  });
});
