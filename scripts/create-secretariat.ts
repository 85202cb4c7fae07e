// Creates a secretariat (事務局) account, or sets a new password for an existing one.
//   npm run create-secretariat -- --email office@example.jp [--name "事務局 山田"]
// The password is asked for on the terminal, or read from SECRETARIAT_PASSWORD.
// While the site runs on the embedded database, it does the work (scripts/lib/running-site.ts).
import { existsSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createSecretariat } from "~/accounts/create-secretariat.server";
import { emailField, newPasswordField } from "~/schemas/account";
import { disconnectDatabase, migrateDatabase } from "~/utils/db.server";
import { syncReferenceData } from "~/utils/reference-data.server";
import { runningSite } from "./lib/running-site";

if (existsSync(".env")) process.loadEnvFile(".env");

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });

async function readPassword() {
  if (process.env.SECRETARIAT_PASSWORD) return process.env.SECRETARIAT_PASSWORD;
  if (!process.stdin.isTTY) throw new Error("Set SECRETARIAT_PASSWORD, or run this in a terminal to be asked.");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("Password (8+ characters): ");
  rl.close();
  return answer;
}

async function main() {
  const email = emailField.safeParse(values.email ?? "");
  if (!email.success) throw new Error(`--email: ${email.error.issues[0]?.message}`);
  const password = newPasswordField.safeParse(await readPassword());
  if (!password.success) throw new Error(`password: ${password.error.issues[0]?.message}`);
  const site = runningSite();
  if (site) {
    await site.call("/create-secretariat", { email: email.data, password: password.data, name: values.name });
    console.log(`Secretariat account ready: ${email.data} (through the running site, PID ${site.pid})`);
    return;
  }
  await migrateDatabase();
  await syncReferenceData();
  const user = await createSecretariat({ email: email.data, password: password.data, displayName: values.name });
  console.log(`Secretariat account ready: ${user.email}`);
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => disconnectDatabase());
