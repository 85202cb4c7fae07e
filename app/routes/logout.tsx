import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySession } from "~/utils/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login?notice=logged-out", { headers: { "Set-Cookie": await destroySession(request) } });
}

/** Logging out changes state, so only POST does it; a GET lands on the top page. */
export async function loader() {
  return redirect("/");
}
