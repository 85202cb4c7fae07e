import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 7 reads no .env file and `env()` throws when a variable is unset: read process.env.
// The CLI is only used by developers to create migrations (the app applies them itself).
// On machines that cannot download Prisma's native schema engine, point the CLI at the
// Wasm stand-in shipped beside the project (docs/decisions/0002-database.md).
const shim = path.resolve("../shared/tools/prisma-wasm-engine/schema-engine.mjs");
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(shim)) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = shim;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/gm_dev",
  },
});
