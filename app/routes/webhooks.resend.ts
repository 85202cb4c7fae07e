import type { ActionFunctionArgs } from "@remix-run/node";
import { handleResendWebhook } from "~/campaigns/suppression.server";

/**
 * Resend's webhook endpoint (bounces and complaints). Exempt from the Origin check: the Svix
 * signature on the raw body authenticates it. Errors answer 500 so that Resend retries.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405 });
  const payload = await request.text();
  try {
    const { status, message } = await handleResendWebhook(payload, request.headers);
    return Response.json({ received: status === 200, message }, { status });
  } catch (error) {
    console.error("[webhook] Resend event failed; Resend will retry:", error);
    return Response.json({ received: false }, { status: 500 });
  }
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405 });
}
