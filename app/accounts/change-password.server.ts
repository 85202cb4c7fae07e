import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { formatJst } from "~/utils/dates";

/** Changes a signed-in user's password; other browsers are signed out, this one stays. */
export async function changePassword({
  userId,
  sessionId,
  currentPassword,
  newPassword,
}: {
  userId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
}): Promise<"ok" | "wrong-current-password"> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!(await verifyPassword(currentPassword, user.passwordHash))) return "wrong-current-password";
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId, id: { not: sessionId } } });
    await enqueueMail(tx, user.email, "password-changed", {
      when: formatJst(new Date()),
      resetUrl: `${getEnv().APP_URL}/forgot-password`,
    });
  });
  return "ok";
}
