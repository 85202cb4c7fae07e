import { searchHealth } from "../../search/client.server";
import { prisma } from "../utils/db.server";
import { warnThrottled } from "../utils/log.server";
import { mailHealth } from "../utils/mail-outbox.server";

/**
 * What /healthz reports, publicly: each part "ok", or a word or count saying what is wrong
 * ("unavailable", "rebuilding", "degraded: 3 waiting, oldest 75 s, resend failing"). No error
 * messages, hosts or ports: those go to the log, at most once a minute per kind. Only the
 * database makes it 503.
 */
export async function checkHealth() {
  let database = "ok";
  try {
    await prisma.$queryRaw`SELECT 1`;
  } catch (error) {
    database = "unavailable";
    warnThrottled("health-database", `[health] database unavailable: ${(error as Error).message}`);
  }
  const [search, mail] = await Promise.all([
    searchHealth(),
    database === "ok"
      ? mailHealth().catch((error: Error) => {
          warnThrottled("health-mail", `[health] mail check failed: ${error.message}`);
          return "unknown";
        })
      : Promise.resolve("unknown"),
  ]);
  return { status: database === "ok" ? 200 : 503, body: { database, search, mail } };
}
