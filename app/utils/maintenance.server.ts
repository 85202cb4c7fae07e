import { prisma } from "./db.server";
import { pruneRateLimits } from "./rate-limit.server";

/** Housekeeping the daily job runs: expired sessions, spent tokens and old rate-limit windows. */
export async function pruneExpired(now = new Date()) {
  const [sessions, tokens, limits] = await Promise.all([
    prisma.session.deleteMany({ where: { expiresAt: { lt: now } } }),
    prisma.userToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 30 * 86_400_000) } } }),
    pruneRateLimits(now),
  ]);
  return { sessions: sessions.count, tokens: tokens.count, rateLimits: limits };
}
