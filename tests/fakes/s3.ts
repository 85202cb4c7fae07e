import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small stand-in for an S3-compatible store at the network edge, path-style
 * (http://127.0.0.1:port/bucket/key): the real AWS SDK client, pointed at it by endpoint, sends
 * real signed requests. It keeps objects in memory and records each request.
 */
export async function startS3Fake(bucket = "gm-photos") {
  const objects = new Map<string, { body: Buffer; contentType: string; cacheControl: string | undefined }>();
  const requests: Array<{ method: string; key: string; signed: boolean }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const [, first, ...rest] = decodeURIComponent(url.pathname).split("/");
      const key = rest.join("/");
      const signed = /^AWS4-HMAC-SHA256 Credential=/.test(req.headers.authorization ?? "");
      requests.push({ method: req.method ?? "", key, signed });
      if (first !== bucket || !signed) {
        res.writeHead(403, { "Content-Type": "application/xml" }).end("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
        return;
      }
      if (req.method === "PUT") {
        objects.set(key, { body: Buffer.concat(chunks), contentType: String(req.headers["content-type"] ?? ""), cacheControl: req.headers["cache-control"] as string | undefined });
        res.writeHead(200, { ETag: '"fake"' }).end();
      } else if (req.method === "GET") {
        const object = objects.get(key);
        if (!object) {
          res.writeHead(404, { "Content-Type": "application/xml" }).end(`<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`);
          return;
        }
        res.writeHead(200, { "Content-Type": object.contentType, "Content-Length": object.body.byteLength }).end(object.body);
      } else if (req.method === "DELETE") {
        objects.delete(key);
        res.writeHead(204).end();
      } else {
        res.writeHead(405).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    objects,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
