import { deliverSearchOutbox } from "../../search/sync.server";
import { deliverDueMails } from "./mail-outbox.server";
import { pruneExpired } from "./maintenance.server";
import { runFeeCycle } from "~/payments/fee-cycle.server";
import { sendAlertDigests } from "~/physicians/alerts.server";

/**
 * The in-process job runner: small polling loops. Every job is safe to run in several
 * processes at once (rows are claimed with SKIP LOCKED; deletes are idempotent).
 */
type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

export const JOBS: Job[] = [
  { name: "mail-outbox", everyMs: 2000, run: () => deliverDueMails() },
  // Short interval: a change must show in search within 2 seconds.
  { name: "search-outbox", everyMs: 300, run: () => deliverSearchOutbox() },
  { name: "prune-expired", everyMs: 6 * 3600_000, run: () => pruneExpired() },
  // Renewal notices, reminders and lapses; idempotent, so hourly is as good as daily and safer.
  { name: "fee-cycle", everyMs: 3600_000, run: () => runFeeCycle() },
  // Daily digests from 07:00 JST; each alert is claimed once per day, so checking often is safe.
  { name: "alert-digests", everyMs: 10 * 60_000, run: () => sendAlertDigests() },
];

export function startWorkers(jobs = JOBS) {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  for (const job of jobs) {
    const tick = async () => {
      if (stopped) return;
      const p = job.run().catch((error) => console.error(`[worker] ${job.name} failed:`, error));
      running.add(p);
      await p;
      running.delete(p);
      if (!stopped) timers.push(setTimeout(tick, job.everyMs));
    };
    timers.push(setTimeout(tick, 250));
  }
  return async function stop() {
    stopped = true;
    timers.forEach(clearTimeout);
    await Promise.all(running);
  };
}
