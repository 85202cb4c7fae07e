import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { audienceCount } from "~/campaigns/audience.server";
import {
  campaign as findCampaign,
  campaignFormValues,
  campaignResults,
  cancelCampaign,
  previewCampaign,
  queueCampaign,
  saveCampaignForm,
  scheduleCampaign,
  sendTestMail,
  STATUS_LABELS,
  unscheduleCampaign,
} from "~/campaigns/campaigns.server";
import { CampaignForm } from "~/components/campaign-form";
import { FormAlert, RadioGroup, SubmitButton, TextField, useZodForm, type ServerFormResult } from "~/components/forms";
import { notFound, requireSecretariat } from "~/facilities/access.server";
import { prefectureByCode } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import { PARTICIPATION_OPTIONS } from "~/schemas/campaign-options";
import { campaignSendSchema } from "~/schemas/forms.server";
import { formatJst } from "~/utils/dates";
import { formFailure, parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "案内メール｜GMネットワーク 事務局" }];

const WHEN_OPTIONS = [
  { value: "now", label: "今すぐ送信する" },
  { value: "later", label: "日時を指定して送信する" },
] as const;

/** A datetime-local value, read as Japan time. */
function jstDateTime(value: string) {
  return new Date(`${value}:00+09:00`);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const c = await findCampaign(params.campaignId ?? "");
  if (!c) notFound();
  const preview = await previewCampaign(c);
  const audience = [
    c.prefectureCodes.length ? `関心のある都道府県：${c.prefectureCodes.map((p) => prefectureByCode(p)?.name).join("、")}` : "都道府県：指定なし",
    c.specialtyCodes.length ? `基本領域：${c.specialtyCodes.map((s) => SPECIALTIES.find((x) => x.code === s)?.name).join("、")}` : "基本領域：指定なし",
    PARTICIPATION_OPTIONS.find((o) => o.value === c.participation)?.label ?? "",
  ];
  return {
    id: c.id,
    subject: c.subject,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    audience,
    audienceCount: c.status === "DRAFT" || c.status === "SCHEDULED" ? await audienceCount(c) : c.recipientCount,
    scheduledAt: c.scheduledAt ? formatJst(c.scheduledAt) : null,
    queuedAt: c.queuedAt ? formatJst(c.queuedAt) : null,
    finishedAt: c.finishedAt ? formatJst(c.finishedAt) : null,
    previewText: preview.text,
    results: c.queuedAt ? await campaignResults(c.id) : null,
    formValues: c.status === "DRAFT" ? await campaignFormValues(c) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireSecretariat(request);
  const id = params.campaignId ?? "";
  const c = await findCampaign(id);
  if (!c) notFound();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "save") {
    const saved = await saveCampaignForm(formData, { id, actorId: user.id });
    if (!saved.ok) return data({ ...saved.failure, intent }, { status: 400 });
    return redirect(`/secretariat/campaigns/${id}?done=saved`);
  }
  if (intent === "test") {
    await sendTestMail(c, user.email);
    return redirect(`/secretariat/campaigns/${id}?done=test`);
  }
  if (intent === "send") {
    const parsed = parseForm(formData, campaignSendSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
    const { when, scheduledAt } = parsed.data;
    const count = await audienceCount(c);
    if (count === 0) {
      return data({ ...formFailure(formData, "この条件に当てはまる宛先がいません。宛先の条件を見直してください。"), intent }, { status: 400 });
    }
    // The first post shows what will happen; only the confirmation's post sends.
    if (formData.get("confirmed") !== "yes") return { confirm: { when, scheduledAt, count, at: when === "later" ? formatJst(jstDateTime(scheduledAt)) : null }, intent };
    const outcome = when === "now" ? await queueCampaign(id) : await scheduleCampaign(id, jstDateTime(scheduledAt));
    if (!outcome.ok) {
      const message = {
        "not-draft": "この案内メールは、すでに送信の手続きに入っています。",
        "no-audience": "この条件に当てはまる宛先がいません。宛先の条件を見直してください。",
        past: "送信する日時が過ぎています。これからの日時を指定してください。",
      }[outcome.reason];
      return data({ ...formFailure(formData, message), intent }, { status: 409 });
    }
    return redirect(`/secretariat/campaigns/${id}?done=${when === "now" ? "queued" : "scheduled"}`);
  }
  if (intent === "unschedule") {
    await unscheduleCampaign(id);
    return redirect(`/secretariat/campaigns/${id}?done=unscheduled`);
  }
  if (intent === "cancel") {
    await cancelCampaign(id);
    return redirect(`/secretariat/campaigns/${id}?done=cancelled`);
  }
  throw new Response("不明な操作です", { status: 400 });
}

type Result = (ServerFormResult & { intent?: string; confirm?: { when: string; scheduledAt: string; count: number; at: string | null } }) | undefined;

const DONE: Record<string, string> = {
  saved: "下書きを保存しました。",
  test: "テストメールをあなたのアドレスに送りました。",
  queued: "送信を始めました。送信の状況はこのページで確認できます。",
  scheduled: "送信を予約しました。",
  unscheduled: "送信の予約を取り消して、下書きに戻しました。",
  cancelled: "この案内メールを取りやめました。",
};

export default function CampaignPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result;
  const [params] = useSearchParams();
  const send = useZodForm(() => import("~/schemas/campaign").then((m) => m.campaignSendSchema), result?.intent === "send" && !result.confirm ? result : null, { when: "now" });
  const done = DONE[params.get("done") ?? ""];
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2">
        <Link to="/secretariat/campaigns">← 案内メールの一覧</Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">{d.subject}</h1>
      <p className="mb-4 text-stone-700">
        状態：<strong>{d.statusLabel}</strong>
        {d.scheduledAt && d.status === "SCHEDULED" ? `（${d.scheduledAt} に送信）` : null}
        {d.queuedAt ? `／送信開始 ${d.queuedAt}` : null}
        {d.finishedAt ? `／完了 ${d.finishedAt}` : null}
      </p>
      {done ? <FormAlert tone="success">{done}</FormAlert> : null}
      {result?.formError ? <FormAlert>{result.formError}</FormAlert> : null}

      {d.results ? (
        <section className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
          <h2 className="mb-3 text-lg font-bold">送信の結果</h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {(
              [
                ["宛先", d.results.queued],
                ["送信待ち", d.results.pending],
                ["送信済み", d.results.sent],
                ["送信失敗", d.results.failed],
                ["送信停止中の宛先", d.results.suppressed],
                ["不達（バウンス）", d.results.bounced],
                ["迷惑メール報告", d.results.complained],
                ["配信停止", d.results.unsubscribed],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="rounded-md bg-stone-50 p-3">
                <dt className="text-sm text-stone-700">{label}</dt>
                <dd className="text-xl font-bold" data-testid={`result-${label}`}>
                  {value.toLocaleString("ja-JP")}
                </dd>
              </div>
            ))}
          </dl>
          {d.results.pending > 0 ? <p className="mt-3 text-sm text-stone-700">送信中です。ページを再読み込みすると最新の状況が表示されます。</p> : null}
        </section>
      ) : null}

      <section className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="mb-2 text-lg font-bold">宛先</h2>
        <ul className="mb-2 list-disc pl-6 text-stone-800">
          {d.audience.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
        <p className="text-lg">
          {d.status === "DRAFT" || d.status === "SCHEDULED" ? "この条件に当てはまる宛先：" : "送信した宛先："}
          <strong data-testid="audience-count">{d.audienceCount.toLocaleString("ja-JP")}人</strong>
        </p>
        {d.audienceCount === 0 && d.status === "DRAFT" ? <p className="mt-1 text-red-800">宛先がいないため、送信できません。条件を見直してください。</p> : null}
      </section>

      <section className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="mb-2 text-lg font-bold">プレビュー</h2>
        <p className="mb-2">
          <a href={`/secretariat/campaigns/${d.id}/preview`} target="_blank" rel="noreferrer">
            HTMLメールとして表示する（新しいタブ）
          </a>
        </p>
        <h3 className="mb-1 font-semibold">テキストメール</h3>
        <pre className="whitespace-pre-wrap break-words rounded-md bg-stone-50 p-3 font-sans text-sm" data-testid="preview-text">
          {d.previewText}
        </pre>
        {d.status === "DRAFT" ? (
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="test" />
            <SubmitButton secondary>自分あてにテスト送信する</SubmitButton>
          </Form>
        ) : null}
      </section>

      {d.status === "DRAFT" ? (
        result?.confirm ? (
          <section className="mb-6 rounded-lg border-2 border-amber-400 bg-amber-50 p-5" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading" className="mb-2 text-lg font-bold">
              送信の確認
            </h2>
            <p className="mb-4">
              「{d.subject}」を <strong>{result.confirm.count.toLocaleString("ja-JP")}人</strong> に
              {result.confirm.at ? `${result.confirm.at} に送信します。` : "今すぐ送信します。"}送信を始めると取り消せません。
            </p>
            <Form method="post" className="flex flex-wrap items-center gap-4">
              <input type="hidden" name="intent" value="send" />
              <input type="hidden" name="when" value={result.confirm.when} />
              <input type="hidden" name="scheduledAt" value={result.confirm.scheduledAt} />
              <input type="hidden" name="confirmed" value="yes" />
              <SubmitButton>{result.confirm.at ? "この日時で予約する" : "送信する"}</SubmitButton>
              <Link to={`/secretariat/campaigns/${d.id}`}>やめる</Link>
            </Form>
          </section>
        ) : (
          <Form method="post" noValidate onSubmit={send.onSubmit} className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
            <h2 className="mb-3 text-lg font-bold">送信する</h2>
            <input type="hidden" name="intent" value="send" />
            <RadioGroup legend="送信の時期" options={WHEN_OPTIONS} {...send.field("when")} />
            <TextField label="送信する日時（日本時間・日時を指定する場合）" type="datetime-local" className="w-64" {...send.field("scheduledAt")} />
            <SubmitButton>送信内容を確認する</SubmitButton>
          </Form>
        )
      ) : null}

      {d.status === "SCHEDULED" ? (
        <Form method="post" className="mb-6">
          <input type="hidden" name="intent" value="unschedule" />
          <SubmitButton secondary>送信の予約を取り消して下書きに戻す</SubmitButton>
        </Form>
      ) : null}

      {d.formValues ? (
        <>
          <h2 className="mb-2 text-lg font-bold">内容と宛先を変更する</h2>
          <CampaignForm result={result?.intent === "save" ? result : null} initial={d.formValues} submitLabel="変更を保存する" />
          <Form method="post" className="mt-6">
            <input type="hidden" name="intent" value="cancel" />
            <SubmitButton danger>この案内メールを取りやめる</SubmitButton>
          </Form>
        </>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
