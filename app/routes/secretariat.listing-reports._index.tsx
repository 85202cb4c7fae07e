import { TableScroll } from "~/components/table-scroll";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSecretariat } from "~/facilities/access.server";
import {
  listingReportQueue,
  reasonLabel,
  resolutionLabel,
} from "~/facilities/listing-reports.server";
import { daysSince, formatJst } from "~/utils/dates";

export const meta: MetaFunction = () => [
  { title: "掲載内容へのお知らせ｜GMネットワーク 事務局" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const { open, resolved } = await listingReportQueue();
  const row = (r: (typeof open)[number]) => ({
    id: r.id,
    facilityName: r.facility.profiles[0]?.name ?? "",
    reason: reasonLabel(r.reason),
    createdAt: formatJst(r.createdAt),
    waitingDays: daysSince(r.createdAt),
    resolution: resolutionLabel(r.resolution),
    resolvedAt: r.resolvedAt ? formatJst(r.resolvedAt) : null,
  });
  return { open: open.map(row), resolved: resolved.map(row) };
}

function Table({
  rows,
  resolved,
}: {
  rows: ReturnType<typeof useLoaderData<typeof loader>>["open"];
  resolved: boolean;
}) {
  return (
    <TableScroll label={resolved ? "対応済みのお知らせ" : "未対応のお知らせ"}>
      <table className="w-full border-collapse bg-white text-left">
        <thead>
          <tr className="border-b border-stone-300">
            <th className="p-2">受付日時</th>
            <th className="p-2">医療機関</th>
            <th className="p-2">種類</th>
            <th className="p-2">{resolved ? "対応" : "経過"}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-stone-200 align-top">
              <td className="p-2 whitespace-nowrap">
                <Link to={`/secretariat/listing-reports/${r.id}`}>
                  {r.createdAt}
                </Link>
              </td>
              <td className="p-2">{r.facilityName}</td>
              <td className="p-2">{r.reason}</td>
              <td className="p-2">
                {resolved
                  ? `${r.resolution}（${r.resolvedAt}）`
                  : `${r.waitingDays}日`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default function ListingReports() {
  const { open, resolved } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">掲載内容へのお知らせ</h1>
      <p className="mb-6 text-stone-700">
        利用者から寄せられた、掲載内容の誤りや古さについてのお知らせです。古いものから順に対応してください。
      </p>
      <h2 className="mb-2 text-lg font-bold">対応待ち（{open.length}件）</h2>
      {open.length ? (
        <Table rows={open} resolved={false} />
      ) : (
        <p className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
          対応待ちのお知らせはありません。
        </p>
      )}
      {resolved.length ? (
        <>
          <h2 className="mt-8 mb-2 text-lg font-bold">
            対応済み（最近の50件）
          </h2>
          <Table rows={resolved} resolved />
        </>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
