import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { FormAlert, RadioGroup, SubmitButton, TextField, useZodForm } from "~/components/forms";
import { requireFacilityMemberUser } from "~/facilities/access.server";
import { createOperator } from "~/facilities/operators.server";
import { operatorSchema } from "~/schemas/forms.server";
import { parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "法人・開設者の登録｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireFacilityMemberUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireFacilityMemberUser(request);
  const parsed = parseForm(await request.formData(), operatorSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  await createOperator(user.id, parsed.data);
  return redirect("/facility");
}

export default function NewOperator() {
  const result = useActionData<typeof action>();
  const { field, onSubmit } = useZodForm(() => import("~/schemas/operator").then((m) => m.operatorSchema), result);
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-2 text-2xl font-bold">法人・開設者の登録</h1>
      <p className="mb-6 text-stone-700">医療機関を開設している法人、または個人開設の場合は開設者のお名前を登録します。</p>
      <FormAlert>{result?.fieldErrors ? "入力内容をご確認ください。" : undefined}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="rounded-lg border border-stone-200 bg-white p-6">
        <RadioGroup
          legend="開設の形態"
          options={[
            { value: "CORPORATION", label: "法人", description: "医療法人、社会医療法人、自治体など" },
            { value: "INDIVIDUAL", label: "個人開設", description: "個人で開設している診療所など" },
          ]}
          {...field("kind")}
        />
        <TextField label="法人名・開設者名" hint="例: 医療法人社団 〇〇会" required autoComplete="organization" {...field("name")} />
        <TextField label="法人番号（13桁・任意）" hint="国税庁の法人番号です。わかる場合のみ入力してください" inputMode="numeric" {...field("corporateNumber")} />
        <div className="flex items-center gap-4">
          <SubmitButton>登録する</SubmitButton>
          <Link to="/facility">戻る</Link>
        </div>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
