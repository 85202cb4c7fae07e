import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField, CheckboxGroup, FormAlert, RadioGroup, SelectField, SubmitButton, TextAreaField, TextField, useZodForm } from "~/components/forms";
import { requirePhysician } from "~/physicians/access.server";
import { getPhysicianProfile, savePhysicianProfile } from "~/physicians/profile.server";
import { PREFECTURES, REGIONS } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import { physicianProfileSchema } from "~/schemas/forms.server";
import { LOOKING_FOR, WORKPLACE_TYPES } from "~/schemas/physician-options";
import { parseForm } from "~/utils/form.server";
import { safeRedirect } from "~/utils/session.server";
import { guidanceConsentOf, setGuidanceConsent } from "~/physicians/guidance-consent.server";
import { formatJstDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "医師のプロフィール｜GMネットワーク" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePhysician(request);
  const [profile, consent] = await Promise.all([getPhysicianProfile(user.id), guidanceConsentOf(user.id)]);
  const url = new URL(request.url);
  return {
    guidance: consent.at ? { since: formatJstDate(consent.at), source: consent.source === "sign-up" ? "登録時" : "プロフィール" } : null,
    guidanceSaved: url.searchParams.get("guidance"),
    exists: Boolean(profile),
    saved: url.searchParams.get("saved") === "1",
    redirectTo: url.searchParams.get("redirectTo") ?? "",
    values: (profile
      ? {
          name: profile.name,
          nameKana: profile.nameKana,
          workplaceType: profile.workplaceType,
          prefectureCode: profile.prefectureCode,
          specialtyCode: profile.specialtyCode,
          licenceYear: String(profile.licenceYear),
          programParticipant: profile.programParticipant ? "on" : "",
          interestPrefectureCodes: profile.interestPrefectureCodes,
          lookingFor: profile.lookingFor,
          contactByEmail: profile.contactByEmail ? "on" : "",
          contactPhone: profile.contactPhone,
          contactNote: profile.contactNote,
        }
      : {}) as Record<string, string | string[]>,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePhysician(request);
  const formData = await request.formData();
  if (formData.get("intent") === "guidance") {
    const consent = formData.get("guidanceMail") === "on";
    await setGuidanceConsent(user.id, consent);
    return redirect(`/physician/profile?guidance=${consent ? "on" : "off"}#guidance`);
  }
  const parsed = parseForm(formData, physicianProfileSchema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  await savePhysicianProfile(user.id, parsed.data);
  const redirectTo = formData.get("redirectTo");
  return redirect(redirectTo ? safeRedirect(redirectTo, "/physician") : "/physician/profile?saved=1");
}

const prefectureGroups = REGIONS.map((r) => ({ title: r.name, options: PREFECTURES.filter((p) => p.regionCode === r.code).map((p) => ({ value: p.code, label: p.name })) }));

export default function PhysicianProfilePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { field, onSubmit } = useZodForm(() => import("~/schemas/physician").then((m) => m.physicianProfileSchema), result, d.values);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-2 text-2xl font-bold">医師のプロフィール</h1>
      <p className="mb-4 text-stone-700">
        プロフィールは医療機関には公開されません。相談を始めたときに、匿名なら「専門領域・免許取得後の年数・勤務地の都道府県」だけが、その相談先に伝わります。氏名と連絡先は、あなたが伝えることを選んだ相談先にだけ伝わります。
      </p>
      {d.saved ? <FormAlert tone="success">プロフィールを保存しました。</FormAlert> : null}
      <FormAlert>{result?.fieldErrors ? "入力内容をご確認ください。" : undefined}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="rounded-lg border border-stone-200 bg-white p-6">
        {d.redirectTo ? <input type="hidden" name="redirectTo" value={d.redirectTo} /> : null}
        <TextField label="氏名" required autoComplete="name" {...field("name")} />
        <TextField label="氏名のふりがな" hint="例: やまだ たろう" required {...field("nameKana")} />
        <RadioGroup legend="現在の勤務先の種類" options={WORKPLACE_TYPES} {...field("workplaceType")} />
        <SelectField label="現在の勤務地（都道府県）" required options={PREFECTURES.map((p) => ({ value: p.code, label: p.name }))} {...field("prefectureCode")} />
        <SelectField label="専門領域（基本領域）" required options={SPECIALTIES.map((s) => ({ value: s.code, label: s.name }))} {...field("specialtyCode")} />
        <TextField label="医師免許の取得年（西暦）" hint="例: 2005。相談先には「免許取得後の年数」として伝わります" required inputMode="numeric" maxLength={4} {...field("licenceYear")} />
        <CheckboxField label="総合医育成プログラムを受講している（受講予定を含む）" {...field("programParticipant")} />
        <CheckboxGroup legend="探しているもの" required columns={3} groups={[{ options: LOOKING_FOR }]} {...field("lookingFor")} />
        <CheckboxGroup legend="関心のある都道府県（任意）" columns={3} groups={prefectureGroups} {...field("interestPrefectureCodes")} />
        <fieldset className="mb-4 rounded-md border border-stone-200 p-4">
          <legend className="px-1 font-semibold">連絡先の希望</legend>
          <p className="mb-3 text-sm text-stone-600">氏名を伝えた相談先にだけ表示されます。どちらも選ばない場合、連絡はサイトのメッセージだけになります。</p>
          <CheckboxField label="メールアドレス（ログインに使うもの）を伝えてよい" {...field("contactByEmail")} />
          <TextField label="電話番号（任意）" inputMode="tel" autoComplete="tel" {...field("contactPhone")} />
          <TextAreaField label="連絡についての希望" hint="例: 平日18時以降にお願いします" maxLength={200} rows={2} {...field("contactNote")} />
        </fieldset>
        <div className="flex items-center gap-4">
          <SubmitButton>保存する</SubmitButton>
          <Link to="/physician">マイページへ</Link>
        </div>
      </Form>
      <Form method="post" id="guidance" className="mt-6 rounded-lg border border-stone-200 bg-white p-6">
        <h2 className="mb-2 text-lg font-bold">案内メール</h2>
        <p className="mb-3 text-sm text-stone-700">
          事務局から、新しく掲載された医療機関や研修の案内をお送りします（任意）。プロフィールとは別の同意です。相談や新着のお知らせのメールには影響しません。
        </p>
        {d.guidanceSaved ? <FormAlert tone="success">{d.guidanceSaved === "on" ? "案内メールを受け取る設定にしました。" : "案内メールを停止しました。"}</FormAlert> : null}
        <input type="hidden" name="intent" value="guidance" />
        <label className="mb-2 flex items-start gap-2">
          <input type="checkbox" name="guidanceMail" defaultChecked={Boolean(d.guidance)} key={d.guidance ? "on" : "off"} className="mt-1.5 h-5 w-5 shrink-0" />
          <span>GMネットワークからの案内メールを受け取る</span>
        </label>
        <p className="mb-3 text-sm text-stone-700">{d.guidance ? `${d.guidance.since}に同意（${d.guidance.source}）` : "現在は受け取らない設定です。"}</p>
        <button type="submit" className="rounded-md border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50">
          案内メールの設定を変更する
        </button>
      </Form>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
