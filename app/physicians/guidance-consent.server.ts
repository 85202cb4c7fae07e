import { prisma } from "~/utils/db.server";

/**
 * A physician's consent to guidance mail (案内メール), given or withdrawn in the profile. Giving
 * it again keeps the first date; withdrawing clears it, and later mail respects that at once.
 */
export async function setGuidanceConsent(userId: string, consent: boolean, now = new Date()) {
  if (consent) {
    await prisma.user.updateMany({ where: { id: userId, role: "PHYSICIAN", guidanceConsentAt: null }, data: { guidanceConsentAt: now, guidanceConsentSource: "profile" } });
  } else {
    await prisma.user.updateMany({ where: { id: userId }, data: { guidanceConsentAt: null, guidanceConsentSource: "" } });
  }
}

export async function guidanceConsentOf(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { guidanceConsentAt: true, guidanceConsentSource: true } });
  return { at: user.guidanceConsentAt, source: user.guidanceConsentSource };
}
