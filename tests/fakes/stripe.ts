import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small stand-in for the parts of Stripe's API this site uses — Checkout Sessions (create,
 * retrieve) and refunds — at the network edge: the real stripe-node SDK talks to it over HTTP.
 * Tests move a session along (paid, expired, …) the way a customer at Checkout would.
 */
export type FakeSession = {
  id: string;
  object: "checkout.session";
  url: string;
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid";
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  metadata: Record<string, string>;
  client_reference_id: string | null;
  customer_email: string | null;
  payment_intent: string | null;
};

export async function startStripeFake({ taxRates = { txr_fake_consumption_10: 10 } as Record<string, number> } = {}) {
  const sessions = new Map<string, FakeSession>();
  const createRequests: Array<{ idempotencyKey: string | undefined; params: URLSearchParams; authorization: string | undefined }> = [];
  const refunds: Array<{ paymentIntent: string; idempotencyKey: string | undefined }> = [];
  const byIdempotencyKey = new Map<string, FakeSession>();
  let counter = 0;

  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_fake_${++counter}` }).end(JSON.stringify(body));

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const key = req.headers["idempotency-key"] as string | undefined;
      if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
        if (key && byIdempotencyKey.has(key)) return json(res, 200, byIdempotencyKey.get(key));
        const params = new URLSearchParams(raw);
        createRequests.push({ idempotencyKey: key, params, authorization: req.headers.authorization });
        const unit = Number(params.get("line_items[0][price_data][unit_amount]"));
        const rate = taxRates[params.get("line_items[0][tax_rates][0]") ?? ""] ?? 0;
        const tax = params.get("line_items[0][price_data][tax_behavior]") === "exclusive" ? Math.floor((unit * rate) / 100) : 0;
        const metadata: Record<string, string> = {};
        for (const [k, v] of params) {
          const m = k.match(/^metadata\[(.+)\]$/);
          if (m) metadata[m[1]!] = v;
        }
        const id = `cs_test_fake_${++counter}`;
        const session: FakeSession = {
          id,
          object: "checkout.session",
          url: `https://checkout.stripe.test/c/pay/${id}`,
          status: "open",
          payment_status: "unpaid",
          amount_subtotal: unit,
          amount_total: unit + tax,
          currency: params.get("line_items[0][price_data][currency]") ?? "",
          metadata,
          client_reference_id: params.get("client_reference_id"),
          customer_email: params.get("customer_email"),
          payment_intent: null,
        };
        sessions.set(id, session);
        if (key) byIdempotencyKey.set(key, session);
        return json(res, 200, session);
      }
      const retrieve = url.pathname.match(/^\/v1\/checkout\/sessions\/([^/]+)$/);
      if (req.method === "GET" && retrieve) {
        const session = sessions.get(retrieve[1]!);
        if (!session) return json(res, 404, { error: { type: "invalid_request_error", message: "No such checkout.session" } });
        return json(res, 200, session);
      }
      if (req.method === "POST" && url.pathname === "/v1/refunds") {
        const params = new URLSearchParams(raw);
        refunds.push({ paymentIntent: params.get("payment_intent") ?? "", idempotencyKey: key });
        return json(res, 200, { id: `re_fake_${++counter}`, object: "refund", status: "succeeded" });
      }
      json(res, 404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${url.pathname})` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sessions,
    createRequests,
    refunds,
    /** The customer finishes Checkout: paid now (card) or later (konbini: "unpaid"). */
    complete(id: string, changes: Partial<FakeSession> = {}) {
      const session = sessions.get(id)!;
      Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: `pi_fake_${id}` }, changes);
      return session;
    },
    expire(id: string) {
      Object.assign(sessions.get(id)!, { status: "expired" });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A Stripe event as the webhook receives it (only the fields the handler reads). */
export function stripeEvent(id: string, type: string, sessionId: string) {
  return JSON.stringify({ id, object: "event", type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: sessionId, object: "checkout.session" } } });
}
