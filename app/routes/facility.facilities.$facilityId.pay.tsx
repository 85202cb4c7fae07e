import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireFacilityMembership } from "~/facilities/access.server";
import { startCheckout } from "~/payments/checkout.server";

/** Starts the fee payment: sends the member to Stripe Checkout (or the local test checkout). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, facility } = await requireFacilityMembership(request, params.facilityId);
  const result = await startCheckout({ facilityId: facility.id, user });
  if (!result.ok) return redirect(`/facility/facilities/${facility.id}?notice=${result.reason}`);
  return redirect(result.url);
}

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/facility/facilities/${params.facilityId}`);
}
