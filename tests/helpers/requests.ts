/** Builds the Requests a browser would send, for calling loaders and actions directly. */
export const BASE = "http://localhost:3000";

export function getRequest(path: string, { cookie }: { cookie?: string } = {}) {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function postForm(path: string, fields: Record<string, string>, { cookie }: { cookie?: string } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE };
  if (cookie) headers.Cookie = cookie;
  return new Request(`${BASE}${path}`, { method: "POST", headers, body: new URLSearchParams(fields) });
}

export const context = (ip = "203.0.113.10") => ({ clientIp: ip });

/** Calls a route function and gives back the Response it returned or threw. */
export async function responseOf(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await fn();
    if (result instanceof Response) return result;
    throw new Error(`Expected a Response, got ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** The cookie a browser would send back after this Set-Cookie. */
export function cookieFrom(response: Response) {
  const setCookie = response.headers.get("Set-Cookie");
  if (!setCookie) throw new Error("No Set-Cookie header");
  return setCookie.split(";")[0]!;
}

/** Single Fetch actions return `data()` objects; unwrap them to their payload and status. */
export function unwrap<T>(result: unknown): { status: number; data: T } {
  if (result && typeof result === "object" && "type" in result && (result as { type: string }).type === "DataWithResponseInit") {
    const d = result as unknown as { data: T; init?: { status?: number } };
    return { status: d.init?.status ?? 200, data: d.data };
  }
  return { status: 200, data: result as T };
}
