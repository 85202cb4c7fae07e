import { prisma } from "~/utils/db.server";
import { hashToken } from "~/utils/tokens.server";

export type VerifyResult = "verified" | "already-verified" | "expired" | "invalid";

/**
 * Confirms an e-mail address from the mailed link. Verifying only marks the address as
 * confirmed and signs nobody in, so a mail scanner that follows the link does no harm.
 */
export async function verifyEmail(token: string, now = new Date()): Promise<VerifyResult> {
  if (!token) return "invalid";
  return prisma.$transaction(async (tx) => {
    const row = await tx.userToken.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { user: { select: { emailVerifiedAt: true } } },
    });
    if (!row || row.purpose !== "EMAIL_VERIFICATION") return "invalid";
    if (row.user.emailVerifiedAt) return "already-verified";
    if (row.usedAt) return "invalid";
    if (row.expiresAt <= now) return "expired";
    await tx.userToken.update({ where: { id: row.id }, data: { usedAt: now } });
    await tx.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: now } });
    return "verified";
  });
}
