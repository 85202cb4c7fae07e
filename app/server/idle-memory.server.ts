import { canCollect, collectGarbage } from "~/utils/gc.server";

/**
 * Memory given back when the site goes quiet. After a burst of traffic V8 keeps the heap it grew
 * (on this machine 130–170 MB of heap for 70–90 MB live) and gives it back only slowly, over a
 * minute or more. When no request has come for QUIET_MS, one full collection is run, once per
 * quiet spell: freed pages go back to the system. It needs `--expose-gc` (npm start and
 * npm run serve pass it); without the flag this does nothing.
 *
 * A spell that lasts LONG_QUIET_MS (longer than any kept answer or page may be used: 60 s) also
 * drops what the caches can no longer serve (`whenLongQuiet`), which they would otherwise free
 * only when next touched, and collects once more.
 */
const QUIET_MS = 5_000;
export const LONG_QUIET_MS = 65_000;

let lastRequestAt = 0;
let collectedAt = 0;
let purgedAt = 0;
const purges = new Set<() => void>();

export function noteRequest(now = Date.now()) {
  lastRequestAt = now;
}

/** Registers what to drop after a long quiet spell (entries past their time); returns its removal. */
export function whenLongQuiet(purge: () => void) {
  purges.add(purge);
  return () => void purges.delete(purge);
}

export function startIdleCollection(gc: (() => void) | undefined = canCollect() ? collectGarbage : undefined) {
  if (!gc) return () => undefined;
  const timer = setInterval(() => {
    const now = Date.now();
    const quiet = now - lastRequestAt;
    if (lastRequestAt > collectedAt && quiet >= QUIET_MS) {
      collectedAt = now;
      gc();
    } else if (lastRequestAt > purgedAt && quiet >= LONG_QUIET_MS) {
      purgedAt = now;
      for (const purge of purges) purge();
      gc();
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
