import http from "node:http";
import https from "node:https";

/**
 * The HTTP client the Meilisearch SDK uses here: node:http with a keep-alive agent.
 * Measured on this machine, the SDK's default (fetch) took ~40 ms for any search answer over a
 * few hundred bytes against ~1 ms with node:http — a delayed-ACK stall on loopback — so the
 * search latency goals depend on this (docs/decisions/0008-search.md).
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export class MeiliHttpError extends Error {
  constructor(
    readonly status: number,
    readonly cause: { code?: string; message?: string; type?: string } | undefined,
  ) {
    super(cause?.message ?? `Meilisearch answered ${status}`);
  }
}

export function nodeHttpClient(timeoutMs: number) {
  return (input: string | URL | Request, init?: RequestInit) =>
    new Promise<unknown>((resolveRequest, rejectRequest) => {
      const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
      // The SDK reuses one AbortSignal across the polls of a task: detach from it when done.
      const onAbort = () => request.destroy(new Error("aborted"));
      const detach = () => init?.signal?.removeEventListener("abort", onAbort);
      const resolve = (value: unknown) => {
        detach();
        resolveRequest(value);
      };
      const reject = (error: unknown) => {
        detach();
        rejectRequest(error);
      };
      const body = typeof init?.body === "string" ? init.body : undefined;
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
      if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
      const transport = url.protocol === "https:" ? https : http;
      const request = transport.request(
        url,
        { method: init?.method ?? "GET", headers, agent: agents[url.protocol as "http:" | "https:"], timeout: timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (c: Buffer) => chunks.push(c));
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown;
            try {
              parsed = text === "" ? undefined : JSON.parse(text);
            } catch {
              parsed = undefined;
            }
            const status = response.statusCode ?? 0;
            if (status >= 400) reject(new MeiliHttpError(status, parsed as MeiliHttpError["cause"]));
            else resolve(parsed);
          });
          response.on("error", reject);
        },
      );
      request.on("timeout", () => request.destroy(new Error(`Meilisearch did not answer within ${timeoutMs} ms`)));
      request.on("error", reject);
      init?.signal?.addEventListener("abort", onAbort, { once: true });
      request.end(body);
    });
}
