import { data, redirect } from "@remix-run/node";
import { messageSchema, reportSchema } from "~/schemas/physician";
import { formFailure, parseForm } from "~/utils/form.server";
import type { SessionUser } from "~/utils/session.server";
import { discloseIdentity, postMessage, reportThread, setBlocked, setThreadStatus, type ThreadAccess } from "./threads.server";

const NEEDS_CONFIRMATION = new Set(["disclose", "block"]);

/** The confirmation a thread page was asked to show (?confirm=…), if it is one this side may see. */
export function confirmationAsked(request: Request, side: "PHYSICIAN" | "FACILITY"): "disclose" | "block" | null {
  const asked = new URL(request.url).searchParams.get("confirm");
  if (side === "PHYSICIAN" && asked === "disclose") return "disclose";
  if (side === "FACILITY" && asked === "block") return "block";
  return null;
}

/**
 * What either side can do on a thread page, from one form post. The route has already checked
 * that this user may see this thread; each operation checks what this side may do.
 */
export async function handleThreadAction(access: ThreadAccess, user: SessionUser, formData: FormData, backTo: string) {
  const intent = String(formData.get("intent") ?? "");
  const failed = (error: string, status: number) => data({ ...formFailure(formData, error), intent }, { status });
  // Sending one's name and contact details cannot be undone, and blocking silences a physician:
  // both take a second, explicit step. A post without it (a stray click, an old page, no
  // JavaScript) only opens the confirmation.
  if (NEEDS_CONFIRMATION.has(intent) && formData.get("confirmed") !== "yes") return redirect(`${backTo}?confirm=${intent}#confirm`);
  let result: { ok: true } | { ok: false; error: string; status: number };
  switch (intent) {
    case "message": {
      const parsed = parseForm(formData, messageSchema);
      if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
      result = await postMessage({ access, authorId: user.id, body: parsed.data.body });
      break;
    }
    case "close":
    case "reopen":
      result = await setThreadStatus({ access, authorId: user.id, status: intent === "close" ? "CLOSED" : "OPEN" });
      break;
    case "disclose":
      result = await discloseIdentity({ access, userId: user.id, email: user.email });
      break;
    case "block":
    case "unblock":
      result = await setBlocked({ access, by: user.id, blocked: intent === "block" });
      break;
    case "report": {
      const parsed = parseForm(formData, reportSchema);
      if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
      result = await reportThread({ access, reporterId: user.id, reason: parsed.data.reason });
      break;
    }
    default:
      throw new Response("不明な操作です", { status: 400 });
  }
  if (!result.ok) return failed(result.error, result.status);
  return redirect(`${backTo}?done=${intent}#latest`);
}
