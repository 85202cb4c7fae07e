import { readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { FIXTURES } from "../setup/browser-fixtures-data";

/**
 * Hostile input against every route of the running site, anonymous and signed in as each role:
 * wrong content types, NUL bytes, invalid UTF-8, header-breaking redirect targets, unknown
 * intents, oversized bodies, `?_data=` and `.data` requests. Not one may get a 5xx.
 */
const baseUrl = inject("baseUrl");
const secretariat = inject("secretariat");

/** Every route file as a URL, its parameters filled with a made-up value. */
function routePaths(param: string) {
  return readdirSync("app/routes")
    .filter((f) => !f.startsWith("dev."))
    .map((file) => {
      const name = file.replace(/\.(tsx|ts)$/, "");
      const segments = name
        .replace(/\[\.\]/g, "~dot~")
        .split(".")
        .filter((s) => s !== "_index")
        .map((s) => (s.startsWith("$") ? param : s.replace(/_$/, "")).replace(/~dot~/g, "."));
      const hasAction = readFileSync(`app/routes/${file}`, "utf8").includes("export async function action");
      return { file, hasAction, path: `/${segments.join("/")}`.replace(/\/+$/, "") || "/" };
    });
}

async function cookieFor(email: string, password: string) {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.includes("gm_session="));
  if (!cookie) throw new Error(`could not log in as ${email}: ${response.status}`);
  return cookie.split(";")[0]!;
}

const sessions: Record<string, string> = { anonymous: "" };
beforeAll(async () => {
  sessions.secretariat = await cookieFor(secretariat.email, secretariat.password);
  sessions.facility = await cookieFor(FIXTURES.inquiry.member.email, FIXTURES.inquiry.member.password);
  sessions.physician = await cookieFor(FIXTURES.inquiry.physician.email, FIXTURES.inquiry.physician.password);
});

const POSTS: Array<[string, string, string]> = [
  ["JSON", "application/json", '{"intent":"approve","email":"a@b.jp"}'],
  ["text/plain", "text/plain", "intent=approve"],
  ["XML", "application/xml", "<intent>approve</intent>"],
  ["broken multipart", "multipart/form-data; boundary=zzz", "--zzz\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\nappr"],
  ["no content type", "", "intent=approve"],
  ["NUL in fields", "application/x-www-form-urlencoded", "intent=approve%00&name=a%00b&email=a%00@b.jp&body=%00"],
  ["invalid UTF-8", "application/x-www-form-urlencoded", "intent=%FF&name=%C3%28&stance=%ED%A0%80"],
  ["unknown intent", "application/x-www-form-urlencoded", "intent=drop-everything&id=1"],
  ["empty form", "application/x-www-form-urlencoded", ""],
  // No valid address in these: a parsed log-in or reset request would count against the site's
  // per-address limits, which the other journeys share (the redirect itself is tested in
  // tests/unit/origin.test.ts and on a real log-in in tests/integration/accounts.test.ts).
  ["header-breaking redirect", "application/x-www-form-urlencoded", "email=not-an-address&password=long+enough+pw&redirectTo=%2F%0D%0ASet-Cookie%3A+x%3D1"],
  ["U+3000 redirect", "application/x-www-form-urlencoded", "email=not-an-address&password=long+enough+pw&redirectTo=%2F%E3%80%80%2Fevil.example"],
  ["huge field", "application/x-www-form-urlencoded", `stance=${"あ".repeat(200_000)}`],
  ["lone surrogate escapes", "application/x-www-form-urlencoded", "name=%ED%B0%80abc&intent=save"],
];

describe("hostile requests", () => {
  it("never get a 5xx, on any route, for any role", async () => {
    const failures: string[] = [];
    let sent = 0;
    const send = async (label: string, url: string, init: RequestInit) => {
      sent++;
      try {
        const response = await fetch(url, { redirect: "manual", ...init });
        await response.arrayBuffer();
        if (response.status >= 500) failures.push(`${response.status} ${label}`);
      } catch (error) {
        failures.push(`network error ${label}: ${(error as Error).message}`);
      }
    };
    for (const [role, cookie] of Object.entries(sessions)) {
      const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
      for (const param of ["x", "%00", FIXTURES.inquiry.slug]) {
        for (const { file, path, hasAction } of routePaths(param)) {
          for (const suffix of ["?_data=root", ".data", "?q=%00&page=-1&perPage=999999&token=%00", "/..%2F..%2Fetc%2Fpasswd"]) {
            const url = `${baseUrl}${path === "/" && suffix === ".data" ? "/_root" : path}${suffix}`;
            await send(`${role} GET ${file} ${path}${suffix}`, url, { headers });
          }
          for (const [what, type, body] of hasAction ? POSTS : []) {
            await send(`${role} POST ${file} ${path} (${what})`, `${baseUrl}${path}`, {
              method: "POST",
              headers: { ...headers, Origin: baseUrl, ...(type ? { "Content-Type": type } : {}) },
              body,
            });
          }
        }
      }
    }
    console.log(`[hostile] ${sent} requests, ${failures.length} with a 5xx or no answer`);
    expect(failures).toEqual([]);
  }, 600_000);
});
