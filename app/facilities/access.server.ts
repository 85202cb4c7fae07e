import { prisma } from "~/utils/db.server";
import { requireRole } from "~/utils/session.server";

/**
 * Per-record guards for the facility side. Anyone who is not a facility member gets 403;
 * a facility member who does not belong to the record's operator gets 404, so the existence
 * of other operators' records is not revealed.
 */
export function notFound(): never {
  throw new Response("見つかりません", { status: 404 });
}

export async function requireFacilityMemberUser(request: Request) {
  return requireRole(request, "FACILITY_MEMBER");
}

export async function requireOperatorMembership(request: Request, operatorId: string | undefined) {
  const user = await requireFacilityMemberUser(request);
  if (!operatorId) notFound();
  const membership = await prisma.operatorMember.findUnique({
    where: { operatorId_userId: { operatorId, userId: user.id } },
    include: { operator: true },
  });
  if (!membership) notFound();
  return { user, operator: membership.operator };
}

export async function requireFacilityMembership(request: Request, facilityId: string | undefined) {
  const user = await requireFacilityMemberUser(request);
  if (!facilityId) notFound();
  const facility = await prisma.facility.findFirst({
    where: { id: facilityId, operator: { members: { some: { userId: user.id } } } },
    include: { operator: true },
  });
  if (!facility) notFound();
  return { user, facility };
}

export async function requireSecretariat(request: Request) {
  return requireRole(request, "SECRETARIAT");
}
