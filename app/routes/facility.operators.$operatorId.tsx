import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatJst } from "~/utils/dates";
import { FormAlert, SubmitButton, TextField, useZodForm } from "~/components/forms";
import { requireOperatorMembership } from "~/facilities/access.server";
import { inviteMember, removeMember, revokeInvitation } from "~/facilities/operators.server";
import { inviteMemberSchema } from "~/schemas/forms.server";
import { prisma } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "メンバーの管理｜GMネットワーク" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, operator } = await requireOperatorMembership(request, params.operatorId);
  const [members, invitations] = await Promise.all([
    prisma.operatorMember.findMany({ where: { operatorId: operator.id }, include: { user: { select: { id: true, email: true, displayName: true } } }, orderBy: { createdAt: "asc" } }),
    prisma.operatorInvitation.findMany({ where: { operatorId: operator.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" } }),
  ]);
  return {
    operator: { id: operator.id, name: operator.name, corporateNumber: operator.corporateNumber },
    me: user.id,
    members: members.map((m) => ({ id: m.user.id, email: m.user.email, displayName: m.user.displayName, since: formatJst(m.createdAt) })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, expiresAt: formatJst(i.expiresAt) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, operator } = await requireOperatorMembership(request, params.operatorId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "invite") {
    const parsed = parseForm(formData, inviteMemberSchema);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const outcome = await inviteMember({ operatorId: operator.id, inviter: user, email: parsed.data.email });
    if (outcome === "already-member") return data(formFailure(formData, "このメールアドレスの方は、すでにメンバーです。"), { status: 400 });
    if (outcome === "too-many") return data(formFailure(formData, "本日の招待の上限に達しました。明日以降にお試しください。"), { status: 429 });
    return redirect(`/facility/operators/${operator.id}?notice=invited`);
  }
  if (intent === "remove") {
    const outcome = await removeMember(operator.id, String(formData.get("userId") ?? ""));
    if (outcome === "last-member") return data(formFailure(formData, "メンバーが1人だけのときは外せません。先に別のメンバーを招待してください。"), { status: 400 });
    if (String(formData.get("userId")) === user.id) return redirect("/facility");
    return redirect(`/facility/operators/${operator.id}?notice=removed`);
  }
  if (intent === "revoke-invitation") {
    await revokeInvitation(operator.id, String(formData.get("invitationId") ?? ""));
    return redirect(`/facility/operators/${operator.id}?notice=revoked`);
  }
  throw new Response("不明な操作です", { status: 400 });
}

const NOTICES: Record<string, string> = {
  invited: "招待メールを送りました。相手が招待を受けると、メンバーに加わります。",
  removed: "メンバーから外しました。",
  revoked: "招待を取り消しました。",
};

export default function OperatorMembers() {
  const { operator, members, invitations, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { field, onSubmit } = useZodForm(() => import("~/schemas/operator").then((m) => m.inviteMemberSchema), result);
  const notice = NOTICES[params.get("notice") ?? ""];
  return (
    <div className="mx-auto max-w-2xl">
      <p className="mb-2">
        <Link to="/facility">← 医療機関の管理</Link>
      </p>
      <h1 className="mb-6 text-2xl font-bold">{operator.name}：メンバーの管理</h1>
      {notice ? <FormAlert tone="success">{notice}</FormAlert> : null}
      <FormAlert>{result?.formError}</FormAlert>
      <section className="mb-6 rounded-lg border border-stone-200 bg-white p-6">
        <h2 className="mb-3 text-lg font-bold">メンバー</h2>
        <p className="mb-3 text-sm text-stone-700">メンバーは、この法人のすべての医療機関の情報を編集し、申請できます。</p>
        <ul className="divide-y divide-stone-200">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {m.displayName ?? m.email}
                {m.displayName ? <span className="ml-2 text-sm text-stone-600">{m.email}</span> : null}
                {m.id === me ? <span className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs text-brand-800">あなた</span> : null}
              </span>
              {members.length > 1 ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="userId" value={m.id} />
                  <button type="submit" className="rounded border border-stone-400 px-3 py-1 text-sm hover:bg-stone-100">
                    {m.id === me ? "自分をメンバーから外す" : "メンバーから外す"}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {invitations.length ? (
        <section className="mb-6 rounded-lg border border-stone-200 bg-white p-6">
          <h2 className="mb-3 text-lg font-bold">招待中</h2>
          <ul className="divide-y divide-stone-200">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {i.email}
                  <span className="ml-2 text-sm text-stone-600">有効期限 {i.expiresAt}</span>
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-invitation" />
                  <input type="hidden" name="invitationId" value={i.id} />
                  <button type="submit" className="rounded border border-stone-400 px-3 py-1 text-sm hover:bg-stone-100">
                    招待を取り消す
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="rounded-lg border border-stone-200 bg-white p-6">
        <h2 className="mb-3 text-lg font-bold">同僚を招待する</h2>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="intent" value="invite" />
          <TextField label="招待する方のメールアドレス" type="email" required {...field("email")} />
          <SubmitButton>招待メールを送る</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
