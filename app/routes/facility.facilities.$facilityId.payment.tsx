import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { notFound, requireFacilityMembership } from "~/facilities/access.server";
import { fiscalYearLabel } from "~/billing/fiscal-year";
import { prisma } from "~/utils/db.server";

/** Where Checkout returns: "processing" until the webhook confirms the payment, then "paid". */
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "お支払いの状況｜GMネットワーク" },
  // Without JavaScript the page refreshes itself while the payment is being confirmed.
  ...(data?.state === "processing" ? [{ httpEquiv: "refresh", content: "3" } as const] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { facility } = await requireFacilityMembership(request, params.facilityId);
  const sessionId = new URL(request.url).searchParams.get("session") ?? "";
  const attempt = await prisma.paymentAttempt.findFirst({
    where: { checkoutSessionId: sessionId, facilityId: facility.id },
    include: { feePeriod: { include: { receipt: { select: { id: true } } } } },
  });
  if (!attempt) notFound();
  const state =
    attempt.status === "PAID" || attempt.feePeriod.paidAt
      ? "paid"
      : attempt.status === "FAILED"
        ? "failed"
        : attempt.status === "EXPIRED"
          ? "expired"
          : attempt.status === "MISMATCH" || attempt.status === "DUPLICATE"
            ? "flagged"
            : "processing";
  return {
    state,
    facilityId: facility.id,
    year: fiscalYearLabel(attempt.fiscalYear),
    amountTotal: attempt.amountTotal,
    receiptId: attempt.feePeriod.receipt?.id ?? null,
    delayed: attempt.status === "PROCESSING",
    // Publication follows payment in the same transaction as the webhook, so once paid this says whether it is live.
    live: (await prisma.facility.findUniqueOrThrow({ where: { id: facility.id }, select: { status: true } })).status === "PUBLISHED",
    slug: facility.slug,
  };
}

export default function PaymentStatus() {
  const d = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useEffect(() => {
    if (d.state !== "processing") return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [d.state, revalidator]);
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-2xl font-bold">{d.year}の登録料</h1>
      <div role="status" aria-live="polite" className="rounded-lg border border-stone-200 bg-white p-6">
        {d.state === "processing" ? (
          <>
            <p className="mb-2 text-lg font-bold">お支払いを確認しています…</p>
            <p className="text-stone-700">
              {d.delayed
                ? "コンビニ等でのお支払いを待っています。お支払いが確認されると、メールでお知らせし、掲載を開始します。"
                : "このページは自動で更新されます。しばらくお待ちください。"}
            </p>
          </>
        ) : null}
        {d.state === "paid" ? (
          <>
            <p className="mb-2 text-lg font-bold text-brand-800">お支払いが完了しました</p>
            <p className="mb-4">¥{d.amountTotal.toLocaleString("ja-JP")}（税込）のお支払いを確認しました。領収書をメールでお送りしました。</p>
            {d.live ? (
              <p className="mb-4 rounded-md bg-emerald-50 p-3 font-semibold text-emerald-900">
                掲載中です。医師が検索で見つけられるようになりました。{" "}
                <Link to={`/facilities/${d.slug}`}>公開ページを見る</Link>
              </p>
            ) : (
              <p className="mb-4">事務局の承認が済むと、掲載が始まります。</p>
            )}
            <div className="flex flex-wrap gap-4">
              {d.receiptId ? <Link to={`/receipts/${d.receiptId}`}>領収書を表示する</Link> : null}
              <Link to={`/facility/facilities/${d.facilityId}`}>医療機関の管理に戻る</Link>
            </div>
          </>
        ) : null}
        {d.state === "failed" || d.state === "expired" ? (
          <>
            <p className="mb-2 text-lg font-bold text-red-800">{d.state === "failed" ? "お支払いができませんでした" : "お支払いは完了していません"}</p>
            <p className="mb-4">もう一度お試しいただくか、銀行振込をご希望の場合は事務局までご連絡ください。</p>
            <Form method="post" action={`/facility/facilities/${d.facilityId}/pay`}>
              <button type="submit" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">
                もう一度支払う
              </button>
            </Form>
          </>
        ) : null}
        {d.state === "flagged" ? <p>お支払いの内容を事務局で確認しています。確認が済み次第ご連絡します。</p> : null}
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
