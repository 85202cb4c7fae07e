import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { NonceProvider } from "./components/nonce";
// The web-stream build, not the Node one: see handleRequest.
import { renderToReadableStream } from "react-dom/server.browser";

// server.js starts the app through these (database, search, workers) and serves it.
export { EmbeddedDatabaseError, start } from "./server/start.server";
export { createHttpServer } from "./server/http.server";
export { EnvError } from "./utils/env.server";
export { DataLockError } from "./utils/data-lock.server";

/** Logs unexpected errors only: not aborted requests, nor 404s for unknown URLs. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status === 404) return;
  console.error(error);
};

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

/**
 * The page is rendered with React's web-stream renderer (the one Remix uses on edge runtimes).
 * React 18's Node renderer (renderToPipeableStream) sends a whole 2,048-byte buffer when a
 * multi-byte character does not fit at its end, padding with U+0000: Japanese text then
 * carries NUL bytes wherever a character falls on a boundary (react issue 31134; fixed only in
 * React 19, which Remix 2 does not support). The web renderer encodes each piece whole and
 * splits bytes, never characters, so its output is exactly the page's UTF-8
 * (docs/decisions/0010-japanese-text.md; tests/browser/bytes.test.ts).
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  let status = responseStatusCode;
  const nonce = (loadContext as { cspNonce?: string }).cspNonce ?? "";
  const app = (
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>
  );
  const body = await renderToReadableStream(app, {
    nonce,
    signal: AbortSignal.any([request.signal, AbortSignal.timeout(ABORT_DELAY)]),
    onError(error: unknown) {
      status = 500;
      if (!request.signal.aborted) console.error(error);
    },
  });
  // Crawlers get the whole page at once; people get the shell as soon as it is ready.
  if (isbot(request.headers.get("user-agent") ?? "")) await body.allReady;
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status });
}
