import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert } from "~/components/form-alert";
import { requireSecretariat } from "~/facilities/access.server";
import { MAX_ROWS } from "~/onboarding/csv-file.server";
import { createImport, imports } from "~/onboarding/imports.server";
import { formatJst } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "申請フォームからの取り込み｜GMネットワーク 事務局" }];

const STATUS: Record<string, string> = { PREVIEW: "確認中", IMPORTING: "取り込み中", DONE: "取り込み済み", CANCELLED: "取りやめ" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  return {
    maxRows: MAX_ROWS,
    imports: (await imports()).map((i) => ({ id: i.id, fileName: i.fileName, status: STATUS[i.status] ?? i.status, rows: i.totalRows, created: i.created, at: formatJst(i.createdAt) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireSecretariat(request);
  const formData = await request.formData().catch(() => null);
  const file = formData?.get("file");
  if (!(file instanceof File) || file.size === 0) return data({ error: "取り込むCSVファイルを選んでください。" }, { status: 400 });
  const result = await createImport({ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), actorId: user.id });
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  return redirect(`/secretariat/imports/${result.id}`);
}

export default function Imports() {
  const { maxRows, imports: list } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="mb-2 text-2xl font-bold">申請フォームからの取り込み</h1>
      <p className="mb-4 text-stone-700">
        参加申請フォームの回答をCSVでダウンロードして取り込むと、医療機関ごとに掲載情報の下書きを作り、フォームに書かれた担当者のメールアドレスに、下書きを引き継ぐための招待メールを送ります。同じ回答を何度取り込んでも、二重には作られません。
      </p>
      {result?.error ? <FormAlert>{result.error}</FormAlert> : null}
      <Form method="post" encType="multipart/form-data" className="mb-8 rounded-lg border border-stone-200 bg-white p-5">
        <label htmlFor="import-file" className="mb-1 block font-semibold">
          CSVファイル
        </label>
        <p id="import-file-hint" className="mb-2 text-sm text-stone-700">
          UTF-8・Shift_JIS のどちらでも読み込めます（Excelで保存したものも可）。1回に{maxRows.toLocaleString("ja-JP")}行まで、10MBまで。次の画面で、列と項目の対応と、各行の内容を確認してから取り込みます。
        </p>
        <input id="import-file" type="file" name="file" accept=".csv,.txt,text/csv" required aria-describedby="import-file-hint" className="mb-4 block w-full max-w-md" />
        <button type="submit" disabled={navigation.state === "submitting"} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {navigation.state === "submitting" ? "読み込んでいます…" : "読み込んで確認する"}
        </button>
      </Form>
      <h2 className="mb-2 text-lg font-bold">これまでの取り込み</h2>
      {list.length === 0 ? (
        <p className="text-stone-700">まだ取り込みはありません。</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {list.map((i) => (
            <li key={i.id} className="flex flex-wrap justify-between gap-2 p-3">
              <Link to={`/secretariat/imports/${i.id}`} className="break-all">
                {i.fileName}
              </Link>
              <span className="text-sm text-stone-700">
                {i.status}／{i.rows.toLocaleString("ja-JP")}行・下書き{i.created.toLocaleString("ja-JP")}件／{i.at}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
