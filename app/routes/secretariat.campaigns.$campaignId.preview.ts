import type { LoaderFunctionArgs } from "@remix-run/node";
import { campaign, previewCampaign } from "~/campaigns/campaigns.server";
import { notFound, requireSecretariat } from "~/facilities/access.server";

/** The campaign as an HTML mail, for the secretariat's preview (mail styles are inline). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSecretariat(request);
  const c = await campaign(params.campaignId ?? "");
  if (!c) notFound();
  const { html } = await previewCampaign(c);
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "private, no-store",
      // The mail's own inline styles and remote images only; no script.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'none'",
    },
  });
}
