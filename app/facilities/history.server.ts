import { prisma } from "~/utils/db.server";
import { formatJst } from "~/utils/dates";
import type { ReviewAction } from "~/generated/prisma/enums";

export const ACTION_LABEL: Record<ReviewAction, string> = {
  CREATED: "作成",
  SUBMITTED: "申請",
  RETURNED: "差し戻し",
  APPROVED: "承認",
  REJECTED: "不承認",
  PUBLISHED: "掲載開始",
  REVOKED: "掲載取消",
  REINSTATED: "掲載取消の解除",
  LAPSED: "掲載停止（登録料未納）",
  PAYMENT_RECORDED: "入金の記録",
  REVISION_SUBMITTED: "修正の申請",
  REVISION_ACCEPTED: "修正の承認",
  REVISION_RETURNED: "修正の差し戻し",
};

/** The audit trail of a listing, newest first, as people read it. */
export async function facilityHistory(facilityId: string, { withActors }: { withActors: boolean }) {
  const events = await prisma.reviewEvent.findMany({
    where: { facilityId },
    orderBy: { createdAt: "desc" },
    include: { actor: { select: { email: true, displayName: true, role: true } } },
  });
  return events.map((e) => ({
    id: e.id,
    action: e.action,
    label: ACTION_LABEL[e.action],
    at: formatJst(e.createdAt),
    comment: e.comment,
    // Facilities see "事務局" rather than the name of the secretariat member.
    actor: !e.actor ? "システム" : e.actor.role === "SECRETARIAT" && !withActors ? "事務局" : (e.actor.displayName ?? e.actor.email),
  }));
}

/** The comment of the latest return, when the facility still has to act on it. */
export async function openReturnComment(facilityId: string, kind: "RETURNED" | "REVISION_RETURNED") {
  const event = await prisma.reviewEvent.findFirst({ where: { facilityId, action: kind }, orderBy: { createdAt: "desc" } });
  return event ? { comment: event.comment, at: formatJst(event.createdAt) } : null;
}
