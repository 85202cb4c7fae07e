/**
 * A full garbage collection where node runs with `--expose-gc` (npm run serve does); elsewhere
 * nothing. For the few moments memory is known to be garbage: the site gone quiet
 * (app/server/idle-memory.server.ts), the search fallback just loaded.
 */
export const canCollect = () => typeof (globalThis as { gc?: unknown }).gc === "function";

export function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}
