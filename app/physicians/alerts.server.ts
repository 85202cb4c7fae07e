import { createHmac, timingSafeEqual } from "node:crypto";
import { placeOf, type ProfileContent } from "~/facilities/profile";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { describeSearch } from "../../search/describe";
import { toDocument } from "../../search/documents.server";
import { matchesSearch } from "../../search/match";
import { parseSearchParamsLeniently, toSearchParams, type SearchQuery } from "../../search/query";

/**
 * Saved searches that mail a daily digest of newly published facilities. Each facility appears
 * in an alert's digests once and only once (SearchAlertDelivery). Every digest carries a
 * one-click unsubscribe link that works without logging in: the token is an HMAC of the
 * alert id, so nothing secret is stored and old mails keep working.
 */
export const MAX_ALERTS = 20;
/** Digests go out once a day, from 07:00 Japan time. */
const DIGEST_HOUR_JST = 7;

/** A search's filters only (no page, sort or page size), in canonical URL form. */
export function normaliseAlertQuery(params: URLSearchParams) {
  const query = parseSearchParamsLeniently(params);
  const filters: SearchQuery = { ...query, sort: "relevance", page: 1, perPage: 20 };
  return { query: filters, text: toSearchParams(filters).toString() };
}

export async function createAlert(userId: string, params: URLSearchParams, label?: string, now = new Date()) {
  const { query, text } = normaliseAlertQuery(params);
  const existing = await prisma.searchAlert.findFirst({ where: { userId, query: text } });
  if (existing) return { ok: true as const, alert: existing, created: false };
  if ((await prisma.searchAlert.count({ where: { userId } })) >= MAX_ALERTS) {
    return { ok: false as const, error: `お知らせは${MAX_ALERTS}件まで登録できます。不要なものを削除してください。` };
  }
  const alert = await prisma.searchAlert.create({
    data: { userId, query: text, label: label?.trim() || describeSearch(query), checkedUntil: now, createdAt: now },
  });
  return { ok: true as const, alert, created: true };
}

export function listAlerts(userId: string) {
  return prisma.searchAlert.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
}

export async function deleteAlert(userId: string, alertId: string) {
  const { count } = await prisma.searchAlert.deleteMany({ where: { id: alertId, userId } });
  return count > 0;
}

function signature(alertId: string) {
  return createHmac("sha256", getEnv().SESSION_SECRET).update(`alert-unsubscribe:${alertId}`).digest("base64url");
}

export function unsubscribeToken(alertId: string) {
  return `${alertId}.${signature(alertId)}`;
}

export function unsubscribeUrl(alertId: string) {
  return `${getEnv().APP_URL}/alerts/unsubscribe/${unsubscribeToken(alertId)}`;
}

export function alertIdFromToken(token: string): string | null {
  const [alertId, sig] = token.split(".");
  if (!alertId || !sig) return null;
  const expected = Buffer.from(signature(alertId));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? alertId : null;
}

/** The alert a token names (for the confirmation page), or null if it is gone or forged. */
export async function alertForToken(token: string) {
  const id = alertIdFromToken(token);
  return id ? prisma.searchAlert.findUnique({ where: { id } }) : null;
}

/** Stops an alert from its mail link. Idempotent: a second click is not an error. */
export async function unsubscribe(token: string) {
  const id = alertIdFromToken(token);
  if (!id) return { ok: false as const };
  await prisma.searchAlert.deleteMany({ where: { id } });
  return { ok: true as const };
}

/** The latest 07:00 JST at or before `now`: alerts checked before it are due. */
export function digestBoundary(now: Date) {
  const jst = new Date(now.getTime() + 9 * 3600_000);
  const boundary = Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate(), DIGEST_HOUR_JST) - 9 * 3600_000;
  return new Date(boundary <= now.getTime() ? boundary : boundary - 86_400_000);
}

/**
 * Mails today's digests. Safe to run often and in several processes: an alert is claimed by
 * moving its `checkedUntil` forward in the same transaction that writes its mail.
 */
export async function sendAlertDigests(now = new Date(), signal?: AbortSignal) {
  const due = await prisma.searchAlert.findMany({
    where: { checkedUntil: { lt: digestBoundary(now) } },
    include: { user: { select: { email: true, emailVerifiedAt: true } } },
    orderBy: { checkedUntil: "asc" },
    take: 500,
  });
  if (!due.length) return { checked: 0, mailed: 0 };
  const since = new Date(Math.min(...due.map((a) => a.checkedUntil.getTime())));
  const fresh = await prisma.facility.findMany({
    where: { status: "PUBLISHED", publishedAt: { gt: since, lte: now } },
    include: { profiles: { where: { stage: "APPROVED" } } },
    orderBy: { publishedAt: "asc" },
  });
  const appUrl = getEnv().APP_URL;
  let mailed = 0;
  for (const alert of due) {
    if (signal?.aborted) break;
    const query = parseSearchParamsLeniently(new URLSearchParams(alert.query));
    // Matched on the listing's search document: what the directory itself searches.
    const matches = fresh.filter((f) => f.profiles[0] && f.publishedAt && f.publishedAt > alert.checkedUntil && matchesSearch(toDocument(f, f.profiles[0]), query));
    const sent = await prisma.$transaction(async (tx) => {
      const claimed = await tx.searchAlert.updateMany({ where: { id: alert.id, checkedUntil: alert.checkedUntil }, data: { checkedUntil: now } });
      if (claimed.count === 0) return false; // another process took it
      const already = new Set(
        (await tx.searchAlertDelivery.findMany({ where: { alertId: alert.id, facilityId: { in: matches.map((m) => m.id) } }, select: { facilityId: true } })).map((d) => d.facilityId),
      );
      const news = matches.filter((m) => !already.has(m.id));
      if (!news.length || !alert.user.emailVerifiedAt) return false;
      await tx.searchAlertDelivery.createMany({ data: news.map((f) => ({ alertId: alert.id, facilityId: f.id })) });
      const unsubscribe = unsubscribeUrl(alert.id);
      await enqueueMail(
        tx,
        alert.user.email,
        "alert-digest",
        {
          label: alert.label,
          facilities: news.map((f) => {
            const p = f.profiles[0] as unknown as ProfileContent;
            return { name: p.name, place: placeOf(p), url: `${appUrl}/facilities/${f.slug}` };
          }),
          searchUrl: `${appUrl}/search?${alert.query}`,
          unsubscribeUrl: unsubscribe,
        },
        // RFC 8058: mail programs offer their own one-click "unsubscribe" that POSTs here.
        { headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } },
      );
      return true;
    });
    if (sent) mailed++;
  }
  return { checked: due.length, mailed };
}
