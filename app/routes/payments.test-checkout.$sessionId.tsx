import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound, requireFacilityMembership } from "~/facilities/access.server";
import { fiscalYearLabel } from "~/billing/fiscal-year";
import { taxOn, yen } from "~/billing/policy";
import { completeLocalCheckout, type LocalOutcome } from "~/payments/local-checkout.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "テストモードの支払い｜GMネットワーク" }, { name: "robots", content: "noindex" }];

/** Only LOCAL_TEST sessions exist here; with real Stripe keys this page answers 404. */
async function requireLocalAttempt(request: Request, sessionId: string | undefined) {
  const attempt = await prisma.paymentAttempt.findUnique({ where: { checkoutSessionId: sessionId ?? "" }, include: { feePeriod: true } });
  if (!attempt || attempt.provider !== "LOCAL_TEST") notFound();
  const { facility } = await requireFacilityMembership(request, attempt.facilityId);
  return { attempt, facility };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { attempt } = await requireLocalAttempt(request, params.sessionId);
  const profile = await prisma.facilityProfile.findFirst({ where: { facilityId: attempt.facilityId, stage: "DRAFT" }, select: { name: true } });
  const p = attempt.feePeriod;
  return {
    facilityName: profile?.name ?? "",
    description: `GMネットワーク登録料（${fiscalYearLabel(attempt.fiscalYear)}）`,
    amountExclTax: yen(p.amountExclTax),
    taxRatePercent: p.taxRatePercent,
    taxAmount: yen(taxOn(p.amountExclTax, p.taxRatePercent)),
    amountTotal: yen(p.amountTotal),
    open: attempt.localState === "open",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { attempt } = await requireLocalAttempt(request, params.sessionId);
  const outcome = String((await request.formData()).get("outcome")) as LocalOutcome;
  if (!["success", "failure", "cancel"].includes(outcome)) throw new Response("不明な操作です", { status: 400 });
  if (attempt.localState === "open") await completeLocalCheckout(attempt.checkoutSessionId, outcome);
  if (outcome === "cancel") return redirect(`/facility/facilities/${attempt.facilityId}?notice=payment-cancelled`);
  return redirect(`/facility/facilities/${attempt.facilityId}/payment?session=${attempt.checkoutSessionId}`);
}

export default function LocalCheckout() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-lg">
      <p className="mb-4 rounded-md border-2 border-dashed border-amber-500 bg-amber-50 p-3 text-sm font-semibold text-amber-900">
        テストモード：Stripeのキーが設定されていないため、実際の決済は行われません。結果を選ぶと、本番と同じ処理（Webhook）で反映されます。
      </p>
      <h1 className="mb-4 text-2xl font-bold">お支払い</h1>
      <dl className="mb-6 grid grid-cols-[10rem_1fr] gap-y-2 rounded-lg border border-stone-200 bg-white p-5">
        <dt className="text-stone-600">医療機関</dt>
        <dd>{d.facilityName}</dd>
        <dt className="text-stone-600">内容</dt>
        <dd>{d.description}</dd>
        <dt className="text-stone-600">金額（税抜）</dt>
        <dd>{d.amountExclTax}</dd>
        <dt className="text-stone-600">消費税（{d.taxRatePercent}%）</dt>
        <dd>{d.taxAmount}</dd>
        <dt className="font-bold">合計</dt>
        <dd className="text-xl font-bold">{d.amountTotal}</dd>
      </dl>
      {d.open ? (
        <Form method="post" className="flex flex-wrap gap-3">
          <button type="submit" name="outcome" value="success" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">
            支払いに成功する
          </button>
          <button type="submit" name="outcome" value="failure" className="rounded-md border border-red-400 bg-white px-5 py-2.5 font-semibold text-red-800">
            支払いに失敗する
          </button>
          <button type="submit" name="outcome" value="cancel" className="rounded-md border border-stone-400 bg-white px-5 py-2.5">
            やめる
          </button>
        </Form>
      ) : (
        <p>このお支払い手続きは終了しています。</p>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
