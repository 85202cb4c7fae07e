import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

/** Creates (or re-keys) a secretariat account; only the command line reaches this. */
export async function createSecretariat({ email, password, displayName }: { email: string; password: string; displayName?: string }) {
  const passwordHash = await hashPassword(password);
  const now = new Date();
  return prisma.user.upsert({
    where: { email },
    create: { email, passwordHash, role: "SECRETARIAT", displayName: displayName ?? "事務局", emailVerifiedAt: now },
    update: { passwordHash, role: "SECRETARIAT", emailVerifiedAt: now },
  });
}
