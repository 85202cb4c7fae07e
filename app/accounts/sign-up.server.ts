import type { Role } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { hashPassword } from "~/utils/password.server";
import { newToken } from "~/utils/tokens.server";

export const VERIFICATION_HOURS = 48;

/**
 * Creates an unverified account and queues the verification mail in the same transaction.
 * If the address already has an account, the owner is mailed instead, and the caller sees the
 * same result either way: the sign-up form never tells who is registered.
 */
export async function signUp({ email, password, role }: { email: string; password: string; role: Role }) {
  if (role === "SECRETARIAT") throw new Error("Secretariat accounts are created from the command line only");
  const passwordHash = await hashPassword(password); // hashed in both branches: same timing
  const { APP_URL } = getEnv();
  await prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      await enqueueMail(tx, email, "account-exists", {
        loginUrl: `${APP_URL}/login`,
        resetUrl: `${APP_URL}/forgot-password`,
      });
      return;
    }
    const user = await tx.user.create({ data: { email, passwordHash, role } });
    await issueVerification(tx, user.id, email);
  });
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** A new verification link; earlier unused ones stop working. */
export async function issueVerification(tx: Tx, userId: string, email: string) {
  await tx.userToken.updateMany({
    where: { userId, purpose: "EMAIL_VERIFICATION", usedAt: null },
    data: { usedAt: new Date() },
  });
  const { token, hash } = newToken();
  await tx.userToken.create({
    data: {
      userId,
      purpose: "EMAIL_VERIFICATION",
      tokenHash: hash,
      expiresAt: new Date(Date.now() + VERIFICATION_HOURS * 3600_000),
    },
  });
  await enqueueMail(tx, email, "verify-email", {
    verifyUrl: `${getEnv().APP_URL}/verify-email?${new URLSearchParams({ token })}`,
    expiresInHours: VERIFICATION_HOURS,
  });
}
