import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSecretariat } from "~/facilities/access.server";
import { openReports } from "~/inquiries/threads.server";
import { THREAD_TOPICS } from "~/schemas/physician-options";
import { formatJst } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "通報｜GMネットワーク 事務局" }];

/** Open reports. Message text is never listed here; a reported thread opens on its own page. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const reports = await openReports();
  return { reports: reports.map((r) => ({ ...r, createdAt: formatJst(r.createdAt) })) };
}

export default function Reports() {
  const { reports } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">相談スレッドの通報</h1>
      <p className="mb-6 text-stone-700">事務局が相談スレッドを読めるのは、通報があり、対応が済むまでの間だけです。</p>
      {reports.length === 0 ? (
        <p className="rounded-lg border border-stone-200 bg-white p-5">対応待ちの通報はありません。</p>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-left">
          <thead>
            <tr className="border-b border-stone-300">
              <th className="p-2">通報日時</th>
              <th className="p-2">通報した側</th>
              <th className="p-2">医療機関</th>
              <th className="p-2">相談の内容</th>
              <th className="p-2">理由</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id} className="border-b border-stone-200 align-top">
                <td className="p-2 whitespace-nowrap">
                  <Link to={`/secretariat/reports/${r.threadId}`}>{r.createdAt}</Link>
                </td>
                <td className="p-2">{r.side === "PHYSICIAN" ? "医師" : "医療機関"}</td>
                <td className="p-2">{r.facilityName}</td>
                <td className="p-2">{THREAD_TOPICS.find((t) => t.value === r.topic)?.label}</td>
                <td className="p-2 whitespace-pre-wrap">{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
