import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert, RadioGroup, SubmitButton, TextAreaField, useZodForm, type ServerFormResult } from "~/components/forms";
import { notFound, requireSecretariat } from "~/facilities/access.server";
import { addReportNote, listingReport, reasonLabel, resolutionLabel, resolveListingReport } from "~/facilities/listing-reports.server";
import { reportNoteSchema, reportResolutionSchema } from "~/schemas/forms.server";
import { LISTING_REPORT_RESOLUTIONS } from "~/schemas/listing-report-options";
import { formatJst } from "~/utils/dates";
import { formFailure, parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "掲載内容へのお知らせ｜GMネットワーク 事務局" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const report = await listingReport(params.reportId ?? "");
  if (!report) notFound();
  return {
    id: report.id,
    facility: { id: report.facility.id, slug: report.facility.slug, name: report.facility.profiles[0]?.name ?? "", published: report.facility.status === "PUBLISHED" },
    reason: reasonLabel(report.reason),
    details: report.details,
    contactEmail: report.contactEmail,
    createdAt: formatJst(report.createdAt),
    notes: report.notes.map((n) => ({ id: n.id, body: n.body, author: n.author?.displayName ?? n.author?.email ?? "（削除されたユーザー）", at: formatJst(n.createdAt) })),
    resolved: report.resolvedAt
      ? { resolution: resolutionLabel(report.resolution), note: report.resolutionNote, at: formatJst(report.resolvedAt), by: report.resolvedBy?.displayName ?? report.resolvedBy?.email ?? "" }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireSecretariat(request);
  const reportId = params.reportId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "note") {
    const parsed = parseForm(formData, reportNoteSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
    if (!(await addReportNote({ reportId, authorId: user.id, body: parsed.data.body }))) notFound();
    return redirect(`/secretariat/listing-reports/${reportId}?done=note`);
  }
  if (intent === "resolve") {
    const parsed = parseForm(formData, reportResolutionSchema);
    if (!parsed.ok) return data({ ...parsed, intent }, { status: 400 });
    const outcome = await resolveListingReport({ reportId, actorId: user.id, ...parsed.data });
    if (outcome === "missing") notFound();
    if (outcome === "already") return data({ ...formFailure(formData, "このお知らせは、すでに対応済みとして記録されています。"), intent }, { status: 409 });
    return redirect(`/secretariat/listing-reports/${reportId}?done=resolve`);
  }
  throw new Response("不明な操作です", { status: 400 });
}

type Result = (ServerFormResult & { intent?: string }) | undefined;

export default function ListingReportPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result;
  const [params] = useSearchParams();
  const note = useZodForm(() => import("~/schemas/listing-report").then((m) => m.reportNoteSchema), result?.intent === "note" ? result : null);
  const resolve = useZodForm(() => import("~/schemas/listing-report").then((m) => m.reportResolutionSchema), result?.intent === "resolve" ? result : null);
  const done = { note: "メモを追加しました。", resolve: "対応を記録しました。" }[params.get("done") ?? ""];
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2">
        <Link to="/secretariat/listing-reports">← お知らせの一覧</Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">掲載内容へのお知らせ：{d.facility.name}</h1>
      <p className="mb-4 text-stone-700">
        受付 {d.createdAt}／<Link to={`/secretariat/facilities/${d.facility.id}`}>この医療機関の審査ページ（修正依頼・掲載取消）</Link>
        {d.facility.published ? (
          <>
            ／<Link to={`/facilities/${d.facility.slug}`}>公開ページ</Link>
          </>
        ) : null}
      </p>
      {done ? <FormAlert tone="success">{done}</FormAlert> : null}
      {result?.formError ? <FormAlert>{result.formError}</FormAlert> : null}
      <section className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="mb-2 font-bold">{d.reason}</h2>
        <p className="whitespace-pre-wrap">{d.details}</p>
        <p className="mt-3 text-sm text-stone-700">連絡先：{d.contactEmail || "（なし）"}</p>
      </section>
      <section className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="mb-3 font-bold">事務局のメモ</h2>
        {d.notes.length ? (
          <ol className="mb-4 space-y-2">
            {d.notes.map((n) => (
              <li key={n.id} className="rounded bg-stone-50 p-3">
                <p className="text-sm text-stone-700">
                  {n.author}（{n.at}）
                </p>
                <p className="whitespace-pre-wrap">{n.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mb-4 text-stone-700">まだメモはありません。</p>
        )}
        <Form method="post" noValidate onSubmit={note.onSubmit}>
          <input type="hidden" name="intent" value="note" />
          <TextAreaField label="メモを追加する" maxLength={2000} required rows={3} {...note.field("body")} />
          <SubmitButton secondary>メモを追加する</SubmitButton>
        </Form>
      </section>
      {d.resolved ? (
        <section className="rounded-lg border-2 border-emerald-300 bg-emerald-50 p-5">
          <h2 className="mb-2 font-bold">対応済み：{d.resolved.resolution}</h2>
          <p className="whitespace-pre-wrap">{d.resolved.note}</p>
          <p className="mt-2 text-sm text-stone-700">
            {d.resolved.by}（{d.resolved.at}）
          </p>
        </section>
      ) : (
        <Form method="post" noValidate onSubmit={resolve.onSubmit} className="rounded-lg border border-stone-200 bg-white p-5">
          <h2 className="mb-3 font-bold">対応を記録する</h2>
          <p className="mb-3 text-sm text-stone-700">
            修正の依頼や掲載の取消は、審査ページで行ってから記録してください。「修正した」「取り消した」を記録すると、医療機関のメンバーにメールで通知します。
          </p>
          <input type="hidden" name="intent" value="resolve" />
          <RadioGroup legend="対応の結果" options={LISTING_REPORT_RESOLUTIONS} {...resolve.field("resolution")} />
          <TextAreaField label="対応の内容" hint="医療機関への通知にも載ります" maxLength={2000} required rows={3} {...resolve.field("resolutionNote")} />
          <SubmitButton>対応を記録する</SubmitButton>
        </Form>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
