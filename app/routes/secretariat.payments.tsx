import { TableScroll } from "~/components/table-scroll";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/status-badge";
import { requireSecretariat } from "~/facilities/access.server";
import { fiscalYearLabel, fiscalYearOptions } from "~/billing/fiscal-year";
import { yen } from "~/billing/policy";
import { fiscalYearParam, moneyOverview } from "~/payments/money.server";

export const meta: MetaFunction = () => [
  { title: "登録料｜GMネットワーク事務局" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const fiscalYear = fiscalYearParam(request);
  return {
    fiscalYear,
    label: fiscalYearLabel(fiscalYear),
    years: fiscalYearOptions(),
    ...(await moneyOverview(fiscalYear)),
  };
}

export default function Payments() {
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="mb-4 text-2xl font-bold">登録料（{d.label}）</h1>
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <label className="flex flex-col">
          <span className="text-sm font-semibold">年度</span>
          <select
            name="fy"
            defaultValue={d.fiscalYear}
            className="rounded-md border border-stone-400 px-2 py-1.5"
          >
            {d.years.map((y) => (
              <option key={y.value} value={y.value}>
                {y.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md border border-stone-400 bg-white px-4 py-1.5"
        >
          表示
        </button>
        <a
          href={`/secretariat/payments.csv?fy=${d.fiscalYear}`}
          className="ml-auto"
          download
        >
          CSVをダウンロード（会計用）
        </a>
      </Form>
      <p className="mb-4">
        入金済み <strong>{d.totals.paidCount}</strong> 件{" "}
        {yen(d.totals.amountTotal)}（うち消費税 {yen(d.totals.taxTotal)}
        ）／未入金 <strong>{d.totals.unpaidCount}</strong> 件
      </p>
      {d.flagged.length ? (
        <section
          role="alert"
          className="mb-6 rounded-lg border-2 border-red-400 bg-red-50 p-4"
        >
          <h2 className="mb-2 font-bold">確認が必要な支払い</h2>
          <ul>
            {d.flagged.map((f) => (
              <li key={f.id}>
                {f.at} {f.name}：{f.reason}（{f.sessionId}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <TableScroll label="登録料の一覧">
        <table className="w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-stone-300 bg-stone-100">
              <th className="p-2">医療機関</th>
              <th className="p-2">状態</th>
              <th className="p-2">入金</th>
              <th className="p-2">方法</th>
              <th className="p-2 text-right">合計</th>
              <th className="p-2">領収書</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr
                key={r.facilityId}
                className={`border-b border-stone-200 ${r.paid ? "" : "bg-amber-50"}`}
              >
                <td className="p-2">
                  <Link to={`/secretariat/facilities/${r.facilityId}`}>
                    {r.name}
                  </Link>
                  <span className="block text-stone-600">
                    {r.prefecture} {r.operatorName}
                  </span>
                </td>
                <td className="p-2">
                  <StatusBadge status={r.status} />
                </td>
                <td className="p-2">{r.paid ? r.paidAt : "未入金"}</td>
                <td className="p-2">{r.method}</td>
                <td className="p-2 text-right">
                  {r.amountTotal !== null && r.paid ? yen(r.amountTotal) : ""}
                </td>
                <td className="p-2">
                  {r.receiptId ? (
                    <Link to={`/receipts/${r.receiptId}`}>
                      No. {r.receiptNumber}
                    </Link>
                  ) : (
                    ""
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
