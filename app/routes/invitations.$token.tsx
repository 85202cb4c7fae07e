import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form-alert";
import { acceptInvitation, findInvitation, type InvitationState } from "~/facilities/operators.server";
import { getUser, requireRole } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "メンバーへの招待｜GMネットワーク" }];

const PROBLEMS: Record<Exclude<InvitationState, "valid">, string> = {
  invalid: "この招待は無効です。招待した方に、もう一度招待を送ってもらってください。",
  expired: "この招待の有効期限が切れています。招待した方に、もう一度招待を送ってもらってください。",
  used: "この招待はすでに使われています。",
  "wrong-account": "この招待は、別のメールアドレス宛てです。招待メールを受け取ったメールアドレスでログインしてください。",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { state, invitation } = await findInvitation(params.token ?? "", user);
  const here = new URL(request.url).pathname;
  return {
    state,
    problem: state === "valid" ? null : PROBLEMS[state],
    operatorName: state === "valid" || state === "wrong-account" ? invitation?.operator.name : undefined,
    signedIn: Boolean(user),
    wrongRole: Boolean(user && user.role !== "FACILITY_MEMBER"),
    loginUrl: `/login?${new URLSearchParams({ redirectTo: here })}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "FACILITY_MEMBER");
  const outcome = await acceptInvitation(params.token ?? "", user);
  if (outcome !== "accepted") return { problem: PROBLEMS[outcome] };
  return redirect("/facility");
}

export default function Invitation() {
  const { problem, operatorName, signedIn, wrongRole, loginUrl } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-2xl font-bold">メンバーへの招待</h1>
      {problem ? (
        <FormAlert>{problem}</FormAlert>
      ) : (
        <div className="rounded-lg border border-stone-200 bg-white p-6">
          <p className="mb-4">「{operatorName}」の医療機関情報を管理するメンバーに招待されています。</p>
          {!signedIn ? (
            <>
              <p className="mb-4">招待を受けるには、招待メールを受け取ったメールアドレスでログインしてください。</p>
              <div className="flex flex-wrap gap-4">
                <Link to={loginUrl} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white no-underline hover:text-white">
                  ログインして招待を受ける
                </Link>
                <Link to="/signup">アカウントをお持ちでない方（医療機関の職員として新規登録）</Link>
              </div>
            </>
          ) : wrongRole ? (
            <FormAlert>医療機関の職員として登録したアカウントでログインしてください。</FormAlert>
          ) : (
            <Form method="post">
              <button type="submit" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">
                招待を受けてメンバーになる
              </button>
            </Form>
          )}
        </div>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
