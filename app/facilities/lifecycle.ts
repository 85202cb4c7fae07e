import type { FacilityStatus, RevisionStatus } from "~/generated/prisma/enums";

/**
 * The listing's lifecycle as an explicit state machine. Every change of Facility.status goes
 * through `nextStatus`, which refuses anything not in this table.
 *
 *   DRAFT ─submit→ SUBMITTED ─approve→ APPROVED ─publish(paid)→ PUBLISHED ─revoke→ REVOKED
 *                   │    ↑                                       │   ↑ └─lapse→ LAPSED ─publish(paid)→ PUBLISHED
 *            return │    │ submit (resubmit)                      │   └── reinstate (→ APPROVED, then publish if paid)
 *                   ↓    │                                        │
 *                 RETURNED          SUBMITTED ─reject→ REJECTED
 */
export type FacilityEvent = "submit" | "return" | "approve" | "reject" | "publish" | "revoke" | "reinstate" | "lapse";
export type Actor = "member" | "secretariat" | "system";

type Rule = { from: FacilityStatus[]; to: FacilityStatus; actor: Actor; needsComment?: boolean };

export const TRANSITIONS: Record<FacilityEvent, Rule> = {
  submit: { from: ["DRAFT", "RETURNED"], to: "SUBMITTED", actor: "member" },
  return: { from: ["SUBMITTED"], to: "RETURNED", actor: "secretariat", needsComment: true },
  approve: { from: ["SUBMITTED"], to: "APPROVED", actor: "secretariat" },
  reject: { from: ["SUBMITTED"], to: "REJECTED", actor: "secretariat", needsComment: true },
  publish: { from: ["APPROVED", "LAPSED"], to: "PUBLISHED", actor: "system" },
  revoke: { from: ["PUBLISHED"], to: "REVOKED", actor: "secretariat", needsComment: true },
  reinstate: { from: ["REVOKED"], to: "APPROVED", actor: "secretariat" },
  lapse: { from: ["PUBLISHED"], to: "LAPSED", actor: "system" },
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: string,
    readonly event: string,
  ) {
    super(`Cannot ${event} a facility in status ${from}`);
  }
}

export function nextStatus(from: FacilityStatus, event: FacilityEvent, actor: Actor): FacilityStatus {
  const rule = TRANSITIONS[event];
  if (!rule || !rule.from.includes(from) || rule.actor !== actor) throw new IllegalTransitionError(from, event);
  return rule.to;
}

export function canTransition(from: FacilityStatus, event: FacilityEvent) {
  return TRANSITIONS[event].from.includes(from);
}

/** Edits to approved content go through the secretariat as a revision. */
export type RevisionEvent = "submitRevision" | "acceptRevision" | "returnRevision";

const REVISABLE: FacilityStatus[] = ["APPROVED", "PUBLISHED", "LAPSED"];

export const REVISION_TRANSITIONS: Record<RevisionEvent, { from: RevisionStatus[]; to: RevisionStatus; actor: Actor }> = {
  submitRevision: { from: ["NONE", "RETURNED"], to: "PENDING", actor: "member" },
  acceptRevision: { from: ["PENDING"], to: "NONE", actor: "secretariat" },
  returnRevision: { from: ["PENDING"], to: "RETURNED", actor: "secretariat" },
};

export function nextRevisionStatus(status: FacilityStatus, revision: RevisionStatus, event: RevisionEvent, actor: Actor): RevisionStatus {
  const rule = REVISION_TRANSITIONS[event];
  if (!REVISABLE.includes(status) || !rule.from.includes(revision) || rule.actor !== actor) {
    throw new IllegalTransitionError(`${status}/${revision}`, event);
  }
  return rule.to;
}

/** Whether the facility's members may edit the working draft now. */
export function canEditDraft(status: FacilityStatus, revision: RevisionStatus) {
  if (status === "DRAFT" || status === "RETURNED") return true;
  return REVISABLE.includes(status) && revision !== "PENDING";
}

/** Whether the draft differs from approved content in a way the facility can send for review. */
export function canSubmitRevision(status: FacilityStatus, revision: RevisionStatus) {
  return REVISABLE.includes(status) && revision !== "PENDING";
}

export const STATUS_LABEL: Record<FacilityStatus, string> = {
  DRAFT: "下書き",
  SUBMITTED: "審査中",
  RETURNED: "差し戻し（修正待ち）",
  APPROVED: "承認済み（登録料のお支払い待ち）",
  REJECTED: "不承認",
  PUBLISHED: "掲載中",
  REVOKED: "掲載取消",
  LAPSED: "掲載停止（登録料未納）",
};

export const REVISION_LABEL: Record<RevisionStatus, string> = {
  NONE: "",
  PENDING: "修正内容を審査中",
  RETURNED: "修正内容が差し戻されました",
};
