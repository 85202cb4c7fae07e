import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { audienceCount } from "~/campaigns/audience.server";
import { campaignHistory, STATUS_LABELS } from "~/campaigns/campaigns.server";
import { TableScroll } from "~/components/table-scroll";
import { requireSecretariat } from "~/facilities/access.server";
import { formatJst } from "~/utils/dates";

export const meta: MetaFunction = () => [
  { title: "案内メール｜GMネットワーク 事務局" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const [history, everyone] = await Promise.all([
    campaignHistory(),
    audienceCount({
      prefectureCodes: [],
      specialtyCodes: [],
      participation: "any",
    }),
  ]);
  return {
    everyone,
    campaigns: history.map(({ campaign: c, results }) => ({
      id: c.id,
      subject: c.subject,
      status: STATUS_LABELS[c.status],
      when: c.queuedAt
        ? formatJst(c.queuedAt)
        : c.scheduledAt
          ? `${formatJst(c.scheduledAt)}（予定）`
          : "",
      recipients: c.queuedAt ? c.recipientCount : null,
      results,
    })),
  };
}

export default function Campaigns() {
  const { everyone, campaigns } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="mb-2 text-2xl font-bold">案内メール</h1>
      <p className="mb-4 text-stone-700">
        案内メールの受け取りに同意している宛先は、いま{" "}
        <strong>{everyone.toLocaleString("ja-JP")}人</strong>{" "}
        です（配信停止・送信停止の宛先を除く）。
      </p>
      <p className="mb-6 flex flex-wrap gap-x-6 gap-y-2">
        <Link
          to="/secretariat/campaigns/new"
          className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white no-underline hover:text-white"
        >
          新しい案内メールを作る
        </Link>
        <Link to="/secretariat/campaigns/recipients" className="self-center">
          会員以外の宛先（同意の記録）
        </Link>
        <Link to="/secretariat/campaigns/suppressions" className="self-center">
          送信停止リスト
        </Link>
      </p>
      <h2 className="mb-2 text-lg font-bold">これまでの案内メール</h2>
      {campaigns.length === 0 ? (
        <p className="text-stone-700">まだ案内メールはありません。</p>
      ) : (
        <TableScroll label="これまでの案内メール">
          <table className="w-full border-collapse bg-white text-left">
            <thead>
              <tr className="border-b-2 border-stone-300">
                <th className="p-2">件名</th>
                <th className="p-2">状態</th>
                <th className="p-2">送信日時</th>
                <th className="p-2 text-right">宛先</th>
                <th className="p-2 text-right">送信済み</th>
                <th className="p-2 text-right">不達・報告</th>
                <th className="p-2 text-right">配信停止</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id} className="border-b border-stone-200">
                  <td className="p-2">
                    <Link to={`/secretariat/campaigns/${c.id}`}>
                      {c.subject}
                    </Link>
                  </td>
                  <td className="p-2 whitespace-nowrap">{c.status}</td>
                  <td className="p-2 whitespace-nowrap">{c.when}</td>
                  <td className="p-2 text-right">
                    {c.recipients?.toLocaleString("ja-JP") ?? "—"}
                  </td>
                  <td className="p-2 text-right">
                    {c.results?.sent.toLocaleString("ja-JP") ?? "—"}
                  </td>
                  <td className="p-2 text-right">
                    {c.results
                      ? (
                          c.results.bounced + c.results.complained
                        ).toLocaleString("ja-JP")
                      : "—"}
                  </td>
                  <td className="p-2 text-right">
                    {c.results?.unsubscribed.toLocaleString("ja-JP") ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
