import { readFileSync } from "node:fs";

/**
 * package.json's "serve" (which "start" runs), as `NAME=value … exec node <flags> ./server.js`
 * (exec: a SIGTERM to npm reaches node, not only the shell between them): the
 * benchmark and the browser tests start the site with the same flags and variables.
 */
export function serveCommand() {
  const script: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.serve;
  const match = script.match(/^((?:[A-Z_]+=\S+ )*)(?:exec )?node ((?:--\S+ )*)\.\/server\.js$/);
  if (!match) throw new Error(`package.json's serve script is not "NAME=value … exec node --flags ./server.js": ${script}`);
  const variables = Object.fromEntries(match[1]!.trim().split(" ").filter(Boolean).map((pair) => pair.split("=") as [string, string]));
  return { flags: match[2]!.trim().split(" ").filter(Boolean), variables };
}
