import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { alertForToken, unsubscribe } from "~/physicians/alerts.server";

export const meta: MetaFunction = () => [{ title: "お知らせの配信停止｜GMネットワーク" }, { name: "robots", content: "noindex" }];

/**
 * Unsubscribing from an alert mail, without logging in: the link's token names the alert.
 * Opening the link shows one button (mail scanners that open links cannot unsubscribe anyone);
 * mail programs' own one-click unsubscribe (RFC 8058) POSTs here directly.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const alert = await alertForToken(params.token ?? "");
  return { label: alert?.label ?? null };
}

export async function action({ params }: ActionFunctionArgs) {
  const result = await unsubscribe(params.token ?? "");
  if (!result.ok) throw new Response("リンクが正しくありません", { status: 404 });
  return { done: true };
}

export default function Unsubscribe() {
  const { label } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-2xl font-bold">お知らせの配信停止</h1>
      {result?.done ? (
        <p role="status">配信を停止しました。今後、このお知らせのメールは届きません。</p>
      ) : label ? (
        <>
          <p className="mb-4">「{label}」の新着のお知らせメールを停止します。</p>
          <Form method="post">
            <button type="submit" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">
              配信を停止する
            </button>
          </Form>
        </>
      ) : (
        <p>このお知らせは、すでに配信を停止しているか、削除されています。</p>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
