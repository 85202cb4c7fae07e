import { prisma } from "~/utils/db.server";
import { consumeAll, LIMITS } from "~/utils/rate-limit.server";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { hashToken, newToken } from "~/utils/tokens.server";

export const INVITATION_DAYS = 14;

/** A facility member creates an operator (法人 or individual practice) and becomes its member. */
export async function createOperator(userId: string, data: { name: string; kind: "CORPORATION" | "INDIVIDUAL"; corporateNumber: string }) {
  return prisma.operator.create({
    data: {
      name: data.name,
      kind: data.kind,
      corporateNumber: data.corporateNumber || null,
      members: { create: { userId } },
    },
  });
}

export async function operatorsForUser(userId: string) {
  return prisma.operator.findMany({
    where: { members: { some: { userId } } },
    orderBy: { createdAt: "asc" },
    include: {
      facilities: {
        orderBy: { createdAt: "asc" },
        include: { profiles: { where: { stage: "DRAFT" }, select: { name: true, prefectureCode: true } } },
      },
    },
  });
}

/** Invites a colleague by e-mail; the mailed link works for the account with that address. */
export async function inviteMember({ operatorId, inviter, email }: { operatorId: string; inviter: { id: string; email: string }; email: string }) {
  const operator = await prisma.operator.findUniqueOrThrow({ where: { id: operatorId } });
  const already = await prisma.operatorMember.findFirst({ where: { operatorId, user: { email } } });
  if (already) return "already-member" as const;
  const limit = await consumeAll([
    [`invitations:operator:${operatorId}`, LIMITS.invitationsPerOperatorPerDay],
    [`invitations:user:${inviter.id}`, LIMITS.invitationsPerUserPerDay],
  ]);
  if (!limit.allowed) return "too-many" as const;
  const { token, hash } = newToken();
  await prisma.$transaction(async (tx) => {
    await tx.operatorInvitation.updateMany({
      where: { operatorId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await tx.operatorInvitation.create({
      data: { operatorId, email, tokenHash: hash, invitedById: inviter.id, expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000) },
    });
    await enqueueMail(tx, email, "operator-invitation", {
      operatorName: operator.name,
      inviterEmail: inviter.email,
      acceptUrl: `${getEnv().APP_URL}/invitations/${token}`,
      expiresInDays: INVITATION_DAYS,
    });
  });
  return "invited" as const;
}

export type InvitationState = "valid" | "invalid" | "expired" | "used" | "wrong-account";

export async function findInvitation(token: string, user: { email: string } | null, now = new Date()) {
  const invitation = await prisma.operatorInvitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { operator: true } });
  let state: InvitationState = "valid";
  if (!invitation || invitation.revokedAt) state = "invalid";
  else if (invitation.acceptedAt) state = "used";
  else if (invitation.expiresAt <= now) state = "expired";
  else if (user && user.email !== invitation.email) state = "wrong-account";
  return { state, invitation };
}

/** Joins the operator; the invitation must be for this account's address. */
export async function acceptInvitation(token: string, user: { id: string; email: string }): Promise<Exclude<InvitationState, "valid"> | "accepted"> {
  const { state, invitation } = await findInvitation(token, user);
  if (state !== "valid") return state;
  if (!invitation) return "invalid";
  await prisma.$transaction(async (tx) => {
    const spent = await tx.operatorInvitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (spent.count === 0) return;
    await tx.operatorMember.upsert({
      where: { operatorId_userId: { operatorId: invitation.operatorId, userId: user.id } },
      create: { operatorId: invitation.operatorId, userId: user.id },
      update: {},
    });
  });
  return "accepted" as const;
}

/** Removes a member; an operator always keeps at least one. */
export async function removeMember(operatorId: string, userId: string) {
  return prisma.$transaction(async (tx) => {
    const count = await tx.operatorMember.count({ where: { operatorId } });
    if (count <= 1) return "last-member" as const;
    const { count: removed } = await tx.operatorMember.deleteMany({ where: { operatorId, userId } });
    return removed ? ("removed" as const) : ("not-member" as const);
  });
}

export async function revokeInvitation(operatorId: string, invitationId: string) {
  await prisma.operatorInvitation.updateMany({ where: { id: invitationId, operatorId, acceptedAt: null }, data: { revokedAt: new Date() } });
}
