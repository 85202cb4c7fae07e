import { searchHealth } from "../../search/client.server";
import { prisma } from "./db.server";
import { mailHealth } from "./mail-outbox.server";

/** What /healthz reports: each part "ok" or a short error. Only the database makes it 503. */
export async function checkHealth() {
  let database = "ok";
  try {
    await prisma.$queryRaw`SELECT 1`;
  } catch (error) {
    database = `error: ${(error as Error).message}`.slice(0, 200);
  }
  const [search, mail] = await Promise.all([
    searchHealth(),
    database === "ok" ? mailHealth().catch((e: Error) => `error: ${e.message}`.slice(0, 200)) : Promise.resolve("unknown: database down"),
  ]);
  return { status: database === "ok" ? 200 : 503, body: { database, search, mail } };
}
