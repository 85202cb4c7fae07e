import type { Facility, Prisma } from "~/generated/prisma/client";
import { feeConfig } from "~/billing/fee-config.server";
import { paidYears } from "~/billing/paid-years.server";
import { isPaidUp } from "~/billing/policy";
import { queueSearchSync } from "../../search/sync.server";
import { nextStatus } from "./lifecycle";
import { mailFacilityMembers } from "./notify.server";

type Tx = Prisma.TransactionClient;

/**
 * Publishes an approved (or lapsed) listing when it is paid up. Called after approval,
 * reinstatement and every payment.
 */
export async function publishIfPaid(tx: Tx, facility: Pick<Facility, "id" | "status" | "publishedAt">, actorId: string | null, now = new Date()) {
  if (facility.status !== "APPROVED" && facility.status !== "LAPSED") return false;
  if (!isPaidUp(await paidYears(tx, facility.id), now, feeConfig().nextYearFromMonth)) return false;
  const to = nextStatus(facility.status, "publish", "system");
  await tx.facility.update({
    where: { id: facility.id },
    data: { status: to, publishedAt: facility.publishedAt ?? now, version: { increment: 1 } },
  });
  await tx.reviewEvent.create({ data: { facilityId: facility.id, actorId, action: "PUBLISHED", fromStatus: facility.status, toStatus: to } });
  await queueSearchSync(tx, facility.id);
  await mailFacilityMembers(tx, facility.id, {
    headline: facility.status === "LAPSED" ? "掲載を再開しました" : "掲載を開始しました",
    message: "登録料のお支払いを確認し、GMネットワークへの掲載を開始しました。公開ページは管理画面からご確認いただけます。",
  });
  return true;
}
