import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { formatJst } from "~/utils/dates";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { hashPassword } from "~/utils/password.server";
import { clearRateLimits } from "~/utils/rate-limit.server";
import { hashToken, newToken } from "~/utils/tokens.server";

export const RESET_MINUTES = 60;

/**
 * Records a reset request for any address: one insert, the same for every address, so the
 * form's answer and its timing never tell who is registered. The worker does the rest
 * (`processPasswordResetRequests`).
 */
export async function requestPasswordReset(email: string) {
  await prisma.passwordResetRequest.create({ data: { email } });
}

/**
 * Mails a reset link for each waiting request whose address has an account; every request is
 * deleted once handled (an address without an account leaves nothing behind). Safe in several
 * processes at once: a row is deleted by whoever takes it.
 */
export async function processPasswordResetRequests({ limit = 50, signal }: { limit?: number; signal?: AbortSignal } = {}) {
  const taken = await prisma.$queryRaw<Array<{ id: string; email: string }>>`
    DELETE FROM "PasswordResetRequest" WHERE id IN (
      SELECT id FROM "PasswordResetRequest" ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ) RETURNING id, email`;
  let mailed = 0;
  for (const { email } of taken) {
    if (signal?.aborted) break;
    if (await mailResetLink(email)) mailed++;
  }
  return { taken: taken.length, mailed };
}

async function mailResetLink(email: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return false;
  const { token, hash } = newToken();
  await prisma.$transaction(async (tx) => {
    // Only the newest link works.
    await tx.userToken.updateMany({
      where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null },
      data: { usedAt: new Date() },
    });
    await tx.userToken.create({
      data: {
        userId: user.id,
        purpose: "PASSWORD_RESET",
        tokenHash: hash,
        expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000),
      },
    });
    await enqueueMail(tx, email, "reset-password", {
      resetUrl: `${getEnv().APP_URL}/reset-password?${new URLSearchParams({ token })}`,
      expiresInMinutes: RESET_MINUTES,
    });
  });
  return true;
}

export type ResetTokenState = "valid" | "used" | "expired" | "invalid";

export async function checkResetToken(token: string, now = new Date()): Promise<ResetTokenState> {
  if (!token) return "invalid";
  const row = await prisma.userToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== "PASSWORD_RESET") return "invalid";
  if (row.usedAt) return "used";
  if (row.expiresAt <= now) return "expired";
  return "valid";
}

/**
 * Sets a new password from a reset link: the link is spent, every session of the account is
 * signed out, the address counts as confirmed (the link reached it), and the owner is told.
 */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<Exclude<ResetTokenState, "valid"> | "ok"> {
  // The cheap check first: a made-up token never costs a password hash.
  const state = await checkResetToken(token, now);
  if (state !== "valid") return state;
  const passwordHash = await hashPassword(password);
  const outcome = await prisma.$transaction(async (tx): Promise<Exclude<ResetTokenState, "valid"> | "ok"> => {
    const row = await tx.userToken.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { user: { select: { email: true, emailVerifiedAt: true } } },
    });
    if (!row || row.purpose !== "PASSWORD_RESET") return "invalid";
    // Spend the token atomically: of two concurrent submissions only one wins.
    const spent = await tx.userToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (spent.count === 0) return row.usedAt ? "used" : "expired";
    await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, emailVerifiedAt: row.user.emailVerifiedAt ?? now },
    });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await enqueueMail(tx, row.user.email, "password-changed", {
      when: formatJst(now),
      resetUrl: `${getEnv().APP_URL}/forgot-password`,
    });
    return "ok";
  });
  if (outcome === "ok") {
    // The owner is back in: failed log-ins counted against the address (an attacker's) are forgotten.
    const user = await prisma.userToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { user: { select: { email: true } } } });
    if (user) await clearRateLimits(`login:email:${user.user.email}`);
  }
  return outcome;
}
