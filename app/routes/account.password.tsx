import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { changePassword } from "~/accounts/change-password.server";
import { FormAlert, SubmitButton, TextField, useZodForm } from "~/components/forms";
import { changePasswordSchema } from "~/schemas/forms.server";
import { formFailure, parseForm } from "~/utils/form.server";
import { getSession, requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "パスワードの変更｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const session = await getSession(request);
  if (!session) throw redirect("/login");
  const formData = await request.formData();
  const parsed = parseForm(formData, changePasswordSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await changePassword({
    userId: session.user.id,
    sessionId: session.id,
    currentPassword: parsed.data.currentPassword,
    newPassword: parsed.data.newPassword,
  });
  if (outcome === "wrong-current-password") {
    return data(formFailure(formData, "現在のパスワードが正しくありません。", { currentPassword: ["現在のパスワードが正しくありません"] }), { status: 400 });
  }
  return redirect("/account?notice=password-changed");
}

export default function ChangePassword() {
  const result = useActionData<typeof action>();
  const { field, onSubmit } = useZodForm(() => import("~/schemas/account").then((m) => m.changePasswordSchema), result);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-bold">パスワードの変更</h1>
      <FormAlert>{result?.formError}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="rounded-lg border border-stone-200 bg-white p-6">
        <TextField label="現在のパスワード" type="password" autoComplete="current-password" required {...field("currentPassword")} />
        <TextField label="新しいパスワード" type="password" autoComplete="new-password" hint="8文字以上" required {...field("newPassword")} />
        <TextField label="新しいパスワード（確認）" type="password" autoComplete="new-password" required {...field("newPasswordConfirm")} />
        <div className="flex items-center gap-4">
          <SubmitButton>変更する</SubmitButton>
          <Link to="/account">キャンセル</Link>
        </div>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
