/**
 * Logging that stays readable during an outage: the first failure of a kind is logged at once,
 * then at most one line per interval per kind, with how many were left out. A database or
 * provider that is down for a minute gives a few lines, not thousands.
 */
const INTERVAL_MS = 60_000;
const kinds = new Map<string, { loggedAt: number; suppressed: number }>();

export function warnThrottled(kind: string, message: string, now = Date.now()) {
  const state = kinds.get(kind);
  if (state && now - state.loggedAt < INTERVAL_MS) {
    state.suppressed++;
    return false;
  }
  const suppressed = state?.suppressed ?? 0;
  kinds.set(kind, { loggedAt: now, suppressed: 0 });
  console.warn(`${message}${suppressed ? ` (and ${suppressed} more like it in the last ${Math.round((now - (state?.loggedAt ?? now)) / 1000)} s)` : ""}`);
  return true;
}

/** For tests. */
export function resetLogThrottle() {
  kinds.clear();
}
