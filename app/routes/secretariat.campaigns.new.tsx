import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { saveCampaignForm } from "~/campaigns/campaigns.server";
import { CampaignForm } from "~/components/campaign-form";
import { FormAlert, type ServerFormResult } from "~/components/forms";
import { requireSecretariat } from "~/facilities/access.server";

export const meta: MetaFunction = () => [{ title: "案内メールを作る｜GMネットワーク 事務局" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireSecretariat(request);
  const saved = await saveCampaignForm(await request.formData(), { actorId: user.id });
  if (!saved.ok) return data(saved.failure, { status: 400 });
  return redirect(`/secretariat/campaigns/${saved.id}?done=saved`);
}

export default function NewCampaign() {
  const result = useActionData<typeof action>() as ServerFormResult | undefined;
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2">
        <Link to="/secretariat/campaigns">← 案内メールの一覧</Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold">案内メールを作る</h1>
      <p className="mb-4 text-stone-700">下書きとして保存します。保存後に、宛先の人数の確認、プレビュー、自分あてのテスト送信をしてから送信できます。</p>
      {result?.formError ? <FormAlert>{result.formError}</FormAlert> : null}
      <CampaignForm result={result} initial={{ participation: "any" }} submitLabel="下書きを保存する" />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
