import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSecretariat } from "~/facilities/access.server";
import { fiscalYearParam, moneyCsv, moneyOverview } from "~/payments/money.server";

/** The fee list of one fiscal year as CSV, for the association's accounting. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const fiscalYear = fiscalYearParam(request);
  const { rows } = await moneyOverview(fiscalYear);
  return new Response(moneyCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="gm-network-fees-${fiscalYear}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
