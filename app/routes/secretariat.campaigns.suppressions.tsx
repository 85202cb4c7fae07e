import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { suppress, suppressionList, unsuppress } from "~/campaigns/suppression.server";
import { FormAlert, SubmitButton, TextField, useZodForm, type ServerFormResult } from "~/components/forms";
import { requireSecretariat } from "~/facilities/access.server";
import { suppressionSchema } from "~/schemas/forms.server";
import { formatJst } from "~/utils/dates";
import { parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "送信停止リスト｜GMネットワーク 事務局" }];

const REASONS: Record<string, string> = { BOUNCE: "不達（バウンス）", COMPLAINT: "迷惑メール報告", MANUAL: "事務局が追加" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const rows = await suppressionList();
  return { rows: rows.map((r) => ({ email: r.email, reason: REASONS[r.reason] ?? r.reason, detail: r.detail, at: formatJst(r.createdAt) })) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireSecretariat(request);
  const formData = await request.formData();
  if (formData.get("intent") === "remove") {
    await unsuppress(String(formData.get("email") ?? ""));
    return redirect("/secretariat/campaigns/suppressions?done=removed");
  }
  const parsed = parseForm(formData, suppressionSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  await suppress(parsed.data.email, "MANUAL");
  return redirect("/secretariat/campaigns/suppressions?done=added");
}

export default function Suppressions() {
  const { rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ServerFormResult | undefined;
  const [params] = useSearchParams();
  const f = useZodForm(() => import("~/schemas/campaign").then((m) => m.suppressionSchema), result);
  const done = { added: "送信停止リストに追加しました。", removed: "送信停止を解除しました。" }[params.get("done") ?? ""];
  return (
    <div className="mx-auto max-w-4xl">
      <p className="mb-2">
        <Link to="/secretariat/campaigns">← 案内メール</Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold">送信停止リスト</h1>
      <p className="mb-4 text-stone-700">
        届かなかったアドレス（バウンス）と迷惑メールとして報告したアドレスは、自動でここに入り、以後どのメールも送られません。アドレスが直ったと確認できたときだけ解除してください。
      </p>
      {done ? <FormAlert tone="success">{done}</FormAlert> : null}
      <Form method="post" noValidate onSubmit={f.onSubmit} className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-5">
        <input type="hidden" name="intent" value="add" />
        <div className="min-w-64 grow">
          <TextField label="追加するメールアドレス" type="email" {...f.field("email")} />
        </div>
        <div className="mb-4">
          <SubmitButton secondary>追加する</SubmitButton>
        </div>
      </Form>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {rows.map((r) => (
          <li key={r.email} className="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="suppression">
            <div>
              <p className="font-semibold break-all">{r.email}</p>
              <p className="text-sm text-stone-700">
                {r.reason}（{r.at}）{r.detail ? `：${r.detail}` : ""}
              </p>
            </div>
            <Form method="post">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="email" value={r.email} />
              <button type="submit" className="rounded-md border border-brand-700 px-3 py-1 text-sm font-semibold text-brand-800" aria-label={`${r.email}の送信停止を解除する`}>
                解除する
              </button>
            </Form>
          </li>
        ))}
        {rows.length === 0 ? <li className="p-3 text-stone-700">送信停止の宛先はありません。</li> : null}
      </ul>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
