import type { FacilityStatus, RevisionStatus } from "~/generated/prisma/enums";
import { REVISION_LABEL, STATUS_LABEL } from "~/facilities/lifecycle";

const TONE: Record<FacilityStatus, string> = {
  DRAFT: "bg-stone-200 text-stone-800",
  SUBMITTED: "bg-sky-100 text-sky-900",
  RETURNED: "bg-amber-100 text-amber-900",
  APPROVED: "bg-emerald-100 text-emerald-900",
  REJECTED: "bg-red-100 text-red-900",
  PUBLISHED: "bg-brand-700 text-white",
  REVOKED: "bg-red-700 text-white",
  LAPSED: "bg-stone-600 text-white",
};

export function StatusBadge({ status, revisionStatus }: { status: FacilityStatus; revisionStatus?: RevisionStatus }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className={`rounded px-2 py-0.5 text-sm font-semibold ${TONE[status]}`}>{STATUS_LABEL[status]}</span>
      {revisionStatus && revisionStatus !== "NONE" ? (
        <span className={`rounded px-2 py-0.5 text-sm font-semibold ${revisionStatus === "PENDING" ? "bg-sky-100 text-sky-900" : "bg-amber-100 text-amber-900"}`}>
          {REVISION_LABEL[revisionStatus]}
        </span>
      ) : null}
    </span>
  );
}
