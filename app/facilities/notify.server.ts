import type { Prisma } from "~/generated/prisma/client";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";

/** Mails every member of the facility's operator, inside the caller's transaction. */
export async function mailFacilityMembers(
  tx: Prisma.TransactionClient,
  facilityId: string,
  { headline, message, comment }: { headline: string; message: string; comment?: string },
) {
  const facility = await tx.facility.findUniqueOrThrow({
    where: { id: facilityId },
    include: {
      operator: { include: { members: { include: { user: { select: { email: true } } } } } },
      profiles: { where: { stage: "DRAFT" }, select: { name: true } },
    },
  });
  for (const member of facility.operator.members) {
    await enqueueMail(tx, member.user.email, "facility-decision", {
      facilityName: facility.profiles[0]?.name ?? "",
      headline,
      message,
      comment,
      url: `${getEnv().APP_URL}/facility/facilities/${facilityId}`,
    });
  }
}
