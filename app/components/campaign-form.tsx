import { Form } from "@remix-run/react";
import { CheckboxGroup, RadioGroup, SubmitButton, TextAreaField, TextField, useZodForm, type ServerFormResult, type FormValue } from "./forms";
import { PREFECTURES, REGIONS } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import { PARTICIPATION_OPTIONS } from "~/schemas/campaign-options";

const PREFECTURE_GROUPS = REGIONS.map((r) => ({
  title: r.name,
  options: PREFECTURES.filter((p) => p.regionCode === r.code).map((p) => ({ value: p.code, label: p.name })),
}));
const SPECIALTY_GROUPS = [{ options: SPECIALTIES.map((s) => ({ value: s.code, label: s.name })) }];

/** Writing a campaign: the mail, then who it goes to. Works without JavaScript. */
export function CampaignForm({ result, initial, submitLabel }: { result: ServerFormResult | null | undefined; initial: Record<string, FormValue>; submitLabel: string }) {
  const f = useZodForm(() => import("~/schemas/campaign").then((m) => m.campaignSchema), result, initial);
  return (
    <Form method="post" noValidate onSubmit={f.onSubmit} className="rounded-lg border border-stone-200 bg-white p-5">
      <input type="hidden" name="intent" value="save" />
      <h2 className="mb-3 text-lg font-bold">メールの内容</h2>
      <TextField label="件名" maxLength={120} required {...f.field("subject")} />
      <TextAreaField
        label="本文"
        hint="空行で段落を分けます。行頭に「■」で見出し、「・」で箇条書きになります。URLはリンクになります。"
        minLength={10}
        maxLength={10_000}
        required
        rows={12}
        {...f.field("body")}
      />
      <TextAreaField
        label="紹介する医療機関"
        hint="掲載中の医療機関の公開ページのURLを、1行に1つ、5件まで入力します。本文の下に紹介として載ります。"
        maxLength={2000}
        rows={3}
        {...f.field("featured")}
      />
      <h2 className="mb-1 mt-6 text-lg font-bold">宛先</h2>
      <p className="mb-3 text-sm text-stone-700">
        案内メールの受け取りに同意した医師（と、同意の取得元を記録した宛先）にだけ送られます。条件を選ばなければ、同意した全員が宛先です。
      </p>
      <CheckboxGroup legend="関心のある都道府県（いずれかに当てはまる方）" groups={PREFECTURE_GROUPS} columns={3} {...f.field("prefectureCodes")} />
      <CheckboxGroup legend="基本領域（いずれかに当てはまる方）" groups={SPECIALTY_GROUPS} columns={3} {...f.field("specialtyCodes")} />
      <RadioGroup legend="総合医育成プログラムへの参加" options={PARTICIPATION_OPTIONS} {...f.field("participation")} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
