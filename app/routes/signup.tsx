import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { signUp } from "~/accounts/sign-up.server";
import { useDeferredZodForm } from "~/components/deferred-form";
import { CheckboxField, FormAlert, Honeypot, RadioGroup, SubmitButton, TextField } from "~/components/form-fields";
import { signupSchema } from "~/schemas/public-forms.server";
import { formFailure } from "~/utils/form.server";
import { parsePublicForm } from "~/utils/honeypot.server";
import { consumeAll, LIMITS } from "~/utils/rate-limit.server";
import { clientIp } from "~/utils/request.server";
import { requireAnonymous } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "新規登録｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const parsed = parsePublicForm(formData, signupSchema);
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const limit = await consumeAll([[`signup:ip:${clientIp(context)}`, LIMITS.signupPerIp]]);
  if (!limit.allowed) {
    return data(formFailure(formData, "短時間に多くの登録がありました。しばらく時間をおいてからお試しください。"), { status: 429 });
  }
  await signUp({ email: parsed.data.email, password: parsed.data.password, role: parsed.data.accountType, guidanceConsent: parsed.data.guidanceMail });
  return redirect("/check-email");
}

const ACCOUNT_TYPE_OPTIONS = [
  { value: "PHYSICIAN", label: "医師として登録", description: "医療機関を探し、研修や就職について相談します" },
  { value: "FACILITY_MEMBER", label: "医療機関の職員として登録", description: "病院・診療所の情報を掲載し、医師からの相談に応じます" },
] as const;

export default function Signup() {
  const result = useActionData<typeof action>();
  // From the home page's 「医師の方へ」「医療機関の方へ」: the matching role is chosen already.
  const [searchParams] = useSearchParams();
  const preset = { physician: "PHYSICIAN", facility: "FACILITY_MEMBER" }[searchParams.get("as") ?? ""];
  const { field, onSubmit } = useDeferredZodForm(() => import("~/schemas/account").then((m) => m.signupSchema), result, preset ? { accountType: preset } : {});
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-2 text-2xl font-bold">新規登録</h1>
      <p className="mb-6 text-stone-700">
        登録は無料です。ご登録のメールアドレスに確認メールをお送りします。
        すでにアカウントをお持ちの方は<Link to="/login">ログイン</Link>してください。
      </p>
      <FormAlert>{result?.formError ?? (result?.fieldErrors ? "入力内容に誤りがあります。赤字の項目をご確認ください。" : undefined)}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="relative rounded-lg border border-stone-200 bg-white p-6">
        <Honeypot />
        <RadioGroup legend="ご利用の立場" options={ACCOUNT_TYPE_OPTIONS} {...field("accountType")} />
        <TextField label="メールアドレス" type="email" autoComplete="email" required {...field("email")} />
        <TextField
          label="パスワード"
          type="password"
          autoComplete="new-password"
          hint="8文字以上。推測されにくい言葉の組み合わせをおすすめします。"
          required
          {...field("password")}
        />
        <TextField label="パスワード（確認）" type="password" autoComplete="new-password" required {...field("passwordConfirm")} />
        <CheckboxField
          label={
            <>
              <Link to="/terms" target="_blank">利用規約</Link>と<Link to="/privacy" target="_blank">プライバシーポリシー</Link>に同意します
            </>
          }
          {...field("agree")}
        />
        <CheckboxField
          label={
            <>
              （医師の方・任意）GMネットワークからの案内メールを受け取る
              <span className="block text-sm text-stone-600">新しく掲載された医療機関や研修の案内を、事務局からお送りします。いつでも停止できます。</span>
            </>
          }
          {...field("guidanceMail")}
        />
        <SubmitButton pendingText="登録しています…">登録して確認メールを受け取る</SubmitButton>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
