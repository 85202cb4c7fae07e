import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { addRecipients, recipientList, removeRecipient } from "~/campaigns/recipients.server";
import { CheckboxField, FormAlert, SubmitButton, TextAreaField, TextField, useZodForm, type ServerFormResult } from "~/components/forms";
import { requireSecretariat } from "~/facilities/access.server";
import { guidanceRecipientsSchema, parseRecipientLines } from "~/schemas/forms.server";
import { formatJst } from "~/utils/dates";
import { formFailure, parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "会員以外の宛先｜GMネットワーク 事務局" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const [rows, total] = await recipientList({ q });
  return {
    q,
    total,
    rows: rows.map((r) => ({ id: r.id, email: r.email, name: r.name, source: r.consentSource, at: formatJst(r.consentAt), unsubscribed: r.unsubscribedAt ? formatJst(r.unsubscribedAt) : null })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireSecretariat(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "remove") {
    await removeRecipient(String(formData.get("id") ?? ""));
    return redirect("/secretariat/campaigns/recipients?done=removed");
  }
  const parsed = parseForm(formData, guidanceRecipientsSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const { recipients, invalid } = parseRecipientLines(parsed.data.lines);
  if (invalid.length > 0) {
    return data(formFailure(formData, "入力内容を確認してください。", { lines: [`メールアドレスとして読めない行があります：${invalid.slice(0, 5).join("／")}${invalid.length > 5 ? ` ほか${invalid.length - 5}行` : ""}`] }), { status: 400 });
  }
  const { added, existing } = await addRecipients({ recipients, consentSource: parsed.data.consentSource, programParticipant: parsed.data.programParticipant });
  return redirect(`/secretariat/campaigns/recipients?done=added&added=${added}&existing=${existing}`);
}

export default function Recipients() {
  const { q, total, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ServerFormResult | undefined;
  const [params] = useSearchParams();
  const f = useZodForm(() => import("~/schemas/campaign").then((m) => m.guidanceRecipientsSchema), result);
  const done =
    params.get("done") === "added"
      ? `${params.get("added")}件を追加しました。${Number(params.get("existing")) > 0 ? `${params.get("existing")}件はすでに登録されていたため、そのままにしました（配信停止した方が再登録されることはありません）。` : ""}`
      : params.get("done") === "removed"
        ? "宛先を削除しました。"
        : null;
  return (
    <div className="mx-auto max-w-4xl">
      <p className="mb-2">
        <Link to="/secretariat/campaigns">← 案内メール</Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold">会員以外の宛先</h1>
      <p className="mb-4 text-stone-700">
        プログラムの参加者など、サイトに登録していない方にも案内メールを送れます。案内メールの受け取りに同意を得た方だけを、同意の取得元を記録して追加してください。本人から求められたら削除します。
      </p>
      {done ? <FormAlert tone="success">{done}</FormAlert> : null}
      {result?.formError ? <FormAlert>{result.formError}</FormAlert> : null}
      <Form method="post" noValidate onSubmit={f.onSubmit} className="mb-8 rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="mb-3 text-lg font-bold">宛先を追加する</h2>
        <input type="hidden" name="intent" value="add" />
        <TextField label="同意の取得元" hint="例：令和8年度 総合医育成プログラム受講申込書（案内メール受け取りの同意欄）" maxLength={200} required {...f.field("consentSource")} />
        <TextAreaField label="宛先" hint="1行に1人、メールアドレスを入力します。氏名はカンマの後に続けて書けます。" maxLength={200_000} required rows={6} {...f.field("lines")} />
        <CheckboxField label="総合医育成プログラムの参加者として登録する" {...f.field("programParticipant")} />
        <SubmitButton>追加する</SubmitButton>
      </Form>
      <h2 className="mb-2 text-lg font-bold">登録されている宛先（{total.toLocaleString("ja-JP")}件）</h2>
      <Form method="get" className="mb-3 flex gap-2">
        <label className="sr-only" htmlFor="recipient-q">
          メールアドレスか氏名で探す
        </label>
        <input id="recipient-q" name="q" defaultValue={q} placeholder="メールアドレスか氏名" className="w-64 rounded-md border border-stone-400 px-3 py-1.5" />
        <button type="submit" className="rounded-md border border-brand-700 bg-white px-4 py-1.5 font-semibold text-brand-800">
          探す
        </button>
      </Form>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {rows.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <div>
              <p className="font-semibold break-all">
                {r.email}
                {r.name ? `（${r.name}）` : ""}
              </p>
              <p className="text-sm text-stone-700">
                同意：{r.source}（{r.at}）{r.unsubscribed ? `／${r.unsubscribed} に配信停止` : ""}
              </p>
            </div>
            <Form method="post">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="id" value={r.id} />
              <button type="submit" className="rounded-md border border-red-700 px-3 py-1 text-sm font-semibold text-red-800" aria-label={`${r.email}を削除する`}>
                削除する
              </button>
            </Form>
          </li>
        ))}
        {rows.length === 0 ? <li className="p-3 text-stone-700">該当する宛先はありません。</li> : null}
      </ul>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
