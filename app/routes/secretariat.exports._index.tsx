import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { fiscalYearLabel, fiscalYearOptions } from "~/billing/fiscal-year";
import { requireSecretariat } from "~/facilities/access.server";
import { fiscalYearParam } from "~/payments/money.server";
import { annualReport } from "~/programme/annual-report.server";
import { EXPORTS } from "~/programme/exports.server";

export const meta: MetaFunction = () => [{ title: "出力と事業報告｜GMネットワーク 事務局" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const fy = fiscalYearParam(request);
  return { fy, years: fiscalYearOptions(), report: await annualReport(fy), exports: Object.entries(EXPORTS).map(([name, e]) => ({ name, label: e.label })) };
}

export default function Exports() {
  const { fy, years, report, exports } = useLoaderData<typeof loader>();
  let section = "";
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-2 text-2xl font-bold">出力と事業報告</h1>
      <p className="mb-6 text-stone-700">Excelで開けるCSV（UTF-8、BOM付き）で出力します。医師の氏名や連絡先は含みません。</p>
      <section className="mb-8 rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="mb-3 text-lg font-bold">CSVで出力する</h2>
        <ul className="space-y-2">
          {exports.map((e) => (
            <li key={e.name}>
              <a href={`/secretariat/exports/${e.name}.csv`} download>
                {e.label}
              </a>
            </li>
          ))}
          <li>
            <a href={`/secretariat/payments.csv?fy=${fy}`} download>
              登録料の一覧（{fiscalYearLabel(fy)}）
            </a>
          </li>
        </ul>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="mb-3 text-lg font-bold">{report.title}</h2>
        <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
          <label>
            <span className="mb-1 block font-semibold">年度</span>
            <select name="fy" defaultValue={fy} className="rounded-md border border-stone-400 px-2 py-1">
              {years.map((y) => (
                <option key={y.value} value={y.value}>
                  {y.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md border border-brand-700 bg-white px-4 py-1.5 font-semibold text-brand-800 hover:bg-brand-50">
            表示する
          </button>
          <a href={`/secretariat/exports/annual-report.csv?fy=${fy}`} download className="ml-auto">
            この事業報告をCSVで出力する
          </a>
        </Form>
        <table className="w-full border-collapse text-left">
          <tbody>
            {report.figures.map((x) => {
              const head = x.section !== section ? x.section : null;
              section = x.section;
              return (
                <tr key={x.label} className="border-b border-stone-200">
                  <th scope="row" className="w-28 p-2 align-top text-sm font-semibold text-stone-700">
                    {head}
                  </th>
                  <td className="p-2">{x.label}</td>
                  <td className="p-2 text-right font-semibold whitespace-nowrap" data-testid={`figure-${x.label}`}>
                    {x.value.toLocaleString("ja-JP")}
                    {x.unit}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
