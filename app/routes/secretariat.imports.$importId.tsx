import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { FormAlert, SubmitButton } from "~/components/forms";
import { notFound, requireSecretariat } from "~/facilities/access.server";
import { cancelImport, claimedDrafts, importPreview, saveMapping, startImport } from "~/onboarding/imports.server";
import { IMPORT_FIELDS } from "~/onboarding/mapping";
import { formatJst } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "取り込みの確認｜GMネットワーク 事務局" }];

const PER_PAGE = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const preview = await importPreview(params.importId ?? "");
  if (!preview) notFound();
  const url = new URL(request.url);
  const show = url.searchParams.get("show") === "all" ? "all" : "problems";
  const listed = show === "all" ? preview.rows : preview.rows.filter((r) => r.state === "error" || r.warnings.length > 0);
  const pages = Math.max(1, Math.ceil(listed.length / PER_PAGE));
  const page = Math.min(pages, Math.max(1, Number(url.searchParams.get("page")) || 1));
  const { item } = preview;
  return {
    id: item.id,
    fileName: item.fileName,
    encoding: item.encoding,
    status: item.status,
    createdAt: formatJst(item.createdAt),
    finishedAt: item.finishedAt ? formatJst(item.finishedAt) : null,
    claimed: item.status === "DONE" ? await claimedDrafts(item.id) : 0,
    progress: { processed: item.processed, total: item.validRows, created: item.created, skipped: item.skipped },
    headers: item.headers,
    mapping: preview.mapping,
    missing: preview.missing.map((f) => f.label),
    counts: { ...preview.counts, total: preview.rows.length },
    show,
    page,
    pages,
    rows: listed.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((r) => ({ line: r.line, name: r.name, email: r.email, state: r.state, errors: r.errors, warnings: r.warnings })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireSecretariat(request);
  const id = params.importId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "mapping") {
    const chosen: Record<string, string> = {};
    for (const [key, value] of formData) if (key.startsWith("col:")) chosen[key.slice(4)] = String(value);
    const outcome = await saveMapping(id, chosen);
    if (!outcome.ok) return data({ error: outcome.message, chosen }, { status: 400 });
    return redirect(`/secretariat/imports/${id}?done=mapping`);
  }
  if (intent === "start") {
    const outcome = await startImport(id);
    if (!outcome.ok) return data({ error: outcome.message, chosen: null }, { status: 409 });
    return redirect(`/secretariat/imports/${id}`);
  }
  if (intent === "cancel") {
    if (!(await cancelImport(id))) notFound();
    return redirect("/secretariat/imports");
  }
  throw new Response("不明な操作です", { status: 400 });
}

const STATE_LABEL = { valid: "取り込みます", error: "取り込みません", imported: "取り込み済み" } as const;

