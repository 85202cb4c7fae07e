import type { FacilityStatus, Prisma, ReviewAction, RevisionStatus } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { queueSearchSync } from "../../search/sync.server";
import { publishIfPaid } from "./publication.server";
import { IllegalTransitionError, nextRevisionStatus, nextStatus, TRANSITIONS, type FacilityEvent, type RevisionEvent } from "./lifecycle";
import { NEEDS_COMMENT, type Decision } from "./decisions";
import { mailFacilityMembers } from "./notify.server";
import { pickContent, type ProfileContent } from "./profile";
import { copyDraftPhotosToApproved } from "~/photos/photos.server";

/**
 * The secretariat's decisions on a listing. Each one: checks the version the reviewer saw
 * (optimistic concurrency: of two reviewers acting at once exactly one wins), moves the state
 * machine, writes the audit trail, and mails the facility's members — all in one transaction.
 */
export type { Decision } from "./decisions";
export type DecisionResult = "ok" | "stale" | "illegal" | "comment-required";

type Tx = Prisma.TransactionClient;

const MAILS: Record<Decision, { headline: string; message: string }> = {
  approve: {
    headline: "登録が承認されました",
    message: "運営委員会の確認により、登録が承認されました。今年度の登録料のお支払いが確認でき次第、掲載を開始します。",
  },
  return: {
    headline: "申請内容の修正をお願いします",
    message: "事務局から申請内容について修正のお願いがあります。コメントをご確認のうえ、内容を修正して再度申請してください。",
  },
  reject: {
    headline: "登録を見送ることになりました",
    message: "運営委員会で確認した結果、今回は登録を見送ることになりました。理由は事務局からのコメントをご覧ください。",
  },
  revoke: {
    headline: "掲載を取り消しました",
    message: "掲載内容について確認が必要なため、掲載を取り消しました。理由は事務局からのコメントをご覧ください。",
  },
  reinstate: {
    headline: "掲載を再開しました",
    message: "掲載の取消を解除しました。登録料のお支払いが確認できている場合は、掲載を再開しています。",
  },
  acceptRevision: {
    headline: "掲載内容の修正が反映されました",
    message: "ご依頼の修正内容を確認し、公開ページに反映しました。",
  },
  returnRevision: {
    headline: "掲載内容の修正について確認をお願いします",
    message: "ご依頼の修正内容について、事務局から確認のお願いがあります。公開ページは修正前の内容のままです。",
  },
};

const ACTION: Record<Decision, ReviewAction> = {
  approve: "APPROVED",
  return: "RETURNED",
  reject: "REJECTED",
  revoke: "REVOKED",
  reinstate: "REINSTATED",
  acceptRevision: "REVISION_ACCEPTED",
  returnRevision: "REVISION_RETURNED",
};

async function copyDraftToApproved(tx: Tx, facilityId: string) {
  const draft = await tx.facilityProfile.findUniqueOrThrow({ where: { facilityId_stage: { facilityId, stage: "DRAFT" } } });
  const content = pickContent(draft as ProfileContent);
  await tx.facilityProfile.upsert({
    where: { facilityId_stage: { facilityId, stage: "APPROVED" } },
    create: { ...content, facilityId, stage: "APPROVED" },
    update: content,
  });
  await copyDraftPhotosToApproved(tx, facilityId);
}

export async function decide({
  facilityId,
  expectedVersion,
  actorId,
  decision,
  comment = "",
  now = new Date(),
}: {
  facilityId: string;
  expectedVersion: number;
  actorId: string;
  decision: Decision;
  comment?: string;
  now?: Date;
}): Promise<DecisionResult> {
  if (NEEDS_COMMENT[decision] && !comment.trim()) return "comment-required";
  try {
    return await prisma.$transaction(async (tx) => {
      const facility = await tx.facility.findUniqueOrThrow({ where: { id: facilityId } });
      if (facility.version !== expectedVersion) return "stale";

      let status: FacilityStatus = facility.status;
      let revisionStatus: RevisionStatus = facility.revisionStatus;
      const data: Prisma.FacilityUpdateManyMutationInput = { version: { increment: 1 } };
      if (decision === "acceptRevision" || decision === "returnRevision") {
        revisionStatus = nextRevisionStatus(facility.status, facility.revisionStatus, decision as RevisionEvent, "secretariat");
        data.revisionStatus = revisionStatus;
      } else {
        status = nextStatus(facility.status, decision as FacilityEvent, "secretariat");
        data.status = status;
      }
      if (decision === "approve" || decision === "acceptRevision") {
        await copyDraftToApproved(tx, facilityId);
        data.contentApprovedAt = now;
      }
      // The version check again, atomically: a reviewer who acted in between makes this a no-op.
      const { count } = await tx.facility.updateMany({ where: { id: facilityId, version: expectedVersion }, data });
      if (count === 0) return "stale";

      await tx.reviewEvent.create({
        data: { facilityId, actorId, action: ACTION[decision], fromStatus: facility.status, toStatus: status, comment: comment.trim() },
      });
      // Revoke takes it out, an accepted revision changes it: the index follows the database.
      await queueSearchSync(tx, facilityId);
      if (decision === "approve" || decision === "reinstate") {
        await publishIfPaid(tx, { ...facility, status }, actorId, now);
      }
      await mailFacilityMembers(tx, facilityId, { ...MAILS[decision], comment: comment.trim() || undefined });
      return "ok";
    });
  } catch (error) {
    if (error instanceof IllegalTransitionError) return "illegal";
    throw error;
  }
}

/** Which decisions the secretariat can take on a listing now (for the buttons). */
export function availableDecisions(status: FacilityStatus, revisionStatus: RevisionStatus): Decision[] {
  const list: Decision[] = [];
  for (const event of ["approve", "return", "reject", "revoke", "reinstate"] as const) {
    if (TRANSITIONS[event].from.includes(status)) list.push(event);
  }
  if (revisionStatus === "PENDING" && ["APPROVED", "PUBLISHED", "LAPSED"].includes(status)) list.push("acceptRevision", "returnRevision");
  return list;
}
