import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small stand-in for Resend's HTTP API at the network edge: the real `resend` SDK, pointed
 * at it by RESEND_BASE_URL, sends real requests. It records them and can be told to fail.
 */
export type RecordedEmail = { idempotencyKey: string | undefined; authorization: string | undefined; body: Record<string, unknown> };

export async function startResendFake() {
  const received: RecordedEmail[] = [];
  const seenKeys = new Map<string, string>();
  const seenBatchKeys = new Map<string, string[]>();
  /** Batch calls that reached the fake (including replays answered from the idempotency cache). */
  const batchCalls: Array<{ idempotencyKey: string | undefined; size: number; replay: boolean }> = [];
  let delayMs = 0;
  let failNext = 0;
  let hangNext = 0;
  const hanging: http.ServerResponse[] = [];
  let failStatus = 500;
  let counter = 0;
  /** Answers with the failure asked for by failNextRequests, if one is still due. */
  const failedOnPurpose = (res: http.ServerResponse) => {
    if (failNext <= 0) return false;
    failNext--;
    res
      .writeHead(failStatus, { "Content-Type": "application/json" })
      .end(JSON.stringify({ name: "internal_server_error", message: "Temporary failure (fake)", statusCode: failStatus }));
    return true;
  };
  const server = http.createServer((req, res) => {
    // Bytes first, decoded once: a multi-byte character split across two chunks stays whole.
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      if (req.method === "POST" && req.url === "/emails/batch") {
        const answer = () => {
          if (failedOnPurpose(res)) return;
          const key = req.headers["idempotency-key"] as string | undefined;
          const emails = JSON.parse(raw) as Array<Record<string, unknown>>;
          if (key && seenBatchKeys.has(key)) {
            batchCalls.push({ idempotencyKey: key, size: emails.length, replay: true });
            res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ data: seenBatchKeys.get(key)!.map((id) => ({ id })) }));
            return;
          }
          const ids = emails.map((body) => {
            const id = `fake-${++counter}`;
            received.push({ idempotencyKey: key, authorization: req.headers.authorization, body });
            return id;
          });
          if (key) seenBatchKeys.set(key, ids);
          batchCalls.push({ idempotencyKey: key, size: emails.length, replay: false });
          res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ data: ids.map((id) => ({ id })) }));
        };
        if (delayMs > 0) setTimeout(answer, delayMs);
        else answer();
        return;
      }
      if (req.method !== "POST" || req.url !== "/emails") {
        res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ name: "not_found", message: "Not found", statusCode: 404 }));
        return;
      }
      if (hangNext > 0) {
        // Accepted and sent, but the answer never comes (a hung connection): a retry with the
        // same idempotency key must not send it again.
        hangNext--;
        const id = `fake-${++counter}`;
        const key = req.headers["idempotency-key"] as string | undefined;
        if (key) seenKeys.set(key, id);
        received.push({ idempotencyKey: key, authorization: req.headers.authorization, body: JSON.parse(raw) });
        hanging.push(res);
        return;
      }
      if (failedOnPurpose(res)) return;
      const key = req.headers["idempotency-key"] as string | undefined;
      // Like Resend: the same idempotency key returns the first result and sends nothing new.
      if (key && seenKeys.has(key)) {
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ id: seenKeys.get(key) }));
        return;
      }
      const id = `fake-${++counter}`;
      if (key) seenKeys.set(key, id);
      received.push({ idempotencyKey: key, authorization: req.headers.authorization, body: JSON.parse(raw) });
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    batchCalls,
    /** Answers every batch call after this many milliseconds (a provider's latency). */
    setDelay(ms: number) {
      delayMs = ms;
    },
    failNextRequests(n: number, status = 500) {
      failNext = n;
      failStatus = status;
    },
    hangNextRequests(n: number) {
      hangNext = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
      }),
  };
}
