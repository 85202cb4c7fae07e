import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form-alert";
import { ROLE_LABEL } from "~/reference/roles";
import { formatJst } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { getSession, requireUser, revokeOtherSessions } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "アカウント｜GMネットワーク" }];

async function requireSession(request: Request) {
  await requireUser(request);
  const session = await getSession(request);
  if (!session) throw redirect("/login");
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const sessions = await prisma.session.findMany({
    where: { userId: session.user.id },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
  });
  return {
    user: { email: session.user.email, role: ROLE_LABEL[session.user.role].long, displayName: session.user.displayName },
    sessions: sessions.map((s) => ({
      current: s.id === session.id,
      createdAt: formatJst(s.createdAt),
      lastSeenAt: formatJst(s.lastSeenAt),
      device: describeDevice(s.userAgent),
    })),
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const formData = await request.formData();
  if (formData.get("intent") === "revoke-others") {
    await revokeOtherSessions(session.user.id, session.id);
    return redirect("/account?notice=revoked");
  }
  throw new Response("不明な操作です", { status: 400 });
}

function describeDevice(userAgent: string | null) {
  if (!userAgent) return "不明な端末";
  const os = /iPhone|iPad/.test(userAgent) ? "iPhone/iPad" : /Android/.test(userAgent) ? "Android" : /Windows/.test(userAgent) ? "Windows" : /Mac OS/.test(userAgent) ? "Mac" : /Linux/.test(userAgent) ? "Linux" : "その他";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Chrome\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : /Firefox\//.test(userAgent) ? "Firefox" : "ブラウザ";
  return `${os}・${browser}`;
}

export default function Account() {
  const { user, sessions, notice } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-6 text-2xl font-bold">アカウント</h1>
      {notice === "revoked" ? <FormAlert tone="success">他の端末からログアウトしました。</FormAlert> : null}
      {notice === "password-changed" ? <FormAlert tone="success">パスワードを変更しました。他の端末ではログアウトしました。</FormAlert> : null}
      <section className="mb-8 rounded-lg border border-stone-200 bg-white p-6">
        <h2 className="mb-3 text-lg font-bold">登録情報</h2>
        <dl className="grid grid-cols-[8rem_1fr] gap-y-2">
          <dt className="text-stone-600">立場</dt>
          <dd>{user.role}</dd>
          <dt className="text-stone-600">メールアドレス</dt>
          <dd>{user.email}</dd>
          {user.displayName ? (
            <>
              <dt className="text-stone-600">表示名</dt>
              <dd>{user.displayName}</dd>
            </>
          ) : null}
        </dl>
        <p className="mt-4">
          <Link to="/account/password">パスワードを変更する</Link>
        </p>
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-6">
        <h2 className="mb-3 text-lg font-bold">ログイン中の端末</h2>
        <ul className="mb-4 divide-y divide-stone-200">
          {sessions.map((s, i) => (
            <li key={i} className="py-2">
              <span className="font-semibold">{s.device}</span>
              {s.current ? <span className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs text-brand-800">この端末</span> : null}
              <span className="block text-sm text-stone-600">
                ログイン: {s.createdAt}／最終利用: {s.lastSeenAt}
              </span>
            </li>
          ))}
        </ul>
        {sessions.length > 1 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-others" />
            <button type="submit" className="rounded-md border border-stone-400 px-4 py-2 hover:bg-stone-100">
              この端末以外からログアウトする
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
