import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook } from "~/payments/webhook.server";

/**
 * Stripe's webhook endpoint. Exempt from the Origin check (server.js): the signature on the raw
 * body authenticates it. Errors answer 500 so that Stripe retries the delivery.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405 });
  const rawBody = await request.text();
  try {
    const { status, outcome } = await handleStripeWebhook(rawBody, request.headers.get("Stripe-Signature"));
    return Response.json({ received: status === 200, outcome }, { status });
  } catch (error) {
    console.error("[webhook] processing failed; Stripe will retry:", error);
    return Response.json({ received: false }, { status: 500 });
  }
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405 });
}
