import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchApiAnswer } from "~/server/search-api.server";

/** GET /api/search (app/server/search-api.server.ts; served before Remix by http.server.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { status, body } = await searchApiAnswer(new URL(request.url).searchParams, request);
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
