import { prisma } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";

/**
 * A physician's own data: all of it as JSON, and the deletion of the account.
 */

export async function exportPhysicianData(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    include: {
      physicianProfile: true,
      favourites: { include: { facility: { select: { slug: true, profiles: { where: { stage: "APPROVED" }, select: { name: true } } } } } },
      searchAlerts: true,
      threads: { include: { messages: { orderBy: { createdAt: "asc" } } }, orderBy: { createdAt: "asc" } },
      sessions: { select: { createdAt: true, lastSeenAt: true, userAgent: true, ipAddress: true } },
    },
  });
  const names = new Map<string, string>();
  for (const t of user.threads) {
    if (!names.has(t.facilityId)) {
      const p = await prisma.facilityProfile.findFirst({ where: { facilityId: t.facilityId }, orderBy: { stage: "asc" }, select: { name: true } });
      names.set(t.facilityId, p?.name ?? "");
    }
  }
  const profile = user.physicianProfile;
  return {
    exportedAt: new Date().toISOString(),
    account: { email: user.email, role: user.role, displayName: user.displayName, createdAt: user.createdAt, emailVerifiedAt: user.emailVerifiedAt, guidanceMailConsentAt: user.guidanceConsentAt, guidanceMailConsentSource: user.guidanceConsentSource },
    profile: profile ? { ...profile, userId: undefined } : null,
    favourites: user.favourites.map((f) => ({ facility: f.facility.profiles[0]?.name ?? "", url: `/facilities/${f.facility.slug}`, savedAt: f.createdAt })),
    searchAlerts: user.searchAlerts.map((a) => ({ label: a.label, query: a.query, createdAt: a.createdAt })),
    threads: user.threads.map((t) => ({
      facility: names.get(t.facilityId) ?? "",
      topic: t.topic,
      status: t.status,
      createdAt: t.createdAt,
      shownToFacilityWhileAnonymous: t.anonymousSummary,
      disclosed: t.disclosure,
      disclosedAt: t.disclosedAt,
      messages: t.messages.map((m) => ({ from: m.side === "PHYSICIAN" ? "you" : "facility", body: m.body, event: m.event, at: m.createdAt })),
    })),
    sessions: user.sessions,
  };
}

/**
 * Deletes a physician's account after checking the password. Their messages are emptied and
 * marked, their threads closed, what they disclosed removed; the facilities keep their own
 * messages and see "退会したユーザー". The outbox's copies of mails to them are deleted.
 */
export async function deletePhysicianAccount(userId: string, password: string, now = new Date()) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.role !== "PHYSICIAN") return "not-allowed" as const;
  if (!(await verifyPassword(password, user.passwordHash))) return "wrong-password" as const;
  await prisma.$transaction(async (tx) => {
    const threads = await tx.inquiryThread.findMany({ where: { physicianId: userId }, select: { id: true, status: true } });
    const ids = threads.map((t) => t.id);
    await tx.threadMessage.updateMany({ where: { threadId: { in: ids }, side: "PHYSICIAN" }, data: { body: "", event: "AUTHOR_DELETED", authorId: null } });
    if (ids.length) {
      await tx.$executeRaw`UPDATE "InquiryThread" SET "physicianId" = NULL, "anonymousSummary" = NULL, disclosure = NULL,
        status = 'CLOSED', "closedAt" = COALESCE("closedAt", ${now}), "closedBy" = COALESCE("closedBy", 'PHYSICIAN')
        WHERE id = ANY(${ids}::text[])`;
    }
    // Copies of mails to them (notices, digests) are theirs too.
    await tx.mailOutbox.deleteMany({ where: { toAddress: user.email } });
    await tx.user.delete({ where: { id: userId } });
  });
  return "deleted" as const;
}
