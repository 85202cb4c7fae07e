import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { verifyEmail } from "~/accounts/verify-email.server";

export const meta: MetaFunction = () => [{ title: "メールアドレスの確認｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { result: await verifyEmail(token) };
}

const MESSAGES = {
  verified: { title: "メールアドレスを確認しました", body: "ご登録ありがとうございます。ログインしてご利用ください。", tone: "success" },
  "already-verified": { title: "確認は完了しています", body: "このメールアドレスはすでに確認済みです。ログインしてご利用ください。", tone: "success" },
  expired: { title: "リンクの有効期限が切れています", body: "お手数ですが、ログインしてください。新しい確認メールをお送りします。", tone: "error" },
  invalid: { title: "このリンクは使えません", body: "リンクが正しくないか、新しい確認メールが送られたため無効になっています。最新のメールのリンクをお使いいただくか、ログインして確認メールを再送してください。", tone: "error" },
} as const;

export default function VerifyEmailPage() {
  const { result } = useLoaderData<typeof loader>();
  const message = MESSAGES[result];
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-2xl font-bold">{message.title}</h1>
      <div role={message.tone === "error" ? "alert" : "status"} className="rounded-lg border border-stone-200 bg-white p-6">
        <p className="mb-4">{message.body}</p>
        <Link to="/login" className="inline-block rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white no-underline hover:text-white">
          ログインする
        </Link>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
