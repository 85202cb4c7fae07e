import { readFileSync } from "node:fs";

/**
 * package.json's "serve" (which "start" runs), as `NAME=value … node <flags> ./server.js`: the
 * benchmark and the browser tests start the site with the same flags and variables.
 */
export function serveCommand() {
  const script: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.serve;
  const match = script.match(/^((?:[A-Z_]+=\S+ )*)node ((?:--\S+ )*)\.\/server\.js$/);
  if (!match) throw new Error(`package.json's serve script is not "NAME=value … node --flags ./server.js": ${script}`);
  const variables = Object.fromEntries(match[1]!.trim().split(" ").filter(Boolean).map((pair) => pair.split("=") as [string, string]));
  return { flags: match[2]!.trim().split(" ").filter(Boolean), variables };
}
