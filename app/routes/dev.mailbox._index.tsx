import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { renderedOutboxMail } from "~/campaigns/campaigns.server";
import { formatJst } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { requireDevelopment } from "~/utils/dev-only.server";

export const meta: MetaFunction = () => [{ title: "開発用メールボックス｜GMネットワーク" }, { name: "robots", content: "noindex" }];

/** Development mailbox: every mail the site queued, newest first. Never built for production. */
export async function loader({ request }: LoaderFunctionArgs) {
  requireDevelopment();
  const to = new URL(request.url).searchParams.get("to")?.trim().toLowerCase() || undefined;
  const mails = await prisma.mailOutbox.findMany({
    where: to ? { toAddress: to } : undefined,
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, toAddress: true, template: true, props: true, subject: true, html: true, text: true, status: true, createdAt: true, attempts: true, lastError: true, campaignId: true },
  });
  // Mail still waiting for the worker has no subject yet: render it for the list.
  const rows = await Promise.all(
    mails.map(async (m) => ({
      id: m.id,
      toAddress: m.toAddress,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      subject: m.subject ?? (await renderedOutboxMail(m)).subject,
      createdAt: formatJst(m.createdAt),
    })),
  );
  return { to: to ?? "", mails: rows };
}

export default function DevMailbox() {
  const { to, mails } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">開発用メールボックス</h1>
      <p className="mb-4 text-stone-700">RESEND_API_KEY が設定されていないため、送信されたメールはここに保管されています（本番環境には存在しません）。</p>
      <form method="get" className="mb-4 flex gap-2">
        <label htmlFor="to" className="sr-only">宛先で絞り込む</label>
        <input id="to" name="to" type="email" defaultValue={to} placeholder="宛先で絞り込む" className="rounded-md border border-stone-400 px-3 py-1.5" />
        <button type="submit" className="rounded-md border border-stone-400 px-3 py-1.5">絞り込む</button>
      </form>
      {mails.length === 0 ? (
        <p>メールはまだありません。</p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th className="p-2">日時</th>
              <th className="p-2">宛先</th>
              <th className="p-2">件名</th>
              <th className="p-2">状態</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr key={m.id} className="border-b border-stone-200">
                <td className="p-2 whitespace-nowrap">{m.createdAt}</td>
                <td className="p-2">{m.toAddress}</td>
                <td className="p-2">
                  <Link to={`/dev/mailbox/${m.id}`}>{m.subject}</Link>
                </td>
                <td className="p-2">{m.status}{m.lastError ? `（${m.attempts}回失敗: ${m.lastError}）` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
