import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatJst, jstIsoDate } from "~/utils/dates";
import { CheckboxField, FormAlert, SelectField, SubmitButton, TextAreaField, TextField, useZodForm } from "~/components/forms";
import { HistoryList } from "~/components/history-list";
import { StatusBadge } from "~/components/status-badge";
import { notFound, requireSecretariat } from "~/facilities/access.server";
import { recordBankTransfer } from "~/payments/fee-periods.server";
import { fiscalYearLabel, fiscalYearOf } from "~/billing/fiscal-year";
import { facilityHistory } from "~/facilities/history.server";
import { Photo } from "~/components/photo";
import { describePhotos, photosOf, photoSetSignature, type PhotoView } from "~/photos/photos.server";
import { displayValue, FIELD_LABEL, profileDiff, CONTENT_FIELDS, type ProfileContent } from "~/facilities/profile";
import { NEEDS_COMMENT, type Decision } from "~/facilities/decisions";
import { availableDecisions, decide } from "~/facilities/review.server";
import { decisionSchema, paymentSchema } from "~/schemas/forms.server";
import { prisma } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "審査｜GMネットワーク事務局" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const facility = await prisma.facility.findUnique({
    where: { id: params.facilityId ?? "" },
    include: {
      profiles: true,
      feePeriods: { orderBy: { fiscalYear: "desc" }, include: { receipt: { select: { id: true } } } },
      operator: { include: { members: { include: { user: { select: { email: true } } } } } },
    },
  });
  if (!facility) notFound();
  const draft = facility.profiles.find((p) => p.stage === "DRAFT")! as ProfileContent;
  const approved = (facility.profiles.find((p) => p.stage === "APPROVED") as ProfileContent | undefined) ?? null;
  const revisionPending = facility.revisionStatus === "PENDING";
  const [draftPhotos, approvedPhotos] = await Promise.all([photosOf(facility.id, "DRAFT"), photosOf(facility.id, "APPROVED")]);
  const currentFy = fiscalYearOf(new Date());
  return {
    facility: {
      id: facility.id,
      slug: facility.slug,
      status: facility.status,
      revisionStatus: facility.revisionStatus,
      version: facility.version,
      contentApprovedAt: facility.contentApprovedAt ? formatJst(facility.contentApprovedAt) : null,
    },
    operator: { name: facility.operator.name, kind: facility.operator.kind, corporateNumber: facility.operator.corporateNumber, members: facility.operator.members.map((m) => m.user.email) },
    name: draft.name,
    // Under review the secretariat reads the draft; a published listing shows what the public sees.
    profile: CONTENT_FIELDS.map((f) => ({ field: f, label: FIELD_LABEL[f], value: displayValue(f, revisionPending || !approved ? draft : approved) })),
    diff: revisionPending ? [...profileDiff(approved, draft), photoDiff(draftPhotos, approvedPhotos)] : null,
    photos: revisionPending || !approved ? draftPhotos : approvedPhotos,
    decisions: availableDecisions(facility.status, facility.revisionStatus),
    history: await facilityHistory(facility.id, { withActors: true }),
    fees: facility.feePeriods.map((p) => ({
      label: fiscalYearLabel(p.fiscalYear),
      paidAt: p.paidAt ? formatJst(p.paidAt) : null,
      method: p.method === "BANK_TRANSFER" ? "銀行振込" : p.method === "STRIPE" ? "カード等（Stripe）" : "",
      amountTotal: p.amountTotal,
      note: p.note,
      receiptId: p.receipt?.id ?? null,
    })),
    // Only years not paid yet, and only once the application is approved: a transfer before
    // approval, or for a paid year, is a mistake waiting to happen.
    fiscalYears: [currentFy, currentFy + 1]
      .filter((fy) => !facility.feePeriods.some((p) => p.fiscalYear === fy && p.paidAt))
      .map((fy) => ({ value: String(fy), label: fiscalYearLabel(fy) })),
    canRecordPayment: ["APPROVED", "PUBLISHED", "LAPSED"].includes(facility.status) && [currentFy, currentFy + 1].some((fy) => !facility.feePeriods.some((p) => p.fiscalYear === fy && p.paidAt)),
    today: jstIsoDate(new Date()),
  };
}

