import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "~/utils/env.server";
import { createSession } from "~/utils/session.server";
import { createUser } from "../helpers/factories";
import { getRequest } from "../helpers/requests";

// This file runs in its own worker process, so switching to production here changes nothing else.
beforeAll(() => {
  process.env.NODE_ENV = "production";
  process.env.APP_URL = "https://gm.example.jp";
  process.env.INVOICE_REGISTRATION_NUMBER = "T7123456789012";
  resetEnvForTests();
});

describe("the session cookie in production", () => {
  it("is a __Host- cookie, Secure, HttpOnly and SameSite=Lax, for path / and no domain", async () => {
    const user = await createUser();
    const { setCookie } = await createSession(user.id, getRequest("/"));
    expect(setCookie).toMatch(/^__Host-gm_session=/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=2592000/);
  });
});
