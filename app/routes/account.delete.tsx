import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { CheckboxField, FormAlert, SubmitButton, TextField, useZodForm } from "~/components/forms";
import { requirePhysician } from "~/physicians/access.server";
import { deletePhysicianAccount } from "~/physicians/account-data.server";
import { deleteAccountSchema } from "~/schemas/forms.server";
import { formFailure, parseForm } from "~/utils/form.server";
import { destroySession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "退会する｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePhysician(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePhysician(request);
  const formData = await request.formData();
  const parsed = parseForm(formData, deleteAccountSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await deletePhysicianAccount(user.id, parsed.data.password);
  if (result === "wrong-password") return data(formFailure(formData, "パスワードが正しくありません。", { password: ["パスワードが正しくありません"] }), { status: 400 });
  if (result === "not-allowed") throw new Response("この操作を行う権限がありません。", { status: 403 });
  const cookie = await destroySession(request);
  return redirect("/?notice=account-deleted", { headers: { "Set-Cookie": cookie } });
}

export default function DeleteAccount() {
  const result = useActionData<typeof action>();
  const { field, onSubmit } = useZodForm(() => import("~/schemas/physician").then((m) => m.deleteAccountSchema), result);
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-2xl font-bold">退会する（アカウントの削除）</h1>
      <div className="mb-6 rounded-lg border border-stone-200 bg-white p-5">
        <p className="mb-2">退会すると、次のようになります。元に戻すことはできません。</p>
        <ul className="list-disc space-y-1 pl-6 text-stone-700">
          <li>プロフィール・お気に入り・新着のお知らせは削除されます。</li>
          <li>相談スレッドのあなたのメッセージと、医療機関に伝えた氏名・連絡先は削除されます。医療機関側には「退会したユーザー」と表示され、医療機関が書いたメッセージだけが残ります。</li>
          <li>必要なら、先に<a href="/account/export">データをダウンロード</a>してください。</li>
        </ul>
      </div>
      <FormAlert>{result?.formError ?? (result?.fieldErrors ? "入力内容をご確認ください。" : undefined)}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="rounded-lg border border-red-200 bg-white p-6">
        <TextField label="パスワード" type="password" required autoComplete="current-password" {...field("password")} />
        <CheckboxField label="上記を理解し、アカウントを削除します" {...field("confirm")} />
        <div className="flex items-center gap-4">
          <SubmitButton pendingText="削除しています…">アカウントを削除する</SubmitButton>
          <Link to="/physician">やめる</Link>
        </div>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
