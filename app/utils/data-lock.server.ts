import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The embedded database (PGlite under DATA_DIR) is for one process at a time: a second opener
 * would corrupt it. This lock file says who holds the directory (docs/decisions/0012-embedded-data.md).
 * It is taken before the database is opened and given back on every exit Node can see; a lock left
 * by a process that was killed outright (SIGKILL, power loss) is recognised as stale — its process
 * is gone, or the pid now belongs to another program started later — and taken over.
 */
export type LockHolder = { pid: number; startTicks: string; host: string; since: string; command: string };

export class DataLockError extends Error {
  constructor(
    readonly holder: LockHolder,
    readonly dataDir: string,
  ) {
    super(
      [
        `このデータディレクトリ（${dataDir}）は、すでに別のプロセス（PID ${holder.pid}、${holder.since} から「${holder.command}」）が使用中です。`,
        "同じ埋め込みデータベースを2つのプロセスで同時に開くと壊れるため、起動を中止しました。",
        "動いているサイトを使うか、そのプロセスを止めて（Ctrl+C など）からもう一度お試しください。",
        "",
        `The data directory ${dataDir} is in use by another process (PID ${holder.pid}, "${holder.command}", since ${holder.since}).`,
        "Opening the embedded database from two processes would corrupt it, so this one stops here.",
        "Use the site that is running, or stop it (Ctrl+C) and try again.",
      ].join("\n"),
    );
  }
}

const LOCK_FILE = "gm-network.lock";

/** A process's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for the holder. */
function startTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function alive(holder: LockHolder) {
  if (holder.host !== os.hostname()) return true; // another machine's process: cannot tell, assume alive
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const ticks = startTicks(holder.pid);
  return ticks === null ? true : ticks === holder.startTicks;
}

export function readLock(dataDir: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), "utf8")) as LockHolder;
  } catch {
    return null;
  }
}

/** The live holder of a data directory's lock, or null. */
export function lockHolder(dataDir: string): LockHolder | null {
  const holder = readLock(dataDir);
  return holder && alive(holder) ? holder : null;
}

/**
 * Takes the lock or throws DataLockError. Returns a release function, also called on exit.
 * `command` says who holds it, for the message another process shows.
 */
export function acquireDataLock(dataDir: string, command: string) {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    startTicks: startTicks(process.pid) ?? "",
    host: os.hostname(),
    since: new Date().toISOString(),
    command,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(dataDir);
      if (holder && alive(holder)) throw new DataLockError(holder, dataDir);
      // Stale (or unreadable, half written by a process killed while writing): remove and retry.
      // Two processes doing this at once both retry with "wx"; only one creates the file.
      try {
        unlinkSync(file);
      } catch {
        /* already removed by the other */
      }
      if (attempt === 2) throw new Error(`Could not take the lock ${file}`);
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (readLock(dataDir)?.pid === process.pid && existsSync(file)) unlinkSync(file);
  };
  process.once("exit", release);
  return release;
}
