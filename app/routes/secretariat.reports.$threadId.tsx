import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ThreadPage } from "~/components/thread-page";
import { notFound, requireSecretariat } from "~/facilities/access.server";
import { resolveReports, threadForSecretariat, threadView } from "~/inquiries/threads.server";

export const meta: MetaFunction = () => [{ title: "通報されたスレッド｜GMネットワーク 事務局" }, { name: "robots", content: "noindex" }];

/** A reported thread, readable by the secretariat only until the report is resolved. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const access = await threadForSecretariat(params.threadId ?? "");
  if (!access) notFound();
  return { view: await threadView(access) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireSecretariat(request);
  const access = await threadForSecretariat(params.threadId ?? "");
  if (!access) notFound();
  await resolveReports(access.thread.id, user.id);
  return redirect("/secretariat/reports");
}

export default function ReportedThread() {
  const { view } = useLoaderData<typeof loader>();
  return (
    <div>
      <ThreadPage view={view} side="SECRETARIAT" result={null} done={null} backTo="/secretariat/reports" backLabel="通報の一覧へ" />
      <Form method="post" className="mx-auto mt-6 max-w-3xl rounded-lg border border-stone-200 bg-white p-5">
        <p className="mb-3 text-stone-700">対応が済んだら「対応済みにする」を押してください。対応済みにすると、事務局はこのスレッドを読めなくなります。</p>
        <button type="submit" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">
          対応済みにする
        </button>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
