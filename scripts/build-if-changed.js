// `npm start`'s build step: runs `remix build` unless the build in build/ and public/build was made
// by this script from the same sources, so a restart does not wait 3–5 s for a build that would
// come out the same. The sources are every file under app/, search/ and emails/ and the
// configuration files (path, size and modification time); anything else that writes the build
// (npm run dev's watcher, npm run build:production) changes the build's own files, which are
// recorded too, so the next `npm start` builds again.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "search", "emails", "remix.config.js", "postcss.config.js", "tsconfig.json", "package.json", "package-lock.json"];
const OUTPUTS = ["build", "public/build"];
const STAMP = "build/.sources-stamp";

/** A fingerprint of every file under `roots` (path, size, modification time) and of each folder's names. */
function fingerprint(roots, skip = () => false) {
  const hash = createHash("sha256");
  const visit = (p) => {
    if (!existsSync(p) || skip(p)) return;
    const s = statSync(p);
    hash.update(s.isDirectory() ? `${p}/\n` : `${p}\0${s.size}\0${s.mtimeMs}\n`);
    if (s.isDirectory()) for (const name of readdirSync(p).sort()) visit(path.join(p, name));
  };
  roots.forEach(visit);
  return hash.digest("hex");
}

const sources = () => `${fingerprint(SOURCES)} ${process.env.GM_PRODUCTION_BUILD ?? ""}`;
const outputs = () => fingerprint(OUTPUTS, (p) => p === STAMP);

const before = sources();
const stamp = existsSync(STAMP) ? readFileSync(STAMP, "utf8") : "";
if (existsSync("build/index.js") && stamp === `${before}\n${outputs()}`) {
  console.log("[start] the build is up to date with the sources: not building again");
  process.exit(0);
}
const built = spawnSync("npx", ["remix", "build"], { stdio: "inherit" });
if (built.status !== 0) process.exit(built.status ?? 1);
// The sources as they were when the build began: a file saved during it makes the next start build again.
writeFileSync(STAMP, `${before}\n${outputs()}`);
