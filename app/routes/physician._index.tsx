import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { unreadThreadCount } from "~/inquiries/threads.server";
import { requirePhysician } from "~/physicians/access.server";
import { getPhysicianProfile } from "~/physicians/profile.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "マイページ｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePhysician(request);
  const [profile, unread, threads, favourites, alerts] = await Promise.all([
    getPhysicianProfile(user.id),
    unreadThreadCount(user),
    prisma.inquiryThread.count({ where: { physicianId: user.id } }),
    prisma.favourite.count({ where: { userId: user.id } }),
    prisma.searchAlert.count({ where: { userId: user.id } }),
  ]);
  return { name: profile?.name ?? null, unread, threads, favourites, alerts };
}

function Tile({ to, title, detail }: { to: string; title: string; detail: string }) {
  return (
    <Link to={to} className="block rounded-lg border border-stone-200 bg-white p-5 no-underline hover:border-brand-600">
      <span className="block text-lg font-bold text-stone-900">{title}</span>
      <span className="block text-stone-700">{detail}</span>
    </Link>
  );
}

export default function PhysicianHome() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-2 text-2xl font-bold">マイページ</h1>
      {d.name ? (
        <p className="mb-6 text-stone-700">{d.name} 先生</p>
      ) : (
        <p className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4">
          医療機関に相談するには、はじめに<Link to="/physician/profile">プロフィールを登録</Link>してください（2〜3分で終わります）。
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Tile to="/physician/threads" title="相談" detail={`${d.threads}件${d.unread ? `（未読 ${d.unread}件）` : ""}`} />
        <Tile to="/physician/favourites" title="お気に入り" detail={`${d.favourites}件`} />
        <Tile to="/physician/alerts" title="新着のお知らせ" detail={`${d.alerts}件の条件`} />
        <Tile to="/physician/profile" title="プロフィール" detail={d.name ? "確認・変更する" : "未登録"} />
      </div>
      <section className="mt-8 rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="mb-2 font-bold">あなたのデータ</h2>
        <p className="mb-3 text-stone-700">登録内容・相談・お気に入りなど、GMネットワークにあるあなたのデータをすべてダウンロードできます。</p>
        <p className="flex flex-wrap gap-4">
          <a href="/account/export" download>
            データをダウンロードする（JSON）
          </a>
          <Link to="/account/delete">退会する（アカウントの削除）</Link>
        </p>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
