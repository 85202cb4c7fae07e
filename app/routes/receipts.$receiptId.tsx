import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatJstDate } from "~/utils/dates";
import { notFound } from "~/facilities/access.server";
import { yen } from "~/billing/policy";
import { receiptNumberLabel } from "~/payments/receipts.server";
import { prisma } from "~/utils/db.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "領収書｜GMネットワーク" }, { name: "robots", content: "noindex" }];

/** A printable receipt, read from its immutable row: reprinting never changes it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const receipt = await prisma.receipt.findUnique({ where: { id: params.receiptId ?? "" } });
  if (!receipt) notFound();
  if (user.role !== "SECRETARIAT") {
    const member = await prisma.facility.count({
      where: { id: receipt.facilityId, operator: { members: { some: { userId: user.id } } } },
    });
    if (!member) notFound();
  }
  return {
    number: receiptNumberLabel(receipt.number),
    issuedAt: formatJstDate(receipt.issuedAt),
    paidAt: formatJstDate(receipt.paidAt),
    issuerName: receipt.issuerName,
    registrationNumber: receipt.registrationNumber,
    recipient: receipt.recipientName,
    operatorName: receipt.operatorName,
    description: receipt.description,
    amountExclTax: yen(receipt.amountExclTax),
    taxRatePercent: receipt.taxRatePercent,
    taxAmount: yen(receipt.taxAmount),
    amountTotal: yen(receipt.amountTotal),
    method: receipt.paymentMethod === "BANK_TRANSFER" ? "銀行振込" : "クレジットカード等（Stripe）",
  };
}

export default function ReceiptPage() {
  const r = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl">
      <div className="mb-4 flex justify-end print:hidden">
        <button type="button" onClick={() => window.print()} className="rounded-md border border-stone-400 bg-white px-4 py-2">
          印刷する
        </button>
      </div>
      <article className="rounded-lg border border-stone-300 bg-white p-8 print:border-0">
        <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
          <h1 className="text-2xl font-bold tracking-widest">領収書</h1>
          <dl className="text-right text-sm">
            <div>
              <dt className="inline">No. </dt>
              <dd className="inline" data-testid="receipt-number">{r.number}</dd>
            </div>
            <div>
              <dt className="inline">発行日：</dt>
              <dd className="inline">{r.issuedAt}</dd>
            </div>
          </dl>
        </header>
        <p className="mb-1 text-lg">
          <span className="border-b border-stone-800 pb-1 font-semibold">{r.recipient} 御中</span>
        </p>
        <p className="mb-6 text-sm text-stone-600">（{r.operatorName}）</p>
        <p className="mb-6 text-center text-3xl font-bold" data-testid="receipt-total">
          {r.amountTotal}
          <span className="ml-2 text-base font-normal">（税込）</span>
        </p>
        <p className="mb-4">上記の金額を正に領収いたしました。</p>
        <table className="mb-6 w-full border-collapse text-left">
          <tbody>
            <tr className="border-b border-stone-200">
              <th className="w-48 py-2 font-semibold">但し書き</th>
              <td className="py-2">{r.description}</td>
            </tr>
            <tr className="border-b border-stone-200">
              <th className="py-2 font-semibold">お支払い日</th>
              <td className="py-2">{r.paidAt}（{r.method}）</td>
            </tr>
            <tr className="border-b border-stone-200">
              <th className="py-2 font-semibold">金額（税抜）</th>
              <td className="py-2">{r.amountExclTax}</td>
            </tr>
            <tr className="border-b border-stone-200">
              <th className="py-2 font-semibold">消費税（{r.taxRatePercent}%対象）</th>
              <td className="py-2" data-testid="receipt-tax">{r.taxAmount}</td>
            </tr>
            <tr>
              <th className="py-2 font-semibold">合計（税込）</th>
              <td className="py-2 font-bold">{r.amountTotal}</td>
            </tr>
          </tbody>
        </table>
        <footer className="text-right">
          <p className="font-semibold">{r.issuerName}</p>
          <p className="text-sm">登録番号：{r.registrationNumber || "（未設定：開発環境）"}</p>
        </footer>
      </article>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
