import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, RadioGroup, SubmitButton, TextAreaField, useZodForm } from "~/components/forms";
import { publicFacility } from "~/facilities/queries.server";
import { NOT_ACCEPTING, openThread } from "~/inquiries/threads.server";
import { requirePhysician } from "~/physicians/access.server";
import { anonymousSummary, getPhysicianProfile } from "~/physicians/profile.server";
import { prisma } from "~/utils/db.server";
import { newThreadSchema } from "~/schemas/forms.server";
import { MESSAGE_MAX, THREAD_TOPICS } from "~/schemas/physician-options";
import { formFailure, parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.facilityName ?? ""}に相談する｜GMネットワーク` }];

async function load(request: Request, slug: string) {
  const user = await requirePhysician(request);
  const result = await publicFacility(slug);
  if (result.state !== "published") throw new Response("この医療機関は現在掲載されていません", { status: 404 });
  return { user, facility: result.facility, facilityName: result.profile.name };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, facility, facilityName } = await load(request, params.slug ?? "");
  const profile = await getPhysicianProfile(user.id);
  const blocked = (await prisma.facilityBlock.count({ where: { facilityId: facility.id, physicianId: user.id } })) > 0;
  return {
    slug: facility.slug,
    facilityName,
    hasProfile: Boolean(profile),
    blocked,
    summary: profile ? anonymousSummary(profile) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, facility } = await load(request, params.slug ?? "");
  const formData = await request.formData();
  const parsed = parseForm(formData, newThreadSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await openThread({ physicianId: user.id, email: user.email, facilityId: facility.id, ...parsed.data });
  if (!result.ok) return data(formFailure(formData, result.error), { status: result.status });
  return redirect(`/physician/threads/${result.threadId}?done=message`);
}

export default function NewInquiry() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { field, onSubmit } = useZodForm(() => import("~/schemas/physician").then((m) => m.newThreadSchema), result, { disclose: "anonymous" });
  const back = `/facilities/${d.slug}`;
  if (!d.hasProfile) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="mb-4 text-2xl font-bold">{d.facilityName}に相談する</h1>
        <p className="mb-4">相談を送る前に、医師のプロフィール（専門領域・医師免許の取得年など）を登録してください。登録後、この画面に戻ります。</p>
        <Link to={`/physician/profile?redirectTo=${encodeURIComponent(`/facilities/${d.slug}/inquiry`)}`} className="inline-block rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white">
          プロフィールを登録する
        </Link>
      </div>
    );
  }
  if (d.blocked) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="mb-4 text-2xl font-bold">{d.facilityName}に相談する</h1>
        <FormAlert tone="info">{NOT_ACCEPTING}</FormAlert>
        <Link to={back}>医療機関のページへ戻る</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-2 text-2xl font-bold">{d.facilityName}に相談する</h1>
      <p className="mb-6 text-stone-700">研修・勤務・見学などについて、医療機関に直接相談できます。条件は医療機関とのあいだで直接決めていただきます。</p>
      <FormAlert>{result?.formError ?? (result?.fieldErrors ? "入力内容をご確認ください。" : undefined)}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="rounded-lg border border-stone-200 bg-white p-6">
        <RadioGroup legend="相談の内容" options={THREAD_TOPICS} {...field("topic")} />
        <RadioGroup
          legend="名前を伝えるかどうか"
          options={[
            {
              value: "anonymous",
              label: "匿名で相談する（おすすめ）",
              description: d.summary
                ? `医療機関には「${d.summary.specialty}・免許取得後${d.summary.yearsSinceLicence}年・${d.summary.prefecture}」だけが伝わります。氏名と連絡先は、あとで伝えたいときに伝えられます。`
                : "医療機関には専門領域・免許取得後の年数・勤務地の都道府県だけが伝わります。",
            },
            { value: "named", label: "氏名と連絡先を伝えて相談する", description: "プロフィールの氏名・勤務先の種類と、連絡を許可した連絡先が伝わります。" },
          ]}
          {...field("disclose")}
        />
        <TextAreaField label="メッセージ" hint="相談したいことを具体的にお書きください" minLength={10} maxLength={MESSAGE_MAX} required rows={8} {...field("body")} />
        <div className="flex items-center gap-4">
          <SubmitButton pendingText="送信しています…">相談を送る</SubmitButton>
          <Link to={back}>戻る</Link>
        </div>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
