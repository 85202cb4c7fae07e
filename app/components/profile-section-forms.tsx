import { Form, Link } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { ACTIVITY_CATEGORIES } from "~/reference/activities";
import { DEPARTMENTS } from "~/reference/departments";
import { EMPLOYMENT_FORMS } from "~/reference/employment-forms";
import { PREFECTURES } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import { CONSULTATION_FREQUENCIES, FACILITY_KINDS, type SectionKey } from "~/schemas/facility-profile-options";
import { CheckboxField, CheckboxGroup, FormAlert, RadioGroup, SelectField, SubmitButton, TextAreaField, TextField, useZodForm, type FormValue, type ServerFormResult } from "./forms";
import { autosaveKey, useAutosave } from "./use-autosave";

/**
 * One form per profile section, each driven by its own schema. Every form posts plainly (works
 * without JavaScript); with JavaScript it checks as you go and keeps a local copy until saved.
 */
export type SectionFormProps = {
  facilityId: string;
  /** The next section's title, for 「保存して次へ」; null on the last section. */
  nextTitle?: string | null;
  initial: Record<string, FormValue>;
  result?: ServerFormResult | null;
  savedAt: string | null;
};

function SectionForm<T extends FieldValues>({
  form,
  facilityId,
  nextTitle,
  section,
  savedAt,
  result,
  onSubmit,
  children,
}: {
  form: UseFormReturn<T, unknown, unknown>;
  facilityId: string;
  nextTitle?: string | null;
  section: SectionKey;
  savedAt: string | null;
  result?: ServerFormResult | null;
  onSubmit: React.FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}) {
  const { restored, discard } = useAutosave(autosaveKey(facilityId, section), form, savedAt);
  return (
    <>
      {restored ? (
        <FormAlert tone="info">
          前回保存されなかった入力内容を復元しました。内容を確認して「保存する」を押してください。{" "}
          <button type="button" onClick={discard} className="underline">
            復元した内容を破棄する
          </button>
        </FormAlert>
      ) : null}
      <FormAlert>{result?.formError ?? (result?.fieldErrors && Object.keys(result.fieldErrors).length ? "入力内容に誤りがあります。赤字の項目をご確認ください。入力した内容はそのまま残っています。" : undefined)}</FormAlert>
      <Form method="post" noValidate onSubmit={onSubmit} className="rounded-lg border border-stone-200 bg-white p-6">
        {children}
        {nextTitle ? <p className="mt-6 text-sm text-stone-700">「保存して次へ」を押すと、次の「{nextTitle}」に進みます。「保存する」は一覧に戻ります。</p> : null}
        <div className="mt-3 flex flex-wrap items-center gap-4">
          {/* The first button is what Enter presses: save and go on to the next section. */}
          {nextTitle ? (
            <SubmitButton name="then" value="next" pendingText="保存しています…">
              保存して次へ
            </SubmitButton>
          ) : null}
          <SubmitButton secondary={Boolean(nextTitle)} pendingText="保存しています…">
            保存する
          </SubmitButton>
          <Link to={`/facility/facilities/${facilityId}`}>保存せずに戻る</Link>
        </div>
      </Form>
    </>
  );
}

/**
 * With JavaScript, a complete postal code fills the prefecture, city and (when empty) the
 * start of the address from Japan Post's data (GET /api/postal-code); what the person already
 * typed is never replaced. Without JavaScript the server fills an empty prefecture and city.
 */
function usePostalCodeLookup(form: UseFormReturn<FieldValues, unknown, unknown>) {
  const [message, setMessage] = useState("");
  const postalCode = String(form.watch("postalCode") ?? "");
  const digits = postalCode.normalize("NFKC").replace(/[-ー−‐―〒\s]/g, "");
  useEffect(() => {
    if (!/^\d{7}$/.test(digits)) return;
    const controller = new AbortController();
    fetch(`/api/postal-code?code=${digits}`, { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) return setMessage("この郵便番号は見つかりませんでした。都道府県と市区町村を選んで入力してください");
        const found = (await response.json()) as { prefectureCode: string; prefectureName: string; city: string; town: string };
        const filled: string[] = [];
        const fill = (name: string, value: string) => {
          if (value && !String(form.getValues(name) ?? "").trim()) {
            form.setValue(name, value, { shouldDirty: true });
            filled.push(value);
          }
        };
        fill("prefectureCode", found.prefectureCode);
        fill("city", found.city);
        fill("address", found.town);
        const place = `${found.prefectureName}${found.city}${found.town}`;
        setMessage(filled.length ? `郵便番号から「${place}」を入力しました。番地などを続けて入力してください` : `この郵便番号の住所: ${place}`);
      })
      .catch(() => {});
    return () => controller.abort();
  }, [digits, form]);
  return message;
}