function photoDiff(draft: PhotoView[], approved: PhotoView[]) {
  const before = describePhotos(approved);
  const after = describePhotos(draft);
  return { field: "photos", label: "写真", before, after, changed: photoSetSignature(draft) !== photoSetSignature(approved) };
}

const OUTCOME_MESSAGES = {
  stale: "他の事務局メンバーが先にこの医療機関の処理を行いました。画面を開き直して最新の状態を確認してください。",
  illegal: "この状態では行えない操作です。画面を開き直して最新の状態を確認してください。",
  "comment-required": "理由・修正してほしい点を入力してください。",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireSecretariat(request);
  const facility = await prisma.facility.findUnique({ where: { id: params.facilityId ?? "" }, select: { id: true } });
  if (!facility) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "decide") {
    const parsed = parseForm(formData, decisionSchema);
    if (!parsed.ok) return data({ ...parsed, form: String(formData.get("decision")) }, { status: 400 });
    const outcome = await decide({
      facilityId: facility.id,
      expectedVersion: parsed.data.version,
      actorId: user.id,
      decision: parsed.data.decision,
      comment: parsed.data.comment,
    });
    if (outcome !== "ok") return data({ ...formFailure(formData, OUTCOME_MESSAGES[outcome]), form: parsed.data.decision }, { status: 409 });
    return redirect(`/secretariat/facilities/${facility.id}?done=${parsed.data.decision}`);
  }
  if (intent === "record-payment") {
    const parsed = parseForm(formData, paymentSchema);
    if (!parsed.ok) return data({ ...parsed, form: "payment" }, { status: 400 });
    const outcome = await recordBankTransfer({
      facilityId: facility.id,
      actorId: user.id,
      fiscalYear: parsed.data.fiscalYear,
      paidAt: new Date(`${parsed.data.paidOn}T12:00:00+09:00`),
      note: parsed.data.note,
    });
    if (outcome !== "recorded") {
      const message = outcome === "already-paid" ? "この年度の登録料は、すでに入金済みとして記録されています。" : "この状態の医療機関には入金を記録できません。";
      return data({ ...formFailure(formData, message), form: "payment" }, { status: 409 });
    }
    return redirect(`/secretariat/facilities/${facility.id}?done=payment`);
  }
  throw new Response("不明な操作です", { status: 400 });
}

/**
 * Each decision's words. The comment's label says what it is for (a request to fix, the reason
 * for a refusal, the reason for a revocation); the ones that take something away are red and
 * come last, below the everyday ones (`ORDER`).
 */
const DECISION_UI: Record<Decision, { title: string; button: string; confirm: string; comment: string; danger?: boolean }> = {
  approve: { title: "承認する", button: "承認する", confirm: "申請内容を確認し、承認します", comment: "コメント（任意・医療機関に伝わります）" },
  return: { title: "差し戻す（修正を依頼）", button: "差し戻す", confirm: "コメントを添えて差し戻します", comment: "修正してほしい点（医療機関に伝わります）" },
  reject: { title: "不承認にする", button: "不承認にする", confirm: "この申請を不承認にします（元に戻せません）", comment: "不承認の理由（医療機関に伝わります）", danger: true },
  revoke: { title: "掲載を取り消す", button: "掲載を取り消す", confirm: "掲載を取り消し、公開ページと検索から外します", comment: "掲載を取り消す理由（医療機関に伝わります）", danger: true },
  reinstate: { title: "掲載取消を解除する", button: "解除する", confirm: "掲載取消を解除します（今年度の登録料が入金済みなら掲載を再開します）", comment: "コメント（任意・医療機関に伝わります）" },
  acceptRevision: { title: "修正内容を承認する", button: "修正を承認する", confirm: "修正内容を確認し、公開ページに反映します", comment: "コメント（任意・医療機関に伝わります）" },
  returnRevision: { title: "修正内容を差し戻す", button: "修正を差し戻す", confirm: "コメントを添えて修正内容を差し戻します", comment: "修正してほしい点（医療機関に伝わります）" },
};
const ORDER: Decision[] = ["acceptRevision", "returnRevision", "approve", "return", "reinstate", "reject", "revoke"];

