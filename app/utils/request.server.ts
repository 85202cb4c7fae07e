/**
 * What the HTTP server (server.js) passes to every loader and action as `context`.
 * Tests that call loaders and actions directly pass the same shape.
 */
export type AppLoadContext = { clientIp: string };

export function clientIp(context: unknown): string {
  const ip = (context as Partial<AppLoadContext> | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}

/**
 * Cross-site request check for every non-GET request: the Origin header (or, when a browser
 * leaves it out, the Referer) must be this site. Paths that authenticate requests some other
 * way (signed webhooks) are listed in `exempt`.
 */
/**
 * Posts that legitimately come from elsewhere: Stripe's signed webhooks, and alert unsubscribes
 * (mail programs POST them, RFC 8058; the token is the authority and the only thing such a post
 * can do is stop that alert).
 */
export const ORIGIN_EXEMPT = [/^\/webhooks\//, /^\/alerts\/unsubscribe\//, /^\/unsubscribe\//];

export function isSameOriginRequest(
  method: string,
  headers: { origin?: string | null; referer?: string | null },
  allowedOrigins: string[],
  path: string,
  exempt: RegExp[] = [],
) {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return true;
  if (exempt.some((re) => re.test(path))) return true;
  const source = headers.origin ?? (headers.referer ? safeOrigin(headers.referer) : null);
  if (!source || source === "null") return false;
  return allowedOrigins.includes(source);
}

function safeOrigin(url: string) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