export function BasicForm(props: SectionFormProps) {
  const { form, field, onSubmit } = useZodForm(() => import("~/schemas/facility-profile").then((m) => m.basicSchema), props.result, props.initial);
  const postalMessage = usePostalCodeLookup(form as unknown as UseFormReturn<FieldValues, unknown, unknown>);
  return (
    <SectionForm form={form} section="basic" onSubmit={onSubmit} {...props}>
      <TextField label="医療機関名" required autoComplete="organization" {...field("name")} />
      <TextField label="医療機関名（ふりがな）" hint="ひらがな、またはカタカナで入力してください" required {...field("nameKana")} />
      <RadioGroup legend="種別" options={FACILITY_KINDS} {...field("kind")} />
      <TextField label="病床数" hint="病院は必須です。無床の診療所は空欄のままで構いません" inputMode="numeric" className="w-32" {...field("bedCount")} />
      <TextField label="郵便番号" hint="例: 101-0061（入力すると都道府県と市区町村が入ります）" inputMode="numeric" autoComplete="postal-code" required {...field("postalCode")} />
      <p role="status" aria-live="polite" className="-mt-3 mb-4 text-sm text-sky-900">
        {postalMessage}
      </p>
      <SelectField label="都道府県" required options={PREFECTURES.map((p) => ({ value: p.code, label: p.name }))} {...field("prefectureCode")} />
      <TextField label="市区町村" hint="例: 千代田区" required autoComplete="address-level2" {...field("city")} />
      <TextField label="番地・建物名" hint="例: 神田三崎町1-4-17 東洋ビル11階" required autoComplete="address-line1" {...field("address")} />
      <TextField label="最寄り駅・アクセス" hint="任意。例: JR水道橋駅から徒歩5分、駐車場あり（200文字以内）" {...field("access")} />
      <TextField label="電話番号（代表）" hint="公開ページに表示されます。例: 03-5283-7441" inputMode="tel" autoComplete="tel" required {...field("phone")} />
      <TextField label="ウェブサイト" hint="https:// から入力してください（任意）" inputMode="url" {...field("website")} />
      <CheckboxGroup legend="標榜診療科" hint="該当するものをすべて選んでください" required groups={[{ options: DEPARTMENTS.map((d) => ({ value: d.code, label: d.name })) }]} {...field("departmentCodes")} />
    </SectionForm>
  );
}

export function StanceForm(props: SectionFormProps) {
  const { form, field, onSubmit } = useZodForm(() => import("~/schemas/facility-profile").then((m) => m.stanceSchema), props.result, props.initial);
  return (
    <SectionForm form={form} section="stance" onSubmit={onSubmit} {...props}>
      <TextAreaField
        label="受け入れと育成の方針"
        hint="総合医を目指す医師をどのように迎え、どのように育てたいか。医師が最初に読む文章です"
        minLength={20}
        required
        maxLength={2000}
        rows={8}
        {...field("stance")}
      />
      <TextAreaField label="求める医師像" hint="これまでの専門や経験で歓迎するもの、期待する役割など" maxLength={1000} {...field("hopes")} />
      <CheckboxGroup
        legend="特に歓迎する前職の専門領域（任意）"
        hint="選ばなくても、どの専門の医師も相談できます"
        groups={[{ options: SPECIALTIES.map((s) => ({ value: s.code, label: s.name })) }]}
        {...field("welcomedSpecialtyCodes")}
      />
    </SectionForm>
  );
}

