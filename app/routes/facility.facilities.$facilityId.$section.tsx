import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SECTION_FORMS } from "~/components/profile-section-forms";
import { notFound, requireFacilityMembership } from "~/facilities/access.server";
import { draftProfile, saveSection } from "~/facilities/facilities.server";
import { canEditDraft } from "~/facilities/lifecycle";
import { toFormValues, type ProfileContent } from "~/facilities/profile";
import { fillAddressFromPostalCode } from "~/reference/postal-codes.server";
import { sectionByKey, type SectionKey } from "~/schemas/facility-profile";
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
  if (!canEditDraft(facility.status, facility.revisionStatus)) throw redirect(`/facility/facilities/${facility.id}`);
  const draft = await draftProfile(facility.id);
  return {
    facilityId: facility.id,
    name: draft.name,
    key: section.key as SectionKey,
    title: section.title,
    description: section.description,
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
  return redirect(`/facility/facilities/${facility.id}?saved=${section.key}`);
}

export default function EditSection() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const SectionForm = SECTION_FORMS[d.key];
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2">
        <Link to={`/facility/facilities/${d.facilityId}`}>← {d.name || "医療機関"}</Link>
      </p>
      <h1 className="mb-1 text-2xl font-bold">{d.title}</h1>
      <p className="mb-6 text-stone-700">{d.description}</p>
      <SectionForm key={d.key} facilityId={d.facilityId} initial={d.initial} result={result} savedAt={d.savedAt} />
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
