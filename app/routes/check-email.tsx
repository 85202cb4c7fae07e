import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "確認メールを送信しました｜GMネットワーク" }];

export default function CheckEmail() {
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-2xl font-bold">確認メールを送信しました</h1>
      <div role="status" className="rounded-lg border border-stone-200 bg-white p-6">
        <p className="mb-3">ご入力のメールアドレスに確認メールをお送りしました。メール内のボタンを押して登録を完了してください。</p>
        <ul className="mb-3 list-disc pl-6 text-stone-700">
          <li>数分たっても届かない場合は、迷惑メールフォルダもご確認ください。</li>
          <li>確認リンクの有効期限は48時間です。期限が切れた場合は、ログインすると確認メールを再送します。</li>
        </ul>
        <p>
          <Link to="/login">ログイン画面へ</Link>
        </p>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
