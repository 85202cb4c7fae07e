import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/utils/env.server";

describe("environment validation", () => {
  it("runs with nothing set: embedded PGlite, port 3000, a generated session secret", () => {
    const env = parseEnv({ DATA_DIR: path.join(process.env.DATA_DIR!, "env-defaults") });
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.DATABASE_URL).toMatch(/^pglite:.*env-defaults\/pglite$/);
    expect(env.SESSION_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(env.isProduction).toBe(false);
    // The generated secret is kept: sessions survive a restart.
    expect(parseEnv({ DATA_DIR: path.join(process.env.DATA_DIR!, "env-defaults") }).SESSION_SECRET).toBe(env.SESSION_SECRET);
  });

  it("honours PORT in the default APP_URL", () => {
    expect(parseEnv({ PORT: "4100", DATA_DIR: process.env.DATA_DIR }).APP_URL).toBe("http://localhost:4100");
  });

  it("names every bad variable in one message", () => {
    const attempt = () => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", RESEND_API_KEY: "abc", SESSION_SECRET: "short" });
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("PORT:");
      expect(message).toContain("DATABASE_URL: must be a postgres:// URL");
      expect(message).toContain("RESEND_API_KEY: must start with re_");
      expect(message).toContain("SESSION_SECRET: must be at least 32 characters");
    }
  });

  it("requires the secrets and URLs in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      /SESSION_SECRET: is required in production[\s\S]*APP_URL: is required in production[\s\S]*DATABASE_URL: is required in production[\s\S]*INVOICE_REGISTRATION_NUMBER: is required/,
    );
    expect(() =>
      parseEnv({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(40), APP_URL: "https://gm.example.jp", DATABASE_URL: "postgres://db/gm", MEILI_HOST: "https://search.example.jp" }),
    ).toThrow(/MEILI_MASTER_KEY: is required when MEILI_HOST is set/);
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(40), APP_URL: "https://gm.example.jp/", DATABASE_URL: "postgres://db/gm", INVOICE_REGISTRATION_NUMBER: "T7123456789012" });
    expect(env.isProduction).toBe(true);
    expect(env.APP_URL).toBe("https://gm.example.jp");
  });

  it("checks the invoice registration number and the Stripe settings that go together", () => {
    expect(() => parseEnv({ INVOICE_REGISTRATION_NUMBER: "T7123456789013", DATA_DIR: process.env.DATA_DIR })).toThrow(/INVOICE_REGISTRATION_NUMBER: check digit does not match/);
    expect(() => parseEnv({ INVOICE_REGISTRATION_NUMBER: "7123456789012", DATA_DIR: process.env.DATA_DIR })).toThrow(/must be T followed by 13 digits/);
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "sk_test_123", DATA_DIR: process.env.DATA_DIR })).toThrow(
      /STRIPE_WEBHOOK_SECRET: is required when STRIPE_SECRET_KEY is set[\s\S]*STRIPE_TAX_RATE_ID: is required/,
    );
    expect(() => parseEnv({ FEE_NEXT_YEAR_FROM_MONTH: "4", DATA_DIR: process.env.DATA_DIR })).toThrow(/FEE_NEXT_YEAR_FROM_MONTH/);
    const env = parseEnv({ FEE_AMOUNT_EXCL_TAX: "30000", FEE_TAX_RATE_PERCENT: "10", DATA_DIR: process.env.DATA_DIR });
    expect([env.FEE_AMOUNT_EXCL_TAX, env.FEE_TAX_RATE_PERCENT, env.FEE_NEXT_YEAR_FROM_MONTH, env.FEE_GRACE_DAYS]).toEqual([30000, 10, 2, 30]);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ MEILI_HOST: "", DATA_DIR: process.env.DATA_DIR }).MEILI_HOST).toBeUndefined();
  });
});
