import type { Role } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { hashPassword } from "~/utils/password.server";
import { newToken } from "~/utils/tokens.server";

export const VERIFICATION_HOURS = 48;

/**
 * A sign-up: the password is hashed and the request recorded, the same work for every address,
 * so the form's answer and its timing never tell who is registered. The worker
 * (`processSignUpRequests`, within a second) creates the account and mails the verification
 * link, or mails the owner of an existing account instead.
 */
export async function signUp({ email, password, role, guidanceConsent = false }: { email: string; password: string; role: Role; guidanceConsent?: boolean }) {
  if (role === "SECRETARIAT") throw new Error("Secretariat accounts are created from the command line only");
  const passwordHash = await hashPassword(password);
  // Guidance mail is for physicians only.
  await prisma.signUpRequest.create({ data: { email, passwordHash, role, guidanceConsent: role === "PHYSICIAN" && guidanceConsent } });
}

/**
 * Turns waiting sign-ups into accounts (or owner notices). Each request is taken and turned into
 * its account in one transaction, so someone logging in meanwhile finds either the request or the
 * account, never neither (log-in.server.ts looks at the request first).
 */
export async function processSignUpRequests({ limit = 50, signal }: { limit?: number; signal?: AbortSignal } = {}) {
  const { APP_URL } = getEnv();
  let taken = 0;
  let created = 0;
  while (taken < limit && !signal?.aborted) {
    const outcome = await prisma.$transaction(async (tx) => {
      const [request] = await tx.$queryRaw<Array<{ email: string; passwordHash: string; role: Role; guidanceConsent: boolean; createdAt: Date }>>`
        DELETE FROM "SignUpRequest" WHERE id = (
          SELECT id FROM "SignUpRequest" ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED
        ) RETURNING email, "passwordHash", role, "guidanceConsent", "createdAt"`;
      if (!request) return "none" as const;
      const { email, passwordHash, role, guidanceConsent, createdAt } = request;
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
      if (existing) {
        await enqueueMail(tx, email, "account-exists", { loginUrl: `${APP_URL}/login`, resetUrl: `${APP_URL}/forgot-password` });
        return "notified" as const;
      }
      const consent = guidanceConsent ? { guidanceConsentAt: createdAt, guidanceConsentSource: "sign-up" } : {};
      const user = await tx.user.create({ data: { email, passwordHash, role, ...consent } });
      await issueVerification(tx, user.id, email);
      return "created" as const;
    });
    if (outcome === "none") break;
    taken++;
    if (outcome === "created") created++;
  }
  return { taken, created };
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
