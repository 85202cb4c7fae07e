import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { requestPasswordReset } from "~/accounts/reset-password.server";
import { useDeferredZodForm } from "~/components/deferred-form";
import { FormAlert, Honeypot, SubmitButton, TextField } from "~/components/form-fields";
import { forgotPasswordSchema } from "~/schemas/public-forms.server";
import { formFailure } from "~/utils/form.server";
import { parsePublicForm } from "~/utils/honeypot.server";
import { consumeAll, LIMITS } from "~/utils/rate-limit.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "パスワードの再設定｜GMネットワーク" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parsePublicForm(formData, forgotPasswordSchema);
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const limit = await consumeAll([
    [`reset:ip:${clientIp(context)}`, LIMITS.resetPerIp],
    [`reset:email:${parsed.data.email}`, LIMITS.resetPerEmail],
  ]);
  if (!limit.allowed) {
    return data(formFailure(formData, "短時間にお申し込みが重なりました。1時間ほど時間をおいてからお試しください。"), { status: 429 });
  }
  await requestPasswordReset(parsed.data.email);
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { field, onSubmit } = useDeferredZodForm(() => import("~/schemas/account").then((m) => m.forgotPasswordSchema), result);
  if (searchParams.get("sent")) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="mb-4 text-2xl font-bold">メールをご確認ください</h1>
        <div role="status" className="rounded-lg border border-stone-200 bg-white p-6">
          <p className="mb-3">ご入力のメールアドレスが登録されている場合、パスワード再設定のご案内をお送りしました。</p>
          <p className="mb-3 text-stone-700">リンクの有効期限は60分です。届かない場合は、迷惑メールフォルダもご確認ください。</p>
          <Link to="/login">ログイン画面へ</Link>
        </div>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-2xl font-bold">パスワードの再設定</h1>
      <p className="mb-6 text-stone-700">ご登録のメールアドレスを入力してください。パスワード再設定用のリンクをお送りします。</p>
      <FormAlert>{result?.formError}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="relative rounded-lg border border-stone-200 bg-white p-6">
        <Honeypot />
        <TextField label="メールアドレス" type="email" autoComplete="email" required {...field("email")} />
        <SubmitButton>再設定メールを送る</SubmitButton>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
