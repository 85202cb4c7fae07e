import type { Prisma } from "~/generated/prisma/client";

/** The fiscal years a facility has paid for (the fee periods with a payment). */
export async function paidYears(tx: Prisma.TransactionClient, facilityId: string) {
  const periods = await tx.feePeriod.findMany({ where: { facilityId, paidAt: { not: null } }, select: { fiscalYear: true } });
  return periods.map((p) => p.fiscalYear);
}
