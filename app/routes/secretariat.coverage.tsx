import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSecretariat } from "~/facilities/access.server";
import { coverage } from "~/facilities/queries.server";

export const meta: MetaFunction = () => [{ title: "都道府県ごとの登録状況｜GMネットワーク事務局" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  return coverage();
}

export default function Coverage() {
  const { prefectures, regions, covered, empty, totals, unassignedDrafts } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="mb-2">
        <Link to="/secretariat">← 審査待ち一覧</Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold">都道府県ごとの登録状況</h1>
      <p className="mb-4 text-stone-700">
        目標: すべての都道府県に1施設以上。現在 <strong className="text-xl">{covered}</strong> / 47 都道府県で掲載中（掲載 {totals.published}・審査中 {totals.inReview}・下書き {totals.drafts}）。
      </p>
      {empty.length ? (
        <div role="status" className="mb-6 rounded-lg border-2 border-amber-400 bg-amber-50 p-4">
          <p className="font-bold">掲載がない都道府県（{empty.length}）</p>
          <p>{empty.join("、")}</p>
        </div>
      ) : (
        <p className="mb-6 rounded-lg border border-green-300 bg-green-50 p-4 font-bold">すべての都道府県に掲載があります。</p>
      )}
      {regions.map((region) => (
        <section key={region.code} className="mb-6">
          <h2 className="mb-2 text-lg font-bold">{region.name}</h2>
          <table className="w-full border-collapse bg-white text-left">
            <thead>
              <tr className="border-b border-stone-300 bg-stone-100 text-sm">
                <th className="p-2">都道府県</th>
                <th className="p-2 text-right">掲載中</th>
                <th className="p-2 text-right">審査中・承認済み</th>
                <th className="p-2 text-right">下書き</th>
              </tr>
            </thead>
            <tbody>
              {prefectures
                .filter((p) => p.regionCode === region.code)
                .map((p) => (
                  <tr key={p.code} data-testid={`coverage-${p.code}`} className={`border-b border-stone-200 ${p.published === 0 ? "bg-amber-50 font-semibold" : ""}`}>
                    <td className="p-2">
                      {p.name}
                      {p.published === 0 ? <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs">掲載なし</span> : null}
                    </td>
                    <td className="p-2 text-right">{p.published}</td>
                    <td className="p-2 text-right">{p.inReview}</td>
                    <td className="p-2 text-right">{p.drafts}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
      {unassignedDrafts ? <p className="text-stone-700">都道府県が未入力の下書き: {unassignedDrafts}件</p> : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
