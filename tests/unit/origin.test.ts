import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "~/utils/request.server";
import { safeRedirect } from "~/utils/session.server";

const allowed = ["http://localhost:3000"];

describe("Origin check", () => {
  it("lets reads through", () => {
    expect(isSameOriginRequest("GET", { origin: "https://evil.example" }, allowed, "/")).toBe(true);
    expect(isSameOriginRequest("HEAD", {}, allowed, "/")).toBe(true);
  });

  it("accepts a POST from this site, by Origin or, without it, by Referer", () => {
    expect(isSameOriginRequest("POST", { origin: "http://localhost:3000" }, allowed, "/login")).toBe(true);
    expect(isSameOriginRequest("POST", { referer: "http://localhost:3000/login?x=1" }, allowed, "/login")).toBe(true);
  });

  it("refuses a POST from another site, an opaque origin, or with neither header", () => {
    expect(isSameOriginRequest("POST", { origin: "https://evil.example" }, allowed, "/login")).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "http://localhost:3000.evil.example" }, allowed, "/login")).toBe(false);
    expect(isSameOriginRequest("POST", { origin: "null" }, allowed, "/login")).toBe(false);
    expect(isSameOriginRequest("DELETE", { referer: "https://evil.example/" }, allowed, "/x")).toBe(false);
    expect(isSameOriginRequest("POST", {}, allowed, "/login")).toBe(false);
    expect(isSameOriginRequest("POST", { referer: "not a url" }, allowed, "/login")).toBe(false);
  });

  it("exempts only the listed paths (signed webhooks)", () => {
    expect(isSameOriginRequest("POST", {}, allowed, "/webhooks/stripe", [/^\/webhooks\//])).toBe(true);
    expect(isSameOriginRequest("POST", {}, allowed, "/login", [/^\/webhooks\//])).toBe(false);
  });
});

describe("redirects after log-in stay on the site", () => {
  it.each([
    ["/account", "/account"],
    ["/account?tab=1", "/account?tab=1"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["", "/"],
    [null, "/"],
    // The open redirect found in the hostile run, and its relatives.
    [decodeURIComponent("%2F%09%2Fevil.example%2F"), "/"],
    ["/\t/evil.example/", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/\u3000/evil.example", "/"],
    ["/\u00a0/evil.example", "/"],
    ["/\u0000/", "/"],
    ["/%09/evil.example", "/%09/evil.example"], // stays a path on this site: percent-encoded, harmless
    ["/search?q=" + "あ".repeat(10), "/search?q=" + encodeURI("あ".repeat(10))],
    ["/ /evil.example", "/"],
    ["/\\\\evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/a/..//evil.example", "/"],
    ["/" + "a".repeat(3000), "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});
