/**
 * A full garbage collection where node runs with `--expose-gc` (npm run serve does); elsewhere
 * nothing. For the few moments memory is known to be garbage: the site gone quiet
 * (app/server/idle-memory.server.ts), the search fallback just loaded.
 */
export const canCollect = () => typeof (globalThis as { gc?: unknown }).gc === "function";

/**
 * Whether this V8 reads gc()'s options. Node 24's (V8 13) does; Node 20's (V8 11.3) runs only a
 * minor collection (a scavenge of the young generation) when given any options object, so there
 * the plain gc(), a full collection, is used.
 */
const READS_GC_OPTIONS = Number(process.versions.v8.split(".")[0]) >= 13;

export function collectGarbage() {
  const gc = (globalThis as { gc?: (options?: object) => void }).gc;
  if (!gc) return;
  // "last-resort": V8's memory-reducing collection (what it runs before giving up on an
  // allocation), which also gives back the pages it keeps pooled.
  if (READS_GC_OPTIONS) gc({ type: "major", execution: "sync", flavor: "last-resort" });
  else gc();
}
