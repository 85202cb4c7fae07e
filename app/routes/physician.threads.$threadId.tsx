import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ThreadPage, useRefreshAfterRead } from "~/components/thread-page";
import { notFound } from "~/facilities/access.server";
import { confirmationAsked, handleThreadAction } from "~/inquiries/thread-actions.server";
import { disclosurePreview, markRead, threadForPhysician, threadView } from "~/inquiries/threads.server";
import { requirePhysician } from "~/physicians/access.server";

export const meta: MetaFunction = () => [{ title: "相談スレッド｜GMネットワーク" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePhysician(request);
  const access = await threadForPhysician(user.id, params.threadId ?? "");
  if (!access) notFound();
  const hadUnread = await markRead(access, user.id);
  const confirm = confirmationAsked(request, "PHYSICIAN");
  const preview = confirm === "disclose" ? await disclosurePreview(access, user.id, user.email) : null;
  return { view: await threadView(access), done: new URL(request.url).searchParams.get("done"), hadUnread, confirm, preview };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePhysician(request);
  const access = await threadForPhysician(user.id, params.threadId ?? "");
  if (!access) notFound();
  return handleThreadAction(access, user, await request.formData(), `/physician/threads/${access.thread.id}`);
}

export default function PhysicianThread() {
  const { view, done, hadUnread, confirm, preview } = useLoaderData<typeof loader>();
  useRefreshAfterRead(hadUnread);
  const result = useActionData<typeof action>();
  return <ThreadPage view={view} side="PHYSICIAN" result={result} done={done} confirm={confirm} preview={preview} backTo="/physician/threads" backLabel="相談の一覧へ" />;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
