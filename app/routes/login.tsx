import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { logIn } from "~/accounts/log-in.server";
import { HOME_OF } from "~/reference/roles";
import { useDeferredZodForm } from "~/components/deferred-form";
import { FormAlert, Honeypot, SubmitButton, TextField } from "~/components/form-fields";
import { loginSchema } from "~/schemas/public-forms.server";
import { formFailure } from "~/utils/form.server";
import { parsePublicForm } from "~/utils/honeypot.server";
import { consumeAll, LIMITS, peekAll } from "~/utils/rate-limit.server";
import { clientIp } from "~/utils/request.server";
import { createSession, requireAnonymous, safeRedirect } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "ログイン｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const parsed = parsePublicForm(formData, loginSchema);
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const ip = clientIp(context);
  // Only failures count, and they are checked before the password is (no hashing for a blocked try).
  const buckets: Array<[string, (typeof LIMITS)[keyof typeof LIMITS]]> = [
    [`login:ip:${ip}`, LIMITS.loginFailuresPerIp],
    [`login:email:${email}:ip:${ip}`, LIMITS.loginFailuresPerEmailAndIp],
    [`login:email:${email}`, LIMITS.loginFailuresPerEmail],
  ];
  const limit = await peekAll(buckets);
  if (!limit.allowed) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    return data(
      formFailure(formData, `ログインの試行が多すぎます。${minutes}分ほど時間をおいてからお試しいただくか、「パスワードをお忘れの方」から再設定してください。`),
      { status: 429 },
    );
  }
  const result = await logIn({ email, password });
  if (!result.ok) {
    if (result.reason !== "unverified") await consumeAll(buckets);
    const message =
      result.reason === "unverified"
        ? "メールアドレスの確認が済んでいません。確認メールを再送しましたので、メール内のボタンを押してからログインしてください。"
        : "メールアドレスまたはパスワードが正しくありません。";
    return data(formFailure(formData, message), { status: 400 });
  }
  const { setCookie } = await createSession(result.userId, request, ip);
  return redirect(safeRedirect(redirectTo, HOME_OF[result.role]), { headers: { "Set-Cookie": setCookie } });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { field, onSubmit } = useDeferredZodForm(() => import("~/schemas/account").then((m) => m.loginSchema), result);
  const notice = searchParams.get("notice");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-bold">ログイン</h1>
      {notice === "password-reset" ? <FormAlert tone="success">パスワードを再設定しました。新しいパスワードでログインしてください。</FormAlert> : null}
      {notice === "logged-out" ? <FormAlert tone="info">ログアウトしました。</FormAlert> : null}
      <FormAlert>{result?.formError ?? (result?.fieldErrors ? "入力内容をご確認ください。" : undefined)}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="relative rounded-lg border border-stone-200 bg-white p-6">
        <Honeypot />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField label="メールアドレス" type="email" autoComplete="email" required {...field("email")} />
        <TextField label="パスワード" type="password" autoComplete="current-password" required {...field("password")} />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <SubmitButton pendingText="確認しています…">ログイン</SubmitButton>
          <Link to="/forgot-password">パスワードをお忘れの方</Link>
        </div>
      </Form>
      <p className="mt-6">
        はじめての方は<Link to="/signup">新規登録</Link>へ
      </p>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
