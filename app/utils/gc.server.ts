/**
 * A full garbage collection where node runs with `--expose-gc` (npm run serve does); elsewhere
 * nothing. For the few moments memory is known to be garbage: the site gone quiet
 * (app/server/idle-memory.server.ts), the search fallback just loaded.
 */
export const canCollect = () => typeof (globalThis as { gc?: unknown }).gc === "function";

export function collectGarbage() {
  // "last-resort": V8's memory-reducing collection (what it runs before giving up on an
  // allocation), which also gives back the pages it keeps pooled; a V8 without the option runs a
  // plain full collection.
  (globalThis as { gc?: (options?: object) => void }).gc?.({ type: "major", execution: "sync", flavor: "last-resort" });
}
