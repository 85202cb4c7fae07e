import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { daysSince, formatJst } from "~/utils/dates";
import { requireSecretariat } from "~/facilities/access.server";
import { QUEUE_STATES, type QueueState } from "~/facilities/decisions";
import { reviewQueue } from "~/facilities/queries.server";
import { secretariatToday } from "~/programme/today.server";
import { isPrefectureCode, prefectureByCode, PREFECTURES } from "~/reference/prefectures";

export const meta: MetaFunction = () => [{ title: "審査｜GMネットワーク事務局" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const url = new URL(request.url);
  const pref = url.searchParams.get("prefecture") ?? "";
  const stateParam = url.searchParams.get("state") ?? "";
  const prefectureCode = isPrefectureCode(pref) ? pref : undefined;
  const state = QUEUE_STATES.some((s) => s.value === stateParam) ? (stateParam as QueueState) : undefined;
  const [{ items, counts }, today] = await Promise.all([reviewQueue({ prefectureCode, state }), secretariatToday()]);
  return {
    today,
    filters: { prefecture: prefectureCode ?? "", state: state ?? "" },
    counts,
    items: items.map((i) => ({
      ...i,
      since: formatJst(i.since),
      waitingDays: daysSince(i.since),
      prefecture: (i.prefectureCode && prefectureByCode(i.prefectureCode)?.name) || "未設定",
    })),
  };
}

export default function ReviewQueue() {
  const { filters, counts, items, today } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="mb-4 text-2xl font-bold">事務局のホーム</h1>
      <section aria-labelledby="today-title" className="mb-8">
        <h2 id="today-title" className="mb-3 text-lg font-bold">
          今日の状況
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {today.map((f) => (
            <li key={f.key}>
              <Link
                to={f.href}
                data-testid={`today-${f.key}`}
                className={`block h-full rounded-lg border bg-white p-4 no-underline hover:bg-stone-50 ${f.urgent && f.value ? "border-amber-500 border-l-8" : "border-stone-200"}`}
              >
                <span className="block text-sm font-semibold text-stone-700">{f.label}</span>
                <span className="block text-3xl font-bold text-stone-900">{f.value.toLocaleString("ja-JP")}</span>
                <span className="block text-sm text-stone-700">{f.detail}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <div id="queue" className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-xl font-bold">審査待ち</h2>
        <Link to="/secretariat/coverage">都道府県ごとの登録状況</Link>
      </div>
      <p className="mb-4 text-stone-700">
        新規・再申請 <strong>{counts.SUBMITTED}</strong> 件／掲載内容の修正 <strong>{counts.REVISION}</strong> 件（古い順）
      </p>
      <Form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4">
        <label className="flex flex-col">
          <span className="text-sm font-semibold">都道府県</span>
          <select name="prefecture" defaultValue={filters.prefecture} className="rounded-md border border-stone-400 px-2 py-1.5">
            <option value="">すべて</option>
            {PREFECTURES.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
                {counts.byPrefecture[p.code] ? `（${counts.byPrefecture[p.code]}）` : ""}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-sm font-semibold">種類</span>
          <select name="state" defaultValue={filters.state} className="rounded-md border border-stone-400 px-2 py-1.5">
            <option value="">すべて</option>
            {QUEUE_STATES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}（{counts[s.value]}）
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-stone-400 bg-white px-4 py-1.5 hover:bg-stone-100">
          絞り込む
        </button>
      </Form>
      {items.length === 0 ? (
        <p className="rounded-lg border border-stone-200 bg-white p-6">審査待ちはありません。</p>
      ) : (
        <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-left">
          <thead>
            <tr className="border-b border-stone-300 bg-stone-100">
              <th className="p-3">医療機関</th>
              <th className="p-3">都道府県</th>
              <th className="p-3">種類</th>
              <th className="p-3">受付</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} className="border-b border-stone-200">
                <td className="p-3">
                  <Link to={`/secretariat/facilities/${i.id}`} className="font-semibold">
                    {i.name}
                  </Link>
                  <span className="block text-sm text-stone-600">{i.operatorName}</span>
                </td>
                <td className="p-3">{i.prefecture}</td>
                <td className="p-3">{QUEUE_STATES.find((s) => s.value === i.kind)?.label}</td>
                <td className="p-3 text-sm">
                  {i.since}
                  <span className="block text-stone-600">{i.waitingDays}日経過</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
