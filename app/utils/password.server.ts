import { randomBytes } from "node:crypto";
import { hash, verify, type Algorithm } from "@node-rs/argon2";

/**
 * Argon2id with OWASP's first recommended parameters (19 MiB, 2 passes, 1 lane);
 * docs/decisions/0003-passwords-and-sessions.md. @node-rs/argon2 runs the hash on libuv's thread
 * pool, so a burst of log-ins or reset attempts never blocks the event loop (the first version,
 * in WebAssembly on the main thread, did). Hashes are standard PHC strings, so those written
 * before still verify.
 */
export const ARGON2_PARAMS = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), ARGON2_PARAMS);
}

export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFKC"));
  } catch {
    return false;
  }
}

// Verifying against this when no account matches keeps the response time the same,
// so timing does not reveal which e-mail addresses have accounts.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string) {
  dummyHash ??= hashPassword(randomBytes(12).toString("hex"));
  await verifyPassword(password, await dummyHash);
  return false;
}