const DONE: Record<string, string> = {
  approve: "承認しました。医療機関にメールで通知しました。",
  return: "差し戻しました。医療機関にメールで通知しました。",
  reject: "不承認にしました。医療機関にメールで通知しました。",
  revoke: "掲載を取り消しました。公開ページは表示されなくなりました。",
  reinstate: "掲載取消を解除しました。",
  acceptRevision: "修正内容を承認し、公開ページに反映しました。",
  returnRevision: "修正内容を差し戻しました。",
  payment: "入金を記録しました。",
};

type ActionResult = ReturnType<typeof useActionData<typeof action>>;

function DecisionForm({ decision, version, result }: { decision: Decision; version: number; result: ActionResult }) {
  const mine = result && "form" in result && result.form === decision ? result : null;
  const { field, onSubmit } = useZodForm(() => import("~/schemas/review").then((m) => m.decisionSchema), mine);
  const ui = DECISION_UI[decision];
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className={`rounded-lg border p-4 ${ui.danger ? "border-red-300 bg-red-50" : "border-stone-200 bg-white"}`}>
      <h3 className="mb-2 font-bold">{ui.title}</h3>
      {mine?.formError ? <FormAlert>{mine.formError}</FormAlert> : null}
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" {...field("decision").registration} value={decision} />
      <input type="hidden" {...field("version").registration} value={version} />
      <TextAreaField
        label={ui.comment}
        required={NEEDS_COMMENT[decision]}
        maxLength={2000}
        rows={3}
        {...field("comment")}
      />
      <CheckboxField label={ui.confirm} {...field("confirm")} />
      <SubmitButton danger={ui.danger}>{ui.button}</SubmitButton>
    </Form>
  );
}

function PaymentForm({ fiscalYears, today, result }: { fiscalYears: Array<{ value: string; label: string }>; today: string; result: ActionResult }) {
  const mine = result && "form" in result && result.form === "payment" ? result : null;
  const { field, onSubmit } = useZodForm(() => import("~/schemas/review").then((m) => m.paymentSchema), mine, { fiscalYear: fiscalYears[0]!.value, paidOn: today });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="rounded-lg border border-stone-200 bg-white p-4">
      <h3 className="mb-2 font-bold">銀行振込の入金を記録する</h3>
      {mine?.formError ? <FormAlert>{mine.formError}</FormAlert> : null}
      <input type="hidden" name="intent" value="record-payment" />
      <SelectField label="年度" required options={fiscalYears} {...field("fiscalYear")} />
      <TextField label="入金日" type="date" required {...field("paidOn")} />
      <TextField label="メモ（振込名義など・任意）" {...field("note")} />
      <CheckboxField label="33,000円（税込）の入金を確認しました" {...field("confirm")} />
      <SubmitButton>入金を記録する</SubmitButton>
    </Form>
  );
}

