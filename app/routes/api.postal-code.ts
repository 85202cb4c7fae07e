import type { LoaderFunctionArgs } from "@remix-run/node";
import { lookupPostalCode } from "~/reference/postal-codes.server";

/**
 * GET /api/postal-code?code=101-0061 → the prefecture, city and town of a postal code, from
 * bundled Japan Post data. Public reference data: cacheable, no personal data.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code") ?? "";
  const found = lookupPostalCode(code.slice(0, 20));
  if (!found) {
    return Response.json({ error: "郵便番号が見つかりません。7桁の数字をご確認ください" }, { status: 404, headers: { "Cache-Control": "public, max-age=3600" } });
  }
  return Response.json(found, { headers: { "Cache-Control": "public, max-age=86400" } });
}
