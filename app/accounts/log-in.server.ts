import type { Role } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { verifyAgainstDummy, verifyPassword } from "~/utils/password.server";
import { issueVerification } from "./sign-up.server";

export type LogInResult =
  | { ok: true; userId: string; role: Role }
  | { ok: false; reason: "invalid-credentials" }
  | { ok: false; reason: "unverified" };

/**
 * Checks e-mail and password. Unknown address and wrong password look the same to the caller.
 * A correct password on an unconfirmed address re-sends the verification mail (the person has
 * proved they know the password, so saying so reveals nothing).
 */
export async function logIn({ email, password }: { email: string; password: string }): Promise<LogInResult> {
  // Signed up a moment ago, and the worker has not made the account yet: with the right password
  // the answer is the same as for any unconfirmed account (its mail is on its way). The request is
  // looked at first: the worker replaces it by the account in one transaction.
  const pending = await prisma.signUpRequest.findFirst({ where: { email }, orderBy: { createdAt: "desc" }, select: { passwordHash: true } });
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true, emailVerifiedAt: true, role: true },
  });
  if (!user) {
    if (pending && (await verifyPassword(password, pending.passwordHash))) return { ok: false, reason: "unverified" };
    if (!pending) await verifyAgainstDummy(password);
    return { ok: false, reason: "invalid-credentials" };
  }
  if (!(await verifyPassword(password, user.passwordHash))) return { ok: false, reason: "invalid-credentials" };
  if (!user.emailVerifiedAt) {
    await prisma.$transaction((tx) => issueVerification(tx, user.id, user.email));
    return { ok: false, reason: "unverified" };
  }
  return { ok: true, userId: user.id, role: user.role };
}

