import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ThreadList } from "~/components/thread-list";
import { threadsOfPhysician } from "~/inquiries/threads.server";
import { requirePhysician } from "~/physicians/access.server";

export const meta: MetaFunction = () => [{ title: "相談の一覧｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePhysician(request);
  const threads = await threadsOfPhysician(user.id);
  return {
    items: threads.map((t) => ({
      href: `/physician/threads/${t.id}`,
      title: t.facilityName ?? "",
      subtitle: t.disclosed ? "氏名を伝えています" : "匿名で相談中",
      topic: t.topic,
      status: t.status,
      lastMessageAt: t.lastMessageAt,
      unread: t.unread,
    })),
  };
}

export default function PhysicianThreads() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-2 text-2xl font-bold">相談の一覧</h1>
      <p className="mb-6 text-stone-700">医療機関との相談です。新しい相談は、医療機関のページの「この医療機関に相談する」から始められます。</p>
      <ThreadList items={items} empty="まだ相談はありません。" />
      <p className="mt-6">
        <Link to="/search">医療機関を探す</Link>
      </p>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
