import { queueDueCampaigns } from "../campaigns/campaigns.server";
import { runCampaignDelivery } from "../campaigns/delivery.server";
import { flushFigures } from "../facilities/figures.server";
import { runFacilityImports } from "../onboarding/imports.server";
import { deliverSearchOutbox } from "../../search/sync.server";
import { warnThrottled } from "../utils/log.server";
import { deliverDueMails, MAIL_BATCH } from "../utils/mail-outbox.server";
import { pruneExpired } from "../utils/maintenance.server";
import { processPasswordResetRequests } from "~/accounts/reset-password.server";
import { processSignUpRequests } from "~/accounts/sign-up.server";
import { runFeeCycle } from "~/payments/fee-cycle.server";
import { sendAlertDigests } from "~/physicians/alerts.server";

/**
 * The in-process job runner: small polling loops. Every job is safe to run in several
 * processes at once (rows are claimed with SKIP LOCKED; deletes are idempotent).
 */
type Job = { name: string; everyMs: number; run: (signal: AbortSignal) => Promise<unknown> };

export const JOBS: Job[] = [
  // Batches of a few (each send has a timeout inside its lease); while batches come back full,
  // the next one follows at once, so a backlog drains at the provider's pace.
  {
    name: "mail-outbox",
    everyMs: 2000,
    run: async (signal) => {
      while (!signal.aborted && (await deliverDueMails({ signal })).claimed === MAIL_BATCH);
    },
  },
  // Guidance mail: scheduled campaigns are queued when their time comes; batches go out at
  // CAMPAIGN_MAILS_PER_SECOND through the provider's batch API.
  { name: "campaign-scheduler", everyMs: 5000, run: () => queueDueCampaigns() },
  { name: "campaign-delivery", everyMs: 1000, run: (signal) => runCampaignDelivery({ signal }) },
  // Reset links are made off the request path, so the form's timing reveals no account.
  { name: "password-resets", everyMs: 1000, run: (signal) => processPasswordResetRequests({ signal }) },
  { name: "sign-ups", everyMs: 1000, run: (signal) => processSignUpRequests({ signal }) },
  // Short interval: a change must show in search within 2 seconds.
  { name: "search-outbox", everyMs: 300, run: () => deliverSearchOutbox() },
  // Facility drafts from an uploaded application-form CSV, chunk by chunk.
  { name: "facility-imports", everyMs: 1000, run: (signal) => runFacilityImports({ signal }) },
  // Page views and search appearances, tallied in memory, added to the database.
  { name: "facility-figures", everyMs: 5000, run: () => flushFigures() },
  { name: "prune-expired", everyMs: 6 * 3600_000, run: () => pruneExpired() },
  // Renewal notices, reminders and lapses; idempotent, so hourly is as good as daily and safer.
  { name: "fee-cycle", everyMs: 3600_000, run: (signal) => runFeeCycle(new Date(), signal) },
  // Daily digests from 07:00 JST; each alert is claimed once per day, so checking often is safe.
  { name: "alert-digests", everyMs: 10 * 60_000, run: (signal) => sendAlertDigests(new Date(), signal) },
];

/** How long stop() waits for a job to finish its current item before giving up on it. */
export const STOP_GRACE_MS = 5000;

/**
 * Starts the jobs; the returned stop() takes no new work, tells running jobs to stop after
 * their current item (each item is one transaction, so nothing is left half done), and resolves
 * when they have, or after STOP_GRACE_MS. A row a stopped job had claimed is released by it or,
 * if it is cut off, by its lease running out.
 */
export function startWorkers(jobs = JOBS) {
  const timers = new Set<NodeJS.Timeout>();
  const controller = new AbortController();
  const running = new Set<Promise<unknown>>();
  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  for (const job of jobs) {
    const tick = async () => {
      if (controller.signal.aborted) return;
      const p = job.run(controller.signal).catch((error) => warnThrottled(`worker-${job.name}`, `[worker] ${job.name} failed: ${(error as Error).message}`));
      running.add(p);
      await p;
      running.delete(p);
      if (!controller.signal.aborted) later(() => void tick(), job.everyMs);
    };
    later(() => void tick(), 250);
  }
  return async function stop() {
    controller.abort();
    timers.forEach(clearTimeout);
    await Promise.race([Promise.all(running), new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
  };
}
