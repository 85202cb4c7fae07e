import { isbot } from "isbot";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { jstIsoDate } from "~/utils/dates";
import { onEveryServe } from "~/utils/page-replay.server";

/**
 * A facility's own figures: what the fee brings it.
 *
 * Page views are counted on the server when its public page is served: no cookie, no script,
 * no address kept. Bots (by user agent, with the isbot list), requests without a user agent,
 * link prefetches, and facility staff or the secretariat looking at listings are not counted.
 * Appearances are the listings shown on a page of search results.
 *
 * Counting adds to a small in-memory tally; `flushFigures` (a worker job every few seconds, and
 * at shutdown) adds it to FacilityDailyStat in one statement, so a page view costs no write.
 */
type Tally = { views: number; appearances: number };
let tally = new Map<string, Tally>();

function bump(slug: string, day: string, field: keyof Tally, by = 1) {
  const key = `${slug}\u0000${day}`;
  const t = tally.get(key) ?? { views: 0, appearances: 0 };
  t[field] += by;
  tally.set(key, t);
}

/** What counting needs of a request: its headers (a Request, or only the headers named below). */
export type Visit = { headers: Pick<Headers, "get"> };

export function isCountableVisit(request: Visit, viewerRole: string | undefined) {
  const ua = request.headers.get("user-agent") ?? "";
  if (!ua || isbot(ua)) return false;
  const purpose = `${request.headers.get("sec-purpose") ?? ""} ${request.headers.get("purpose") ?? ""}`;
  if (/prefetch|prerender/i.test(purpose)) return false;
  return viewerRole === undefined || viewerRole === "PHYSICIAN";
}

export function countPageView(slug: string, request: Request, viewerRole: string | undefined, now = new Date()) {
  onEveryServe((again) => countPageView(slug, again, viewerRole));
  if (isCountableVisit(request, viewerRole)) bump(slug, jstIsoDate(now), "views");
}

export function countSearchAppearances(slugs: string[], request: Visit, viewerRole: string | undefined, now = new Date()) {
  onEveryServe((again) => countSearchAppearances(slugs, again, viewerRole));
  if (slugs.length === 0 || !isCountableVisit(request, viewerRole)) return;
  const day = jstIsoDate(now);
  for (const slug of slugs) bump(slug, day, "appearances");
}

/** Adds the tally to the database; on failure it is kept for the next flush. */
export async function flushFigures() {
  if (tally.size === 0) return 0;
  const taken = tally;
  tally = new Map();
  const rows = [...taken].map(([key, t]) => ({ slug: key.split("\u0000")[0]!, day: key.split("\u0000")[1]!, ...t }));
  try {
    await prisma.$executeRaw`
      INSERT INTO "FacilityDailyStat" ("facilityId", day, "pageViews", "searchAppearances")
      SELECT f.id, v.day::date, sum(v.views)::int, sum(v.appearances)::int
      FROM unnest(${rows.map((r) => r.slug)}::text[], ${rows.map((r) => r.day)}::text[], ${rows.map((r) => r.views)}::int[], ${rows.map((r) => r.appearances)}::int[])
        AS v(slug, day, views, appearances)
      JOIN "Facility" f ON f.slug = v.slug
      GROUP BY f.id, v.day
      ON CONFLICT ("facilityId", day) DO UPDATE SET
        "pageViews" = "FacilityDailyStat"."pageViews" + excluded."pageViews",
        "searchAppearances" = "FacilityDailyStat"."searchAppearances" + excluded."searchAppearances"`;
  } catch (error) {
    for (const r of rows) {
      bump(r.slug, r.day, "views", r.views);
      bump(r.slug, r.day, "appearances", r.appearances);
    }
    throw error;
  }
  return rows.length;
}

export type MonthFigures = { month: string; label: string; views: number; appearances: number; favourites: number; inquiries: number; replies: number };

/** The last `months` months (Japan time), oldest first, with the favourites it has now. */
export async function facilityFigures(facilityId: string, { months = 12, now = new Date() } = {}) {
  const [y, m] = jstIsoDate(now).split("-").map(Number) as [number, number];
  const list = Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (months - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
  const from = `${list[0]}-01`;
  const month = (col: string) => Prisma.raw(`to_char(${col} AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM')`);
  const [stats, favourites, inquiries, replies, favouritesNow] = await Promise.all([
    prisma.$queryRaw<Array<{ month: string; views: bigint; appearances: bigint }>>`
      SELECT to_char(day, 'YYYY-MM') AS month, sum("pageViews") AS views, sum("searchAppearances") AS appearances
      FROM "FacilityDailyStat" WHERE "facilityId" = ${facilityId} AND day >= ${from}::date GROUP BY 1`,
    prisma.$queryRaw<Array<{ month: string; n: bigint }>>`
      SELECT ${month('"createdAt"')} AS month, count(*) AS n FROM "Favourite" WHERE "facilityId" = ${facilityId} GROUP BY 1`,
    prisma.$queryRaw<Array<{ month: string; n: bigint }>>`
      SELECT ${month('"createdAt"')} AS month, count(*) AS n FROM "InquiryThread" WHERE "facilityId" = ${facilityId} GROUP BY 1`,
    prisma.$queryRaw<Array<{ month: string; n: bigint }>>`
      SELECT ${month('m."createdAt"')} AS month, count(*) AS n FROM "ThreadMessage" m JOIN "InquiryThread" t ON t.id = m."threadId"
      WHERE t."facilityId" = ${facilityId} AND m.side = 'FACILITY' AND m.event IS NULL GROUP BY 1`,
    prisma.favourite.count({ where: { facilityId } }),
  ]);
  const of = (rows: Array<{ month: string; n: bigint }>, key: string) => Number(rows.find((r) => r.month === key)?.n ?? 0);
  const byMonth: MonthFigures[] = list.map((key) => {
    const s = stats.find((r) => r.month === key);
    return {
      month: key,
      label: `${Number(key.slice(5))}月`,
      views: Number(s?.views ?? 0),
      appearances: Number(s?.appearances ?? 0),
      favourites: of(favourites, key),
      inquiries: of(inquiries, key),
      replies: of(replies, key),
    };
  });
  const total = byMonth.reduce(
    (acc, x) => ({ views: acc.views + x.views, appearances: acc.appearances + x.appearances, favourites: acc.favourites + x.favourites, inquiries: acc.inquiries + x.inquiries, replies: acc.replies + x.replies }),
    { views: 0, appearances: 0, favourites: 0, inquiries: 0, replies: 0 },
  );
  return { months: byMonth, total, favouritesNow };
}
