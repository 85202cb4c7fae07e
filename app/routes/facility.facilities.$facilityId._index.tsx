import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert } from "~/components/form-alert";
import { FiguresSection } from "~/components/figures-chart";
import { HistoryList } from "~/components/history-list";
import { StatusBadge } from "~/components/status-badge";
import { autosaveKey, useClearAutosave } from "~/components/use-autosave";
import { requireFacilityMembership } from "~/facilities/access.server";
import { submitForReview } from "~/facilities/facilities.server";
import { currentBillingYear } from "~/payments/fee-periods.server";
import { fiscalYearLabel } from "~/billing/fiscal-year";
import { feeConfig } from "~/billing/fee-config.server";
import { facilityFigures } from "~/facilities/figures.server";
import { facilityHistory, openReturnComment } from "~/facilities/history.server";
import { canEditDraft, canSubmitRevision } from "~/facilities/lifecycle";
import { profileDiff, type ProfileContent } from "~/facilities/profile";
import { sectionProgress } from "~/facilities/section-progress.server";
import { reviewTimeText, typicalReviewDays } from "~/facilities/review-time.server";
import { photosOf, photoSetSignature } from "~/photos/photos.server";
import { PROFILE_SECTION_TITLES } from "~/schemas/facility-profile-options";
import { prisma } from "~/utils/db.server";
import { formatJst } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "医療機関の情報｜GMネットワーク" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { facility } = await requireFacilityMembership(request, params.facilityId);
  const [profiles, history, fee, draftPhotos, approvedPhotos] = await Promise.all([
    prisma.facilityProfile.findMany({ where: { facilityId: facility.id } }),
    facilityHistory(facility.id, { withActors: false }),
    prisma.feePeriod.findMany({ where: { facilityId: facility.id }, orderBy: { fiscalYear: "desc" }, include: { receipt: { select: { id: true } } } }),
    photosOf(facility.id, "DRAFT"),
    photosOf(facility.id, "APPROVED"),
  ]);
  const billingYear = currentBillingYear();
  const billed = fee.find((p) => p.fiscalYear === billingYear);
  const draftRow = profiles.find((p) => p.stage === "DRAFT")!;
  const draft = draftRow as ProfileContent;
  const approved = profiles.find((p) => p.stage === "APPROVED") as ProfileContent | undefined;
  const progress = sectionProgress(draft, draftRow.savedSections);
  const inReview = facility.status === "SUBMITTED" || facility.revisionStatus === "PENDING";
  const returned =
    facility.status === "RETURNED"
      ? await openReturnComment(facility.id, "RETURNED")
      : facility.revisionStatus === "RETURNED"
        ? await openReturnComment(facility.id, "REVISION_RETURNED")
        : null;
  const changes = approved ? profileDiff(approved, draft).filter((r) => r.changed) : [];
  if (approved && photoSetSignature(draftPhotos) !== photoSetSignature(approvedPhotos)) changes.push({ field: "photos", label: "写真", before: "", after: "", changed: true });
  return {
    facility: { id: facility.id, slug: facility.slug, status: facility.status, revisionStatus: facility.revisionStatus, operatorName: facility.operator.name },
    name: draft.name || "（名称未入力）",
    sections: PROFILE_SECTION_TITLES.map((s, i) => ({ key: s.key, title: s.title, description: s.description, complete: progress[i]!.complete, missing: progress[i]!.missing })),
    completeCount: progress.filter((p) => p.complete).length,
    photoCount: draftPhotos.length,
    allComplete: progress.every((p) => p.complete),
    firstIncomplete: progress.find((p) => !p.complete)?.key ?? null,
    reviewTime: inReview || new URL(request.url).searchParams.get("notice") === "submitted" ? reviewTimeText(await typicalReviewDays()) : null,
    submittedAt: facility.submittedAt ? formatJst(facility.submittedAt) : null,
    inReview,
    canEdit: canEditDraft(facility.status, facility.revisionStatus),
    isApplication: facility.status === "DRAFT" || facility.status === "RETURNED",
    canRevise: canSubmitRevision(facility.status, facility.revisionStatus),
    changedFields: changes.map((c) => c.label),
    returned,
    history,
    // Once listed, the facility sees what the listing brings (views, appearances, favourites, inquiries).
    figures: facility.publishedAt ? await facilityFigures(facility.id) : null,
    contentApprovedAt: facility.contentApprovedAt ? formatJst(facility.contentApprovedAt) : null,
    fee: {
      label: fiscalYearLabel(billingYear),
      paid: Boolean(billed?.paidAt),
      payable: ["APPROVED", "PUBLISHED", "LAPSED"].includes(facility.status) && !billed?.paidAt,
      amountTotal: feeConfig().amountTotal,
      periods: fee.map((p) => ({ label: fiscalYearLabel(p.fiscalYear), paid: Boolean(p.paidAt), receiptId: p.receipt?.id ?? null })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, facility } = await requireFacilityMembership(request, params.facilityId);
  const formData = await request.formData();
  if (formData.get("intent") !== "submit") throw new Response("不明な操作です", { status: 400 });
  const outcome = await submitForReview({ facilityId: facility.id, actorId: user.id });
  const messages = {
    incomplete: "未入力の項目があるため申請できません。「未入力」の項目を入力してください。",
    unchanged: "承認済みの内容から変更がありません。",
    "not-allowed": "現在の状態では申請できません。",
  } as const;
  if (outcome === "submitted" || outcome === "revision-submitted") return redirect(`/facility/facilities/${facility.id}?notice=${outcome}`);
  return data({ error: messages[outcome] }, { status: 400 });
}

const NOTICES: Record<string, string> = {
  "payment-cancelled": "お支払いは完了していません。必要なときに、もう一度「登録料を支払う」からお手続きください。",
  "already-paid": "この年度の登録料はお支払い済みです。",
  "not-payable": "承認後にお支払いいただけます。",
  submitted: "申請しました。事務局が内容を確認し、結果をメールでお知らせします。",
  "revision-submitted": "修正内容を申請しました。事務局が確認するまで、公開ページは現在の内容のままです。",
  created: "医療機関を追加しました。各項目を入力してください。項目ごとに保存できます。",
};

export default function FacilityOverview() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  useClearAutosave(saved ? autosaveKey(d.facility.id, saved) : null);
  const notice = saved ? "保存しました。" : NOTICES[params.get("notice") ?? (params.get("created") ? "created" : "")];
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2">
        <Link to="/facility">← 医療機関の管理</Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">{d.name}</h1>
      <p className="mb-4 flex flex-wrap items-center gap-3 text-stone-700">
        {d.facility.operatorName} <StatusBadge status={d.facility.status} revisionStatus={d.facility.revisionStatus} />
      </p>
      {notice ? <FormAlert tone="success">{notice}</FormAlert> : null}
      <FormAlert>{result?.error}</FormAlert>
      {d.facility.status === "SUBMITTED" ? (
        <section aria-labelledby="next-steps" className="mb-6 rounded-lg border-2 border-sky-300 bg-sky-50 p-5">
          <h2 id="next-steps" className="mb-2 text-lg font-bold">
            事務局が審査しています
          </h2>
          <ol className="mb-2 list-decimal space-y-1 pl-6">
            <li>事務局と運営委員会が、掲載の要件を満たしているかを確認します{d.submittedAt ? `（申請日時：${d.submittedAt}）` : ""}。</li>
            <li>結果はメールでお知らせします。修正のお願いがあれば、この画面にも表示されます。</li>
            <li>承認後、登録料（年額）をお支払いいただくと、掲載が始まります。</li>
          </ol>
          <p className="font-semibold">{d.reviewTime}</p>
          <p className="mt-2 text-sm text-stone-700">審査中は編集できません。申請した内容は、下の各項目から確認できます。</p>
        </section>
      ) : null}
      {d.returned ? (
        <div role="alert" className="mb-6 rounded-lg border-2 border-amber-400 bg-amber-50 p-4">
          <p className="mb-1 font-bold">事務局から修正のお願いがあります（{d.returned.at}）</p>
          <p className="whitespace-pre-wrap">{d.returned.comment}</p>
          <p className="mt-2 text-sm">該当する項目を修正し、下の「再申請する」ボタンを押してください。</p>
        </div>
      ) : null}
      {d.facility.status === "PUBLISHED" ? (
        <FormAlert tone="info">
          掲載中です：<Link to={`/facilities/${d.facility.slug}`}>公開ページを見る</Link>（掲載情報の確認日 {d.contentApprovedAt}）。
          {d.canEdit
            ? "内容を修正すると、事務局の確認後に公開ページに反映されます。"
            : "修正内容を事務局が確認中です。確認が済むまで、公開ページには今の内容が表示されます。"}
        </FormAlert>
      ) : null}
      {d.fee.payable ? (
        <section className="mb-6 rounded-lg border-2 border-brand-600 bg-white p-6">
          <h2 className="mb-2 text-lg font-bold">{d.fee.label}の登録料</h2>
          <p className="mb-4">
            {d.facility.status === "APPROVED"
              ? "承認されました。登録料のお支払いが確認でき次第、掲載を開始します。"
              : d.facility.status === "LAPSED"
                ? "登録料が未納のため掲載を停止しています。お支払いが確認でき次第、掲載を再開します。"
                : "引き続き掲載するため、登録料のお支払いをお願いします。"}
            <br />
            ¥{d.fee.amountTotal.toLocaleString("ja-JP")}（税込）／クレジットカード、コンビニ払い。銀行振込をご希望の場合は事務局までご連絡ください。
          </p>
          <Form method="post" action={`/facility/facilities/${d.facility.id}/pay`}>
            <button type="submit" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">
              登録料を支払う
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="profile-sections" className="mb-6 rounded-lg border border-stone-200 bg-white p-6">
        <h2 id="profile-sections" className="mb-3 text-lg font-bold">
          掲載する情報
        </h2>
        <p className="mb-1 font-semibold" id="progress-label">
          {d.sections.length}項目中 {d.completeCount}項目が入力済み
        </p>
        <progress value={d.completeCount} max={d.sections.length} aria-labelledby="progress-label" className="mb-3 h-3 w-full accent-brand-700" />
        {!d.canEdit ? <p className="mb-3 text-stone-700">事務局が確認中のため、今は編集できません。各項目の内容は確認できます。</p> : null}
        {d.canEdit && d.firstIncomplete ? (
          <p className="mb-3">
            <Link to={`/facility/facilities/${d.facility.id}/${d.firstIncomplete}`} className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white">
              {d.completeCount === 0 ? "入力を始める" : "続きを入力する"}
            </Link>
          </p>
        ) : null}
        <ol className="divide-y divide-stone-200">
          {d.sections.map((s, i) => (
            <li key={s.key} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <span>
                <span className="mr-2 text-stone-600">{i + 1}.</span>
                <Link to={`/facility/facilities/${d.facility.id}/${s.key}`} className="font-semibold">
                  {s.title}
                </Link>
                {!d.canEdit ? <span className="ml-2 text-sm text-stone-600">（内容を見る）</span> : null}
                <span className="block text-sm text-stone-600">{s.description}</span>
                {!s.complete && s.missing.length ? <span className="block text-sm text-amber-900">残り：{s.missing.join("、")}</span> : null}
              </span>
              <span className={`rounded px-2 py-0.5 text-sm font-semibold ${s.complete ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}>
                {s.complete ? "入力済み" : "未入力"}
              </span>
            </li>
          ))}
        </ol>
        <p className="mt-3 border-t border-stone-200 pt-3">
          <Link to={`/facility/facilities/${d.facility.id}/photos`} className="font-semibold">
            写真
          </Link>
          <span className="ml-2 text-sm text-stone-600">（任意・8枚まで）{d.photoCount ? `${d.photoCount}枚` : "まだありません"}</span>
          <span className="block text-sm text-stone-600">建物や診療の様子、職員の写真。1枚めが検索結果に表示されます</span>
        </p>
      </section>

      {d.isApplication ? (
        <Form method="post" className="mb-8 rounded-lg border border-stone-200 bg-white p-6">
          <input type="hidden" name="intent" value="submit" />
          <p className="mb-3">{d.allComplete ? "すべての項目が入力されました。内容を確認して申請してください。" : "すべての項目を入力すると申請できます。"}</p>
          <button type="submit" disabled={!d.allComplete} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white disabled:opacity-50">
            {d.facility.status === "RETURNED" ? "修正して再申請する" : "事務局に申請する"}
          </button>
        </Form>
      ) : null}
      {d.canRevise ? (
        <Form method="post" className="mb-8 rounded-lg border border-stone-200 bg-white p-6">
          <input type="hidden" name="intent" value="submit" />
          {d.changedFields.length ? (
            <>
              <p className="mb-2">承認済みの内容から、次の項目が変更されています（まだ公開されていません）：</p>
              <p className="mb-3 font-semibold">{d.changedFields.join("、")}</p>
              <button type="submit" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">
                修正内容を申請する
              </button>
            </>
          ) : (
            <p className="text-stone-700">掲載内容を修正するには、上の項目を編集して保存し、ここから申請してください。</p>
          )}
        </Form>
      ) : null}

      {d.fee.periods.length ? (
        <section className="mb-6 rounded-lg border border-stone-200 bg-white p-6">
          <h2 className="mb-3 text-lg font-bold">登録料</h2>
          <ul>
            {d.fee.periods.map((p) => (
              <li key={p.label}>
                {p.label}：{p.paid ? "お支払い済み" : "未払い"}
                {p.receiptId ? (
                  <>
                    {" "}
                    <Link to={`/receipts/${p.receiptId}`}>領収書</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.figures ? <FiguresSection {...d.figures} /> : null}
      <HistoryList title="これまでの経過" entries={d.history} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
