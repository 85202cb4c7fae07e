import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, SubmitButton, TextField, useZodForm } from "~/components/forms";
import { StatusBadge } from "~/components/status-badge";
import { requireFacilityMemberUser, requireOperatorMembership } from "~/facilities/access.server";
import { createFacility } from "~/facilities/facilities.server";
import { operatorsForUser } from "~/facilities/operators.server";
import { prefectureByCode } from "~/reference/prefectures";
import { newFacilitySchema } from "~/schemas/forms.server";
import { parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "医療機関の管理｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireFacilityMemberUser(request);
  const operators = await operatorsForUser(user.id);
  return {
    operators: operators.map((o) => ({
      id: o.id,
      name: o.name,
      facilities: o.facilities.map((f) => ({
        id: f.id,
        name: f.profiles[0]?.name || "（名称未入力）",
        prefecture: (f.profiles[0]?.prefectureCode && prefectureByCode(f.profiles[0].prefectureCode)?.name) || "",
        status: f.status,
        revisionStatus: f.revisionStatus,
      })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, operator } = await requireOperatorMembership(request, String(formData.get("operatorId") ?? ""));
  const parsed = parseForm(formData, newFacilitySchema);
  if (!parsed.ok) return data({ ...parsed, operatorId: operator.id }, { status: 400 });
  const facility = await createFacility({ operatorId: operator.id, actorId: user.id, name: parsed.data.name });
  return redirect(`/facility/facilities/${facility.id}?created=1`);
}

function NewFacilityForm({ operatorId }: { operatorId: string }) {
  const result = useActionData<typeof action>();
  const mine = result && "operatorId" in result && result.operatorId === operatorId ? result : null;
  const { field, onSubmit } = useZodForm(() => import("~/schemas/operator").then((m) => m.newFacilitySchema), mine);
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="mt-4 rounded-md bg-stone-50 p-4">
      <input type="hidden" name="operatorId" value={operatorId} />
      <TextField label="医療機関を追加する（医療機関名）" hint="病院・診療所ごとに1件ずつ登録します。登録料も医療機関ごとです" required {...field("name")} />
      <SubmitButton>追加して情報を入力する</SubmitButton>
    </Form>
  );
}

export default function FacilityHome() {
  const { operators } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">医療機関の管理</h1>
      {operators.length === 0 ? (
        <div className="rounded-lg border border-stone-200 bg-white p-6">
          <p className="mb-2">はじめに、医療機関を開設している法人（または個人開設者）を登録してください。</p>
          <p className="mb-4 text-stone-700">1つの法人の下に、複数の病院・診療所を登録できます。同僚をメンバーとして招待することもできます。</p>
          <Link to="/facility/operators/new" className="inline-block rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white no-underline hover:text-white">
            法人・開設者を登録する
          </Link>
        </div>
      ) : (
        <>
          <p className="mb-6 text-stone-700">
            医療機関ごとに情報を入力し、事務局に申請してください。入力は項目ごとに保存でき、何回かに分けて進められます。
          </p>
          {operators.map((operator) => (
            <section key={operator.id} className="mb-8 rounded-lg border border-stone-200 bg-white p-6">
              <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-xl font-bold">{operator.name}</h2>
                <Link to={`/facility/operators/${operator.id}`}>メンバーの管理</Link>
              </div>
              {operator.facilities.length === 0 ? <p className="text-stone-700">まだ医療機関がありません。</p> : null}
              <ul className="divide-y divide-stone-200">
                {operator.facilities.map((f) => (
                  <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                    <span>
                      <Link to={`/facility/facilities/${f.id}`} className="text-lg font-semibold">
                        {f.name}
                      </Link>
                      {f.prefecture ? <span className="ml-2 text-stone-600">{f.prefecture}</span> : null}
                    </span>
                    <StatusBadge status={f.status} revisionStatus={f.revisionStatus} />
                  </li>
                ))}
              </ul>
              <NewFacilityForm operatorId={operator.id} />
            </section>
          ))}
          <p>
            <Link to="/facility/operators/new">別の法人・開設者を登録する</Link>
          </p>
        </>
      )}
      <FormAlert tone="info">
        登録料は医療機関ごとに年額30,000円（税別）です。事務局の確認（承認）後にお支払いいただき、お支払いの確認後に掲載されます。
      </FormAlert>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
