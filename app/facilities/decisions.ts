/** The secretariat's decisions and which of them need a written reason (shared with the browser). */
export type Decision = "approve" | "return" | "reject" | "revoke" | "reinstate" | "acceptRevision" | "returnRevision";

export const NEEDS_COMMENT: Record<Decision, boolean> = {
  approve: false,
  return: true,
  reject: true,
  revoke: true,
  reinstate: false,
  acceptRevision: false,
  returnRevision: true,
};

export type QueueState = "SUBMITTED" | "REVISION";
export const QUEUE_STATES: Array<{ value: QueueState; label: string }> = [
  { value: "SUBMITTED", label: "新規・再申請" },
  { value: "REVISION", label: "掲載内容の修正" },
];
