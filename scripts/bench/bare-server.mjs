// The bare server of scripts/bench-speed.ts: node:http sending fixed bytes (the site's own pages,
// captured once) with nothing else, the floor against which the site's throughput is a ratio.
//   node scripts/bench/bare-server.mjs <pages.json>    ({ "plain|encoded <path>": { type, encoding, base64 } }); prints its port
import { Buffer } from "node:buffer";
import { readFileSync } from "node:fs";
import http from "node:http";

const pages = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(process.argv[2], "utf8"))).map(([key, { type, encoding, base64 }]) => [key, { type, encoding, body: Buffer.from(base64, "base64") }]),
);
const server = http.createServer((req, res) => {
  // "plain <path>" for a request without Accept-Encoding, "encoded <path>" for one with it.
  const page = pages[`${req.headers["accept-encoding"] ? "encoded" : "plain"} ${req.url}`];
  if (!page) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "Content-Type": page.type, "Content-Length": page.body.length, ...(page.encoding ? { "Content-Encoding": page.encoding } : {}) });
  res.end(page.body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
