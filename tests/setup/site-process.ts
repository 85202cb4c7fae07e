import { spawn } from "node:child_process";
import { serveCommand } from "../../scripts/lib/serve-command";

/**
 * The built site started as `npm start` runs it (server.js with "serve"'s flags and variables,
 * React and Remix in production mode, the local key-less site, its own Meilisearch child process),
 * on 127.0.0.1:`port`, for the browser tests. `extra` adds variables.
 */
export function spawnSite({ port, dataDir, databaseUrl, extra = {} }: { port: number; dataDir: string; databaseUrl: string; extra?: Record<string, string> }) {
  const serve = serveCommand();
  return spawn("node", [...serve.flags, "server.js"], {
    env: {
      ...process.env,
      ...serve.variables,
      NODE_ENV: "production",
      APP_ENV: "local",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DEMO_DATA: "off",
      MEILI_HOST: "",
      RESEND_API_KEY: "",
      ...extra,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}
