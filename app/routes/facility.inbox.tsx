import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ThreadList } from "~/components/thread-list";
import { requireFacilityMemberUser } from "~/facilities/access.server";
import { threadsOfFacilityMember } from "~/inquiries/threads.server";
import type { AnonymousSummary, Disclosure } from "~/physicians/profile.server";

export const meta: MetaFunction = () => [{ title: "受信箱｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireFacilityMemberUser(request);
  const threads = await threadsOfFacilityMember(user.id);
  return {
    items: threads.map((t) => {
      const s = t.summary as AnonymousSummary | null;
      const who = !t.physicianId ? "退会したユーザー" : t.disclosure ? `${(t.disclosure as Disclosure).name} 先生` : s ? `匿名の医師（${s.specialty}・免許取得後${s.yearsSinceLicence}年・${s.prefecture}）` : "匿名の医師";
      return { href: `/facility/threads/${t.id}`, title: who, subtitle: t.facilityName ?? "", topic: t.topic, status: t.status, lastMessageAt: t.lastMessageAt, unread: t.unread };
    }),
  };
}

export default function FacilityInbox() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-2 text-2xl font-bold">受信箱</h1>
      <p className="mb-6 text-stone-700">医師からの相談です。管理しているすべての医療機関あての相談が、新しい順に並びます。</p>
      <ThreadList items={items} empty="まだ相談は届いていません。" />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
