import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { checkResetToken, resetPassword, type ResetTokenState } from "~/accounts/reset-password.server";
import { useDeferredZodForm } from "~/components/deferred-form";
import { FormAlert, SubmitButton, TextField } from "~/components/form-fields";
import { resetPasswordSchema } from "~/schemas/public-forms.server";
import { formFailure, parseForm } from "~/utils/form.server";
import { consumeAll, LIMITS } from "~/utils/rate-limit.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "新しいパスワードの設定｜GMネットワーク" }];

const TOKEN_PROBLEMS: Record<Exclude<ResetTokenState, "valid">, string> = {
  used: "このリンクはすでに使用されています。もう一度パスワードの再設定をお申し込みください。",
  expired: "このリンクの有効期限（60分）が切れています。もう一度パスワードの再設定をお申し込みください。",
  invalid: "このリンクは無効です。メールのリンクをもう一度ご確認いただくか、再設定をお申し込みください。",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const state = await checkResetToken(token);
  if (state === "valid") return { token, problem: null };
  return { token: "", problem: TOKEN_PROBLEMS[state] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(formData, resetPasswordSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  // Each complete try is one token guess: counted per address of origin.
  const limit = await consumeAll([[`reset-submit:ip:${clientIp(context)}`, LIMITS.resetSubmitPerIp]]);
  if (!limit.allowed) return data(formFailure(formData, "試行が多すぎます。しばらく時間をおいてからお試しください。"), { status: 429 });
  const outcome = await resetPassword(parsed.data.token, parsed.data.password);
  if (outcome !== "ok") return data(formFailure(formData, TOKEN_PROBLEMS[outcome]), { status: 400 });
  return redirect("/login?notice=password-reset");
}

export default function ResetPasswordPage() {
  const { token, problem } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { field, onSubmit } = useDeferredZodForm(() => import("~/schemas/account").then((m) => m.resetPasswordSchema), result);
  if (problem) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="mb-4 text-2xl font-bold">パスワードの再設定</h1>
        <FormAlert>{problem}</FormAlert>
        <Link to="/forgot-password">再設定をもう一度申し込む</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-bold">新しいパスワードの設定</h1>
      <FormAlert>{result?.formError}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="rounded-lg border border-stone-200 bg-white p-6">
        <input type="hidden" value={token} {...field("token").registration} />
        <TextField label="新しいパスワード" type="password" autoComplete="new-password" hint="8文字以上" required {...field("password")} />
        <TextField label="新しいパスワード（確認）" type="password" autoComplete="new-password" required {...field("passwordConfirm")} />
        <SubmitButton>パスワードを設定する</SubmitButton>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
