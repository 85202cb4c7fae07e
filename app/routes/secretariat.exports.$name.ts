import type { LoaderFunctionArgs } from "@remix-run/node";
import { fiscalYearParam } from "~/payments/money.server";
import { requireSecretariat } from "~/facilities/access.server";
import { annualReport, annualReportCsv } from "~/programme/annual-report.server";
import { EXPORTS, exportCsv, isExportName } from "~/programme/exports.server";
import { csvResponse } from "~/utils/csv.server";
import { jstIsoDate } from "~/utils/dates";

/** /secretariat/exports/<name>.csv: one export as a download; annual-report.csv?fy=… the 事業報告. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const name = (params.name ?? "").replace(/\.csv$/, "");
  const today = jstIsoDate(new Date());
  if (name === "annual-report") {
    const fy = fiscalYearParam(request);
    return csvResponse(annualReportCsv(await annualReport(fy)), `gm-network-annual-report-${fy}.csv`);
  }
  if (!isExportName(name)) throw new Response("見つかりません", { status: 404 });
  return csvResponse(await exportCsv(name), `gm-network-${EXPORTS[name].filename}-${today}.csv`);
}