export default function SecretariatFacility() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  return (
    <div>
      <p className="mb-2">
        <Link to="/secretariat">← 審査待ち一覧</Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">{d.name}</h1>
      <p className="mb-4 flex flex-wrap items-center gap-3">
        <StatusBadge status={d.facility.status} revisionStatus={d.facility.revisionStatus} />
        {d.facility.status === "PUBLISHED" ? <Link to={`/facilities/${d.facility.slug}`}>公開ページ</Link> : null}
        {d.facility.contentApprovedAt ? <span className="text-sm text-stone-600">掲載情報の確認日 {d.facility.contentApprovedAt}</span> : null}
      </p>
      {done ? <FormAlert tone="success">{done}</FormAlert> : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          {d.diff ? (
            <section className="rounded-lg border border-stone-200 bg-white p-4">
              <h2 className="mb-3 text-lg font-bold">修正内容（左: 公開中、右: 修正案）</h2>
              <table className="w-full border-collapse text-sm">
                <thead>
                  <tr className="border-b border-stone-300 text-left">
                    <th className="w-40 p-2">項目</th>
                    <th className="p-2">公開中の内容</th>
                    <th className="p-2">修正案</th>
                  </tr>
                </thead>
                <tbody>
                  {d.diff.map((row) => (
                    <tr key={row.field} className={`border-b border-stone-200 align-top ${row.changed ? "bg-amber-50" : ""}`}>
                      <th className="p-2 text-left font-semibold">
                        {row.label}
                        {row.changed ? <span className="block text-xs font-bold text-amber-800">変更あり</span> : null}
                      </th>
                      <td className={`p-2 whitespace-pre-wrap ${row.changed ? "text-stone-600 line-through decoration-red-400" : ""}`}>{row.before}</td>
                      <td className={`p-2 whitespace-pre-wrap ${row.changed ? "font-semibold" : ""}`}>{row.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : (
            <section className="rounded-lg border border-stone-200 bg-white p-4">
              <h2 className="mb-3 text-lg font-bold">掲載情報</h2>
              <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
                {d.profile.map((row) => (
                  <div key={row.field} className="contents">
                    <dt className="font-semibold text-stone-700">{row.label}</dt>
                    <dd className="whitespace-pre-wrap">{row.value || <span className="text-stone-600">（未入力）</span>}</dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
          {d.photos.length ? (
            <section className="rounded-lg border border-stone-200 bg-white p-4">
              <h2 className="mb-3 text-lg font-bold">写真（{d.photos.length}枚）</h2>
              <ol className="grid gap-4 sm:grid-cols-2">
                {d.photos.map((p, i) => (
                  <li key={p.id}>
                    <Photo photo={p} sizes="(min-width: 640px) 20rem, 100vw" className="aspect-[4/3] w-full rounded object-cover" />
                    <p className="mt-1 text-sm">
                      {i + 1}. 説明：{p.alt}
                      {p.caption ? <span className="block text-stone-700">キャプション：{p.caption}</span> : null}
                    </p>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          <HistoryList title="経過（監査記録）" entries={d.history} />
        </div>
        <aside className="space-y-4">
          <section className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
            <h2 className="mb-2 font-bold">運営法人</h2>
            <p>
              {d.operator.name}（{d.operator.kind === "CORPORATION" ? "法人" : "個人開設"}）
            </p>
            {d.operator.corporateNumber ? <p>法人番号 {d.operator.corporateNumber}</p> : null}
            <p className="mt-2 font-semibold">メンバー</p>
            <ul>
              {d.operator.members.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </section>
          <section className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
            <h2 className="mb-2 font-bold">登録料</h2>
            {d.fees.length === 0 ? <p>記録はありません。</p> : null}
            <ul>
              {d.fees.map((f) => (
                <li key={f.label}>
                  {f.label}：{f.paidAt ? `入金済み ${f.paidAt}（${f.method}）¥${f.amountTotal.toLocaleString("ja-JP")}` : "未入金"}
                  {f.note ? `／${f.note}` : ""}
                  {f.receiptId ? (
                    <>
                      {" "}
                      <Link to={`/receipts/${f.receiptId}`}>領収書</Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
          {[...d.decisions]
            .sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))
            .map((decision) => (
              <DecisionForm key={decision} decision={decision} version={d.facility.version} result={result} />
            ))}
          {d.canRecordPayment ? <PaymentForm fiscalYears={d.fiscalYears} today={d.today} result={result} /> : null}
        </aside>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