export function SupervisionForm(props: SectionFormProps) {
  const { form, field, onSubmit } = useZodForm(() => import("~/schemas/facility-profile").then((m) => m.supervisionSchema), props.result, props.initial);
  return (
    <SectionForm form={form} section="supervision" onSubmit={onSubmit} {...props}>
      <RadioGroup
        legend="指導医"
        options={[
          { value: "yes", label: "指導医がいる", description: "総合診療などの指導にあたる医師がいます" },
          { value: "no", label: "指導医はいない", description: "指導医は必須ではありません。相談できる体制を下に書いてください" },
        ]}
        {...field("supervisorAvailable")}
      />
      <TextAreaField label="相談体制" hint="誰に、どのような方法で相談できるか。例: 毎朝のカンファレンス、オンラインで連携病院に相談" required maxLength={1000} {...field("consultationSetup")} />
      <SelectField label="相談できる頻度" required options={CONSULTATION_FREQUENCIES.map((f) => ({ value: f, label: f }))} {...field("consultationFrequency")} />
    </SectionForm>
  );
}

export function LearningForm(props: SectionFormProps) {
  const { form, field, onSubmit } = useZodForm(() => import("~/schemas/facility-profile").then((m) => m.learningSchema), props.result, props.initial);
  return (
    <SectionForm form={form} section="learning" onSubmit={onSubmit} {...props}>
      <fieldset className="mb-5">
        <legend className="mb-2 font-semibold">できる支援（当てはまるものすべて）</legend>
        <CheckboxField label="E-learningなどの学習時間を勤務時間内に確保できる" {...field("learningTimeProtected")} />
        <CheckboxField label="研修やオンラインライブ研修の日に勤務を調整できる" {...field("scheduleAdjustment")} />
        <CheckboxField label="総合医育成プログラムの受講を支援できる" {...field("programSupport")} />
      </fieldset>
      <TextAreaField label="学びの支援の説明" hint="具体的な支援の内容。例: 毎週半日を学習時間に、学会参加費の補助" required maxLength={1000} {...field("learningSupport")} />
    </SectionForm>
  );
}

export function EmploymentForm(props: SectionFormProps) {
  const { form, field, onSubmit } = useZodForm(() => import("~/schemas/facility-profile").then((m) => m.employmentSchema), props.result, props.initial);
  return (
    <SectionForm form={form} section="employment" onSubmit={onSubmit} {...props}>
      <CheckboxGroup legend="可能な勤務形態" required columns={2} groups={[{ options: EMPLOYMENT_FORMS.map((f) => ({ value: f.code, label: f.name })) }]} {...field("employmentFormCodes")} />
      <TextAreaField label="勤務条件の決め方" hint="勤務日数や給与などの条件は医療機関と医師の間で直接決めます。その進め方。例: 面談の有無" required maxLength={1000} {...field("employmentTerms")} />
    </SectionForm>
  );
}

export function ActivitiesForm(props: SectionFormProps) {
  const { form, field, onSubmit } = useZodForm(() => import("~/schemas/facility-profile").then((m) => m.activitiesSchema), props.result, props.initial);
  return (
    <SectionForm form={form} section="activities" onSubmit={onSubmit} {...props}>
      <CheckboxGroup
        legend="医師が参加できる地域の活動"
        hint="かかりつけ医機能報告制度にかかる研修の「実地研修（経験）」（別紙3）の活動です。当てはまるものがなければ、選ばずに保存できます"
        columns={2}
        groups={ACTIVITY_CATEGORIES.map((c) => ({ title: `${c.code}. ${c.name}`, options: c.activities.map((a) => ({ value: a.code, label: a.name })) }))}
        {...field("activityCodes")}
      />
    </SectionForm>
  );
}

export function ContactForm(props: SectionFormProps) {
  const { form, field, onSubmit } = useZodForm(() => import("~/schemas/facility-profile").then((m) => m.contactSchema), props.result, props.initial);
  return (
    <SectionForm form={form} section="contact" onSubmit={onSubmit} {...props}>
      <p className="mb-4 text-stone-700">事務局からの連絡に使います。公開ページや医師には表示されません。</p>
      <TextField label="担当者名" required autoComplete="name" {...field("contactName")} />
      <TextField label="部署・役職" hint="任意" {...field("contactTitle")} />
      <TextField label="メールアドレス" type="email" required autoComplete="email" {...field("contactEmail")} />
      <TextField label="電話番号" inputMode="tel" required autoComplete="tel" {...field("contactPhone")} />
    </SectionForm>
  );
}

export const SECTION_FORMS: Record<SectionKey, (props: SectionFormProps) => JSX.Element> = {
  basic: BasicForm,
  stance: StanceForm,
  supervision: SupervisionForm,
  learning: LearningForm,
  employment: EmploymentForm,
  activities: ActivitiesForm,
  contact: ContactForm,
};
