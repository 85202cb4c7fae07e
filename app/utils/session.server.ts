import { createCookie, redirect } from "@remix-run/node";
import type { Role, User } from "~/generated/prisma/client";
import { prisma } from "./db.server";
import { getEnv } from "./env.server";
import { hashToken, newToken } from "./tokens.server";

/**
 * Sessions live in the database; the cookie only carries a random token (signed, HttpOnly,
 * SameSite=Lax, Secure in production). Deleting the row signs that browser out.
 * docs/decisions/0003-passwords-and-sessions.md
 */
export const SESSION_DAYS = 30;
const TOUCH_AFTER_MS = 60 * 60 * 1000;

/**
 * In production the cookie carries the __Host- prefix: browsers then accept it only over HTTPS,
 * for this exact host and path /, so no other subdomain can set or shadow it.
 */
export function sessionCookieName(isProduction: boolean) {
  return isProduction ? "__Host-gm_session" : "gm_session";
}

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  const env = getEnv();
  cookie ??= createCookie(sessionCookieName(env.isProduction), {
    httpOnly: true,
    sameSite: "lax",
    secure: env.isProduction,
    path: "/",
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
  return cookie;
}

export type SessionUser = Pick<User, "id" | "email" | "role" | "displayName" | "emailVerifiedAt">;

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

export async function createSession(userId: string, request: Request, ipAddress?: string) {
  const { token, hash } = newToken();
  await prisma.session.create({
    data: {
      id: hash,
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
      userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
      ipAddress: ipAddress ?? null,
    },
  });
  return { sessionId: hash, setCookie: await sessionCookie().serialize(token) };
}

/** The current session and its user, or null. Expired sessions are deleted on sight. */
export async function getSession(request: Request) {
  const token = await readToken(request);
  if (!token) return null;
  const id = hashToken(token);
  const session = await prisma.session.findUnique({
    where: { id },
    select: {
      id: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, role: true, displayName: true, emailVerifiedAt: true } },
    },
  });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await prisma.session.updateMany({
      where: { id },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_DAYS * 86_400_000) },
    });
  }
  return { id: session.id, user: session.user as SessionUser };
}

export async function getUser(request: Request) {
  return (await getSession(request))?.user ?? null;
}

/**
 * Only paths on this site may be redirected to after login (no open redirects): a single "/"
 * then no second slash or backslash, no control character or white space of any kind (a tab or
 * a newline that a browser drops could turn "/\t/evil.example" into "//evil.example", and they
 * would break the Location header), and the URL parser must agree it stays on this site.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const UNSAFE_IN_REDIRECT = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/;
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/") || to.startsWith("//")) return fallback;
  if (UNSAFE_IN_REDIRECT.test(to)) return fallback;
  try {
    const base = "http://gm-network.invalid";
    const url = new URL(to, base);
    const path = url.pathname + url.search + url.hash;
    return url.origin === base && !path.startsWith("//") ? path : fallback; // "/.//x" normalises to "//x"
  } catch {
    return fallback;
  }
}

export async function requireUser(request: Request) {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = safeRedirect(url.pathname + url.search);
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  return user;
}

export async function requireRole(request: Request, ...roles: Role[]) {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    throw new Response("この操作を行う権限がありません。", { status: 403 });
  }
  return user;
}

export async function requireAnonymous(request: Request) {
  if (await getUser(request)) throw redirect("/");
}

/** Deletes this browser's session and returns the header that clears the cookie. */
export async function destroySession(request: Request) {
  const token = await readToken(request);
  if (token) await prisma.session.deleteMany({ where: { id: hashToken(token) } });
  return sessionCookie().serialize("", { maxAge: 0 });
}

export async function revokeOtherSessions(userId: string, keepSessionId: string) {
  const { count } = await prisma.session.deleteMany({ where: { userId, id: { not: keepSessionId } } });
  return count;
}
