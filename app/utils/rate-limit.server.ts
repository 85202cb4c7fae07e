import { prisma } from "./db.server";

/**
 * Fixed-window rate limits counted in the database, so they hold across processes and
 * restarts. `consume` adds one and says whether the caller is still within the limit.
 */
export type Limit = { limit: number; windowSeconds: number };

export const LIMITS = {
  signupPerIp: { limit: 10, windowSeconds: 3600 },
  // Failed log-ins (docs/decisions/0003): an address from one place is slowed quickly; an
  // address from everywhere only at a much higher ceiling, so an attacker elsewhere cannot lock
  // its owner out; and a password reset clears an address's counts.
  loginFailuresPerIp: { limit: 30, windowSeconds: 900 },
  loginFailuresPerEmailAndIp: { limit: 5, windowSeconds: 900 },
  loginFailuresPerEmail: { limit: 100, windowSeconds: 3600 },
  resetPerIp: { limit: 10, windowSeconds: 3600 },
  resetPerEmail: { limit: 3, windowSeconds: 3600 },
  // New passwords sent with a reset link, right or wrong: generous for people, short for scripts.
  resetSubmitPerIp: { limit: 20, windowSeconds: 900 },
  resendVerificationPerEmail: { limit: 3, windowSeconds: 3600 },
  // A physician opens few threads and writes a conversation's worth of messages a day; more is
  // almost certainly misuse (mass mailing facilities).
  threadsPerPhysicianPerDay: { limit: 5, windowSeconds: 86_400 },
  messagesPerPhysicianPerDay: { limit: 50, windowSeconds: 86_400 },
  // A facility answers many physicians, but not thousands of messages a day.
  messagesPerFacilityMemberPerDay: { limit: 200, windowSeconds: 86_400 },
  // Invitations are mail to any address, with an operator name of the sender's choosing.
  invitationsPerOperatorPerDay: { limit: 20, windowSeconds: 86_400 },
  invitationsPerUserPerDay: { limit: 30, windowSeconds: 86_400 },
  // Each report mails the secretariat.
  reportsPerThreadPerDay: { limit: 3, windowSeconds: 86_400 },
  reportsPerUserPerDay: { limit: 10, windowSeconds: 86_400 },
  // Reports about a listing from the public (no login): a person reports a few listings; one
  // listing hears once a day from one address.
  listingReportsPerIpPerHour: { limit: 5, windowSeconds: 3600 },
  listingReportsPerIpPerListing: { limit: 1, windowSeconds: 86_400 },
} satisfies Record<string, Limit>;

export async function consumeRateLimit(key: string, { limit, windowSeconds }: Limit, now = new Date()) {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await prisma.$queryRaw<Array<{ count: number }>>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 0);
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: count <= limit, count, retryAfterSeconds };
}

/** Whether one more would still be within the limit, without counting it. */
export async function peekRateLimit(key: string, { limit, windowSeconds }: Limit, now = new Date()) {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await prisma.rateLimitBucket.findUnique({ where: { key_windowStart: { key, windowStart } }, select: { count: true } });
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: (row?.count ?? 0) < limit, retryAfterSeconds };
}

export async function peekAll(entries: Array<[string, Limit]>, now = new Date()) {
  const results = await Promise.all(entries.map(([key, limit]) => peekRateLimit(key, limit, now)));
  return {
    allowed: results.every((r) => r.allowed),
    retryAfterSeconds: Math.max(0, ...results.filter((r) => !r.allowed).map((r) => r.retryAfterSeconds)),
  };
}

/** Forgets every count of keys starting with `prefix` (a password reset clears an address's log-in failures). */
export async function clearRateLimits(prefix: string) {
  await prisma.rateLimitBucket.deleteMany({ where: { key: { startsWith: prefix } } });
}

/** Consumes every key; allowed only if all are within their limits. */
export async function consumeAll(entries: Array<[string, Limit]>, now = new Date()) {
  const results = await Promise.all(entries.map(([key, limit]) => consumeRateLimit(key, limit, now)));
  return {
    allowed: results.every((r) => r.allowed),
    retryAfterSeconds: Math.max(0, ...results.filter((r) => !r.allowed).map((r) => r.retryAfterSeconds)),
  };
}

/** Old windows are useless; the daily job removes them. */
export async function pruneRateLimits(now = new Date()) {
  const { count } = await prisma.rateLimitBucket.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - 2 * 86_400_000) } },
  });
  return count;
}
