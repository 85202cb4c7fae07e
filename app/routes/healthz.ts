import { checkHealth } from "~/server/health.server";

/** For operators and monitoring: database, search and mail, each "ok" or a short error. */
export async function loader() {
  const { status, body } = await checkHealth();
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
