import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ThreadPage, useRefreshAfterRead } from "~/components/thread-page";
import { notFound, requireFacilityMemberUser } from "~/facilities/access.server";
import { confirmationAsked, handleThreadAction } from "~/inquiries/thread-actions.server";
import { markRead, threadForFacilityMember, threadView } from "~/inquiries/threads.server";

export const meta: MetaFunction = () => [{ title: "相談スレッド｜GMネットワーク" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireFacilityMemberUser(request);
  const access = await threadForFacilityMember(user.id, params.threadId ?? "");
  if (!access) notFound();
  const hadUnread = await markRead(access, user.id);
  return { view: await threadView(access), done: new URL(request.url).searchParams.get("done"), hadUnread, confirm: confirmationAsked(request, "FACILITY") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireFacilityMemberUser(request);
  const access = await threadForFacilityMember(user.id, params.threadId ?? "");
  if (!access) notFound();
  return handleThreadAction(access, user, await request.formData(), `/facility/threads/${access.thread.id}`);
}

export default function FacilityThread() {
  const { view, done, hadUnread, confirm } = useLoaderData<typeof loader>();
  useRefreshAfterRead(hadUnread);
  const result = useActionData<typeof action>();
  return <ThreadPage view={view} side="FACILITY" result={result} done={done} confirm={confirm} backTo="/facility/inbox" backLabel="受信箱へ" />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
