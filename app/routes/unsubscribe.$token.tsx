import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { unsubscribeFromGuidance, unsubscribeTarget } from "~/campaigns/suppression.server";

export const meta: MetaFunction = () => [{ title: "案内メールの配信停止｜GMネットワーク" }, { name: "robots", content: "noindex" }];

/**
 * Stopping guidance mail (案内メール) without logging in: the link's token names the mail it came
 * in. Opening the link shows one button (link scanners cannot unsubscribe anyone); a mail
 * program's one-click unsubscribe (RFC 8058) POSTs here directly. Only guidance mail stops.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const target = await unsubscribeTarget(params.token ?? "");
  return { valid: Boolean(target), already: Boolean(target?.unsubscribedAt) };
}

export async function action({ params }: ActionFunctionArgs) {
  if (!(await unsubscribeFromGuidance(params.token ?? ""))) throw new Response("リンクが正しくありません", { status: 404 });
  return { done: true };
}

export default function GuidanceUnsubscribe() {
  const { valid, already } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-2xl font-bold">案内メールの配信停止</h1>
      {result?.done || already ? (
        <div role="status">
          <p className="mb-2">案内メールの配信を停止しました。今後、GMネットワークからの案内メールは届きません。</p>
          <p className="text-stone-700">
            医療機関とのメッセージのお知らせなど、ほかのメールはこれまでどおり届きます。ふたたび受け取りたい場合は、ログインして
            <Link to="/physician/profile">プロフィール</Link>の「案内メール」から設定できます。
          </p>
        </div>
      ) : valid ? (
        <>
          <p className="mb-4">GMネットワークからの案内メール（医療機関の紹介など）の配信を停止します。ほかのお知らせは止まりません。</p>
          <Form method="post">
            <button type="submit" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">
              案内メールの配信を停止する
            </button>
          </Form>
        </>
      ) : (
        <p>このリンクは正しくありません。メールに記載されたリンクをもう一度お確かめください。</p>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
