import type { Role } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

let n = 0;

export const TEST_PASSWORD = "correct horse battery";

/** A user, verified unless told otherwise. Shared by tests; the demo seed has its own data. */
export async function createUser({
  role = "PHYSICIAN",
  email,
  password = TEST_PASSWORD,
  verified = true,
}: { role?: Role; email?: string; password?: string; verified?: boolean } = {}) {
  n += 1;
  return prisma.user.create({
    data: {
      email: email ?? `user${n}-${Date.now()}@example.jp`,
      passwordHash: await hashPassword(password),
      role,
      emailVerifiedAt: verified ? new Date() : null,
    },
  });
}

/** The newest mail to an address, with the first link in it. */
export async function lastMailTo(address: string) {
  const mail = await prisma.mailOutbox.findFirst({ where: { toAddress: address }, orderBy: { createdAt: "desc" } });
  if (!mail) return null;
  const link = mail.text.match(/https?:\/\/\S+/)?.[0]?.replace(/[)\]]+$/, "") ?? null;
  return { ...mail, link };
}
