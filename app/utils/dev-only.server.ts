import { getEnv } from "./env.server";

/** Development-only pages answer 404 in production (they are also left out of that build). */
export function requireDevelopment() {
  if (getEnv().isProduction) throw new Response("Not Found", { status: 404 });
}
