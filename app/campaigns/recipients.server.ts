import { prisma } from "~/utils/db.server";

/**
 * Guidance recipients who are not users: added only with the consent's source recorded (and
 * when), never re-subscribed by adding them again after they unsubscribed, removed on request.
 */
export async function addRecipients({ recipients, consentSource, programParticipant }: { recipients: Array<{ email: string; name: string }>; consentSource: string; programParticipant: boolean }) {
  const now = new Date();
  const { count } = await prisma.guidanceRecipient.createMany({
    data: recipients.map((r) => ({ email: r.email, name: r.name, consentSource, consentAt: now, programParticipant })),
    skipDuplicates: true,
  });
  return { added: count, existing: recipients.length - count };
}

export function recipientList({ q = "" }: { q?: string } = {}) {
  const term = q.trim().toLowerCase();
  return Promise.all([
    prisma.guidanceRecipient.findMany({
      where: term ? { OR: [{ email: { contains: term } }, { name: { contains: q.trim() } }] } : undefined,
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    prisma.guidanceRecipient.count(),
  ]);
}

/** Removal on request: the row goes; an unsubscribe already recorded goes with it. */
export async function removeRecipient(id: string) {
  const { count } = await prisma.guidanceRecipient.deleteMany({ where: { id } });
  return count === 1;
}
