import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A package loaded the first time it is used rather than when the site starts. For packages only
 * some deployments or some requests need (PGlite, sharp, the S3 and Stripe SDKs): loaded at
 * start-up, they added 36 MB to every process's memory (docs/decisions/0015-speed-first-steps.md).
 * All of them ship CommonJS, so the first use stays synchronous.
 */
export function loadOnUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
