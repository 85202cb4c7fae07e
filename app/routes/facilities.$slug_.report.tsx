import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useDeferredZodForm } from "~/components/deferred-form";
import { FormAlert, Honeypot, RadioGroup, SubmitButton, TextAreaField, TextField } from "~/components/form-fields";
import { submitListingReport } from "~/facilities/listing-reports.server";
import { publicFacility } from "~/facilities/queries.server";
import { LISTING_REPORT_REASONS } from "~/schemas/listing-report-options";
import { listingReportSchema } from "~/schemas/public-forms.server";
import { formFailure } from "~/utils/form.server";
import { parsePublicForm } from "~/utils/honeypot.server";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `掲載内容について事務局に知らせる（${d?.name ?? ""}）｜GMネットワーク` },
  { name: "robots", content: "noindex" },
];

/** Anyone (no login) may tell the secretariat that a listing is wrong or out of date. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const listing = await publicFacility(params.slug ?? "");
  if (listing.state !== "published") throw new Response("見つかりません", { status: 404 });
  return { slug: listing.facility.slug, name: listing.profile.name, sent: new URL(request.url).searchParams.has("sent") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parsePublicForm(formData, listingReportSchema);
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const slug = params.slug ?? "";
  const result = await submitListingReport({ slug, ip: clientIp(context), ...parsed.data });
  if (!result.ok && result.status === 404) throw new Response("見つかりません", { status: 404 });
  if (!result.ok) return data(formFailure(formData, "短時間に多くのお知らせがありました。時間をおいてからお試しください。入力した内容はそのまま残っています。"), { status: 429 });
  return redirect(`/facilities/${slug}/report?sent=1`);
}

export default function ReportListing() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { field, onSubmit } = useDeferredZodForm(() => import("~/schemas/listing-report").then((m) => m.listingReportSchema), result);
  if (d.sent) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="mb-4 text-2xl font-bold">お知らせを受け付けました</h1>
        <FormAlert tone="success">ありがとうございます。事務局が内容を確認し、必要に応じて医療機関に修正を依頼します。</FormAlert>
        <p className="mb-4">
          対応の方針は<Link to="/terms#listing-policy">掲載内容の確認と掲載取消の方針</Link>をご覧ください。
        </p>
        <Link to={`/facilities/${d.slug}`}>← {d.name}のページへ戻る</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-xl">
      <p className="mb-2">
        <Link to={`/facilities/${d.slug}`}>← {d.name}</Link>
      </p>
      <h1 className="mb-2 text-2xl font-bold">掲載内容について事務局に知らせる</h1>
      <p className="mb-4 text-stone-700">
        「{d.name}」の掲載内容が事実と異なる、古いなどの点があれば、お知らせください。ログインは不要です。お知らせの内容は事務局だけが読み、医療機関には伝えません（確認の結果を医療機関に伝えることはあります）。
        <Link to="/terms#listing-policy">対応の方針</Link>
      </p>
      <FormAlert>{result?.formError}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="rounded-lg border border-stone-200 bg-white p-6">
        <Honeypot />
        <RadioGroup legend="お知らせの種類" options={LISTING_REPORT_REASONS} {...field("reason")} />
        <TextAreaField label="詳しい内容" hint="どの項目が、どのように違うかをお書きください" required minLength={10} maxLength={2000} rows={5} {...field("details")} />
        <TextField label="連絡先メールアドレス" hint="任意。事務局から内容を確認する場合にだけ使います" type="email" autoComplete="email" {...field("contactEmail")} />
        <SubmitButton pendingText="送信しています…">事務局に送る</SubmitButton>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
