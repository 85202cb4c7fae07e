import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form-alert";
import { requirePhysician } from "~/physicians/access.server";
import { createAlert, deleteAlert, listAlerts } from "~/physicians/alerts.server";
import { PREFECTURES } from "~/reference/prefectures";
import { formatJstDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "新着のお知らせ｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePhysician(request);
  const alerts = await listAlerts(user.id);
  return {
    alerts: alerts.map((a) => ({ id: a.id, label: a.label, query: a.query, createdAt: formatJstDate(a.createdAt) })),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePhysician(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create" || intent === "prefecture") {
    const params =
      intent === "prefecture" ? new URLSearchParams({ prefecture: String(formData.get("prefecture") ?? "") }) : new URLSearchParams(String(formData.get("query") ?? ""));
    if (intent === "prefecture" && !PREFECTURES.some((p) => p.code === params.get("prefecture"))) {
      return data({ error: "都道府県を選んでください。", values: { prefecture: "" } }, { status: 400 });
    }
    const result = await createAlert(user.id, params);
    if (!result.ok) return data({ error: result.error, values: {} }, { status: 400 });
    return redirect(`/physician/alerts?done=${result.created ? "created" : "exists"}`);
  }
  if (intent === "delete") {
    await deleteAlert(user.id, String(formData.get("alertId") ?? ""));
    return redirect("/physician/alerts?done=deleted");
  }
  throw new Response("不明な操作です", { status: 400 });
}

const DONE: Record<string, string> = {
  created: "お知らせを登録しました。新しく掲載された医療機関を、1日1回（朝7時ごろ）メールでお知らせします。",
  exists: "この条件のお知らせは、すでに登録されています。",
  deleted: "お知らせを削除しました。",
};

export default function Alerts() {
  const { alerts, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-2 text-2xl font-bold">新着のお知らせ</h1>
      <p className="mb-6 text-stone-700">条件に合う医療機関が新しく掲載されたら、1日1回まとめてメールでお知らせします。メールの「配信停止」リンクからも、ログインせずに止められます。</p>
      {done && DONE[done] ? <FormAlert tone="success">{DONE[done]}</FormAlert> : null}
      <FormAlert>{result?.error}</FormAlert>
      <Form method="post" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-5">
        <input type="hidden" name="intent" value="prefecture" />
        <div>
          <label htmlFor="alert-prefecture" className="mb-1 block font-semibold">
            都道府県に医療機関が掲載されたら知らせる
          </label>
          <select id="alert-prefecture" name="prefecture" defaultValue="" className="rounded-md border border-stone-400 bg-white px-3 py-2">
            <option value="">選んでください</option>
            {PREFECTURES.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          登録する
        </button>
      </Form>
      <p className="mb-4 text-sm text-stone-700">
        診療科や指導体制などの条件で受け取るには、<Link to="/search">医療機関を探す</Link>で条件を選び、「この条件の新着をメールで受け取る」を押してください。
      </p>
      {alerts.length === 0 ? (
        <p className="rounded-lg border border-stone-200 bg-white p-5">登録しているお知らせはありません。</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {alerts.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div>
                <Link to={`/search?${a.query}`} className="font-semibold">
                  {a.label}
                </Link>
                <span className="block text-sm text-stone-500">登録日：{a.createdAt}</span>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="alertId" value={a.id} />
                <button type="submit" className="rounded-md border border-stone-400 bg-white px-3 py-1 text-sm hover:bg-stone-100" aria-label={`「${a.label}」のお知らせを削除`}>
                  削除
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
