import { requireRole } from "~/utils/session.server";

/** The physicians' pages: anyone else gets 403; another physician's records answer 404. */
export function requirePhysician(request: Request) {
  return requireRole(request, "PHYSICIAN");
}