export default function ImportPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const revalidator = useRevalidator();
  const importing = d.status === "IMPORTING";
  useEffect(() => {
    if (!importing) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [importing, revalidator]);
  const chosen = result?.chosen ?? d.mapping;
  const percent = d.progress.total ? Math.round((d.progress.processed / d.progress.total) * 100) : 0;
  const pageLink = (page: number, show = d.show) => `/secretariat/imports/${d.id}?show=${show}&page=${page}`;
  return (
    <div className="mx-auto max-w-5xl">
      <p className="mb-2">
        <Link to="/secretariat/imports">← 取り込みの一覧</Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold break-all">取り込みの確認：{d.fileName}</h1>
      <p className="mb-4 text-stone-700">
        {d.counts.total.toLocaleString("ja-JP")}行／文字コード {d.encoding}／{d.createdAt} に読み込み
      </p>
      {params.get("done") === "mapping" ? <FormAlert tone="success">列と項目の対応を保存しました（同じ見出しのファイルでは次回もこの対応を使います）。</FormAlert> : null}
      {result?.error ? <FormAlert>{result.error}</FormAlert> : null}

      {d.status === "IMPORTING" || d.status === "DONE" ? (
        <section className="mb-6 rounded-lg border-2 border-brand-600 bg-white p-5" aria-live="polite">
          <h2 className="mb-2 text-lg font-bold">{d.status === "DONE" ? "取り込みが終わりました" : "取り込んでいます…"}</h2>
          <progress max={d.progress.total} value={d.progress.processed} className="mb-2 h-4 w-full" aria-label="取り込みの進み具合">
            {percent}%
          </progress>
          <p data-testid="import-progress">
            {d.progress.processed.toLocaleString("ja-JP")} / {d.progress.total.toLocaleString("ja-JP")}行（{percent}%）／作成した下書き{" "}
            <strong>{d.progress.created.toLocaleString("ja-JP")}件</strong>
            {d.progress.skipped ? `／取り込み済みのため飛ばした行 ${d.progress.skipped.toLocaleString("ja-JP")}件` : ""}
          </p>
          {d.status === "DONE" ? (
            <p className="mt-2 text-stone-700">
              各担当者に、下書きを引き継ぐための招待メールを送りました（{d.finishedAt}）。引き継ぎ済み：<strong data-testid="claimed">{d.claimed.toLocaleString("ja-JP")}件</strong>。医療機関が内容を確認して申請すると、審査の一覧に表示されます（下書きのままの医療機関は「出力・事業報告」の医療機関一覧CSVで確認できます）。
            </p>
          ) : (
            <p className="mt-2 text-sm text-stone-700">
              このページは自動で更新されます。<Link to={`/secretariat/imports/${d.id}`}>最新の状況を表示する</Link>
            </p>
          )}
        </section>
      ) : null}

      <section className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {(
          [
            ["取り込める行", d.counts.valid],
            ["エラーのある行", d.counts.error],
            ["取り込み済みの行", d.counts.imported],
            ["注意のある行", d.counts.warned],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded-md border border-stone-200 bg-white p-3">
            <p className="text-sm text-stone-700">{label}</p>
            <p className="text-xl font-bold" data-testid={`count-${label}`}>
              {value.toLocaleString("ja-JP")}
            </p>
          </div>
        ))}
      </section>

      {d.status === "PREVIEW" ? (
        <>
          <Form method="post" className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
            <h2 className="mb-1 text-lg font-bold">列と項目の対応</h2>
            <p className="mb-3 text-sm text-stone-700">CSVの列ごとに、掲載情報のどの項目にあたるかを選んでください。「医療機関名」と「担当者のメールアドレス」は必須です。</p>
            <input type="hidden" name="intent" value="mapping" />
            <div className="mb-4 grid gap-3 sm:grid-cols-2">
              {d.headers.map((h, i) => (
                <label key={h} className="block">
                  <span className="mb-1 block text-sm font-semibold break-all">
                    {i + 1}列目「{h}」
                  </span>
                  <select name={`col:${h}`} defaultValue={chosen[h] ?? ""} className="w-full rounded-md border border-stone-400 bg-white px-2 py-1.5">
                    <option value="">（取り込まない）</option>
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.label}
                        {f.required ? "（必須）" : ""}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            <SubmitButton secondary>対応を保存して確認し直す</SubmitButton>
          </Form>
          {d.missing.length > 0 ? <FormAlert>「{d.missing.join("」「")}」にあたる列を選んでください。選ぶまで取り込めません。</FormAlert> : null}
          <div className="mb-6 flex flex-wrap items-center gap-4">
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <SubmitButton>{`有効な${d.counts.valid.toLocaleString("ja-JP")}件を取り込んで招待メールを送る`}</SubmitButton>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <SubmitButton danger>この取り込みをやめる</SubmitButton>
            </Form>
          </div>
        </>
      ) : null}

      <section className="rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="mb-2 text-lg font-bold">各行の内容</h2>
        <p className="mb-3 flex flex-wrap gap-4">
          {d.show === "all" ? <Link to={pageLink(1, "problems")}>エラー・注意のある行だけ表示する</Link> : <Link to={pageLink(1, "all")}>すべての行を表示する</Link>}
        </p>
        {d.rows.length === 0 ? (
          <p className="text-stone-700">{d.show === "all" ? "行がありません。" : "エラーや注意のある行はありません。"}</p>
        ) : (
          <ol className="divide-y divide-stone-200">
            {d.rows.map((r) => (
              <li key={r.line} className="py-2" data-testid="import-row">
                <p>
                  <span className="mr-2 text-sm text-stone-700">{r.line}行目</span>
                  <strong className="break-all">{r.name || "（医療機関名なし）"}</strong>
                  <span className="ml-2 text-sm break-all">{r.email}</span>
                  <span className={`ml-2 rounded px-2 py-0.5 text-sm ${r.state === "error" ? "bg-red-100 text-red-900" : r.state === "imported" ? "bg-stone-100 text-stone-800" : "bg-emerald-100 text-emerald-900"}`}>
                    {STATE_LABEL[r.state]}
                  </span>
                </p>
                {r.errors.length || r.warnings.length ? (
                  <ul className="mt-1 list-disc pl-6 text-sm">
                    {r.errors.map((e) => (
                      <li key={e} className="text-red-800">
                        {e}
                      </li>
                    ))}
                    {r.warnings.map((w) => (
                      <li key={w} className="text-amber-900">
                        {w}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {d.pages > 1 ? (
          <nav aria-label="ページ" className="mt-3 flex gap-4">
            {d.page > 1 ? <Link to={pageLink(d.page - 1)}>前の{PER_PAGE}行</Link> : null}
            <span>
              {d.page} / {d.pages}ページ
            </span>
            {d.page < d.pages ? <Link to={pageLink(d.page + 1)}>次の{PER_PAGE}行</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
