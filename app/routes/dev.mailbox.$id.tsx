import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { renderCampaignMail, renderedOutboxMail } from "~/campaigns/campaigns.server";
import { formatJst } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { requireDevelopment } from "~/utils/dev-only.server";

export const meta: MetaFunction = () => [{ title: "メール｜開発用メールボックス" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  requireDevelopment();
  const mail = await prisma.mailOutbox.findUnique({ where: { id: params.id ?? "" } });
  if (!mail) throw new Response("メールが見つかりません", { status: 404 });
  // A mail still waiting for the worker is rendered for the view.
  const { subject, html, text } = await renderedOutboxMail(mail);
  // A campaign mail's List-Unsubscribe headers are made when it is sent, like its link.
  const headers = mail.campaignId ? (await renderCampaignMail(mail)).headers : ((mail.headers as Record<string, string> | null) ?? {});
  return {
    mail: { toAddress: mail.toAddress, subject, html, text, status: mail.status, createdAt: formatJst(mail.createdAt), headers: Object.entries(headers) },
  };
}

export default function DevMail() {
  const { mail } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="mb-4">
        <Link to="/dev/mailbox">← メールボックスへ戻る</Link>
      </p>
      <h1 className="mb-2 text-xl font-bold">{mail.subject}</h1>
      <p className="mb-4 text-sm text-stone-700">
        宛先: {mail.toAddress}／{mail.createdAt}／{mail.status}
      </p>
      {mail.headers.length ? (
        <dl className="mb-4 text-sm text-stone-700">
          {mail.headers.map(([name, value]) => (
            <div key={name}>
              <dt className="inline font-semibold">{name}: </dt>
              <dd className="inline break-all">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {/* sandboxed: the mail's HTML cannot run scripts or reach this page */}
      <iframe title="メール本文" srcDoc={mail.html} sandbox="allow-popups allow-popups-to-escape-sandbox" className="mb-6 h-[32rem] w-full rounded border border-stone-300 bg-white" />
      <h2 className="mb-2 font-bold">テキスト版</h2>
      <pre data-testid="mail-text" className="overflow-x-auto rounded border border-stone-300 bg-white p-4 text-sm whitespace-pre-wrap">{mail.text}</pre>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
