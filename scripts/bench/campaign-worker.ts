// A campaign worker in its own process, for scripts/bench-campaign.ts: sends due batches until
// none is left, printing its memory as JSON lines. The parent may kill it at any moment.
const leaseMs = Number(process.env.BENCH_LEASE_MS ?? 120_000);
const PACE = Number(process.env.BENCH_PACE ?? 0);

async function main() {
  const { migrateDatabase, disconnectDatabase, prisma } = await import("../../app/utils/db.server");
  const { deliverCampaignBatch } = await import("../../app/campaigns/delivery.server");
  await migrateDatabase();
  const rss = () => Math.round(process.memoryUsage().rss / 1048576);
  console.log(JSON.stringify({ event: "start", rss: rss() }));
  let sent = 0;
  let peak = rss();
  let heapPeak = 0;
  let batches = 0;
  let idle = 0;
  for (;;) {
    const started = Date.now();
    const outcome = await deliverCampaignBatch({ leaseMs });
    // At a configured pace (as the site's worker runs), or as fast as the provider answers.
    if (outcome && PACE) {
      const wait = (outcome.sent / PACE) * 1000 - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    peak = Math.max(peak, rss());
    // After the first batch the code is loaded and the template rendered: growth from here is
    // what a bigger campaign would add.
    if (batches === 0) console.log(JSON.stringify({ event: "warm", rss: rss() }));
    heapPeak = Math.max(heapPeak, Math.round(process.memoryUsage().heapUsed / 1048576));
    if (++batches % 20 === 0 && process.env.BENCH_TRACE) console.error(`[worker] ${batches} batches rss ${rss()} heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} ext ${Math.round(process.memoryUsage().external / 1048576)} ab ${Math.round(process.memoryUsage().arrayBuffers / 1048576)}`);
    if (outcome) {
      idle = 0;
      sent += outcome.sent;
      continue;
    }
    // Nothing due: done if nothing is pending at all, else a batch is leased by a dead worker.
    const pending = await prisma.campaignBatch.count({ where: { status: "PENDING" } });
    if (pending === 0 || ++idle > 600) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(JSON.stringify({ event: "done", sent, rss: rss(), peak, heapPeak }));
  await disconnectDatabase();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
