import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert } from "~/components/form-alert";
import { autosaveKey, useClearAutosave } from "~/components/use-autosave";
import { SECTION_FORMS } from "~/components/profile-section-forms";
import { notFound, requireFacilityMembership } from "~/facilities/access.server";
import { draftProfile, saveSection } from "~/facilities/facilities.server";
import { canEditDraft } from "~/facilities/lifecycle";
import { displayValue, FIELD_LABEL, nextSection, toFormValues, type CONTENT_FIELDS, type ProfileContent } from "~/facilities/profile";
import { fillAddressFromPostalCode } from "~/reference/postal-codes.server";
import { PROFILE_SECTION_TITLES, sectionTitle, type SectionKey } from "~/schemas/facility-profile-options";
import { sectionByKey } from "~/schemas/forms.server";
import { formFailure, parseForm } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.title ?? "入力"}｜GMネットワーク` }];

function sectionOf(key: string | undefined) {
  const section = sectionByKey(key ?? "");
  if (!section) notFound();
  return section;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const section = sectionOf(params.section);
  const { facility } = await requireFacilityMembership(request, params.facilityId);
  const draft = await draftProfile(facility.id);
  const next = nextSection(section.key);
  const fields = Object.keys(section.schema.shape) as Array<(typeof CONTENT_FIELDS)[number]>;
  return {
    facilityId: facility.id,
    name: draft.name,
    key: section.key as SectionKey,
    title: section.title,
    description: section.description,
    step: PROFILE_SECTION_TITLES.findIndex((s) => s.key === section.key) + 1,
    steps: PROFILE_SECTION_TITLES.length,
    nextTitle: next ? sectionTitle(next) : null,
    // While the secretariat reviews it, the section is shown as submitted, read-only.
    readOnly: !canEditDraft(facility.status, facility.revisionStatus),
    submitted: fields.map((f) => ({ label: FIELD_LABEL[f], value: displayValue(f, draft as ProfileContent) })),
    initial: toFormValues(draft as ProfileContent),
    savedAt: draft.updatedAt.toISOString(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const section = sectionOf(params.section);
  const { facility } = await requireFacilityMembership(request, params.facilityId);
  const sent = await request.formData();
  // Without JavaScript the postal code still fills an empty prefecture and city.
  const formData = section.key === "basic" ? fillAddressFromPostalCode(sent) : sent;
  const parsed = parseForm(formData, section.schema);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const outcome = await saveSection(facility.id, section.key, parsed.data as Record<string, unknown>);
  if (outcome === "locked") {
    return data(formFailure(formData, "事務局が確認中のため、今は保存できません。入力した内容はこの画面に残っています。"), { status: 409 });
  }
  const next = formData.get("then") === "next" ? nextSection(section.key) : null;
  return redirect(next ? `/facility/facilities/${facility.id}/${next}?saved=${section.key}` : `/facility/facilities/${facility.id}?saved=${section.key}`);
}

export default function EditSection() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const SectionForm = SECTION_FORMS[d.key];
  const [params] = useSearchParams();
  const saved = params.get("saved");
  useClearAutosave(saved ? autosaveKey(d.facilityId, saved) : null);
  const savedTitle = saved ? sectionTitle(saved) : null;
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2">
        <Link to={`/facility/facilities/${d.facilityId}`}>← {d.name || "医療機関"}</Link>
      </p>
      <p className="text-sm font-semibold text-stone-700">
        {d.steps}項目中 {d.step}項目め
      </p>
      <h1 className="mb-1 text-2xl font-bold">{d.title}</h1>
      <p className="mb-6 text-stone-700">{d.description}</p>
      {savedTitle ? <FormAlert tone="success">「{savedTitle}」を保存しました。続けてこの項目を入力してください。</FormAlert> : null}
      {d.readOnly ? (
        <>
          <FormAlert tone="info">事務局が確認中のため、今は編集できません。申請した内容を表示しています。</FormAlert>
          <dl className="grid gap-x-4 gap-y-3 rounded-lg border border-stone-200 bg-white p-6 sm:grid-cols-[12rem_1fr]">
            {d.submitted.map((row) => (
              <div key={row.label} className="contents">
                <dt className="font-semibold text-stone-700">{row.label}</dt>
                <dd className="whitespace-pre-wrap">{row.value || "（なし）"}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <SectionForm key={d.key} facilityId={d.facilityId} nextTitle={d.nextTitle} initial={d.initial} result={result} savedAt={d.savedAt} />
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
