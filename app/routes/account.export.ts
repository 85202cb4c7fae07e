import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePhysician } from "~/physicians/access.server";
import { exportPhysicianData } from "~/physicians/account-data.server";

/** All of a physician's data, as a JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePhysician(request);
  const body = JSON.stringify(await exportPhysicianData(user.id), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="gm-network-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
