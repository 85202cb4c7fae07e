import { canCollect, collectGarbage } from "~/utils/gc.server";

/**
 * Memory given back when the site goes quiet. After a burst of traffic V8 keeps the heap it grew
 * (on this machine 130–170 MB of heap for 70–90 MB live) and gives it back only slowly, over a
 * minute or more. When no request has come for QUIET_MS, one full collection is run, once per
 * quiet spell: freed pages go back to the system. It needs `--expose-gc` (npm start and
 * npm run serve pass it); without the flag this does nothing.
 */
const QUIET_MS = 5_000;

let lastRequestAt = 0;
let collectedAt = 0;

export function noteRequest(now = Date.now()) {
  lastRequestAt = now;
}

export function startIdleCollection(gc: (() => void) | undefined = canCollect() ? collectGarbage : undefined) {
  if (!gc) return () => undefined;
  const timer = setInterval(() => {
    const now = Date.now();
    if (lastRequestAt > collectedAt && now - lastRequestAt >= QUIET_MS) {
      collectedAt = now;
      gc();
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
