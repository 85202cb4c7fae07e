import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoAudience } from "~/photos/photos.server";
import { isPhotoFileKey, photoStorage } from "~/photos/storage.server";
import { getUser } from "~/utils/session.server";

/**
 * A photo file. A file of a published listing's approved photos is public and never changes
 * (its name is its content's hash), so it is cached for a year, by browsers and any CDN; a draft
 * photo is shown only to the facility's members and the secretariat, and not stored by caches.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const key = params["*"] ?? "";
  if (!isPhotoFileKey(key)) throw new Response("見つかりません", { status: 404 });
  const audience = await photoAudience(key.split("/")[0]!, await getUser(request));
  if (!audience) throw new Response("見つかりません", { status: 404 });
  const body = await photoStorage().get(key);
  if (!body) throw new Response("見つかりません", { status: 404 });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": key.endsWith(".avif") ? "image/avif" : "image/webp",
      "Content-Length": String(body.byteLength),
      "Cache-Control": audience === "public" ? "public, max-age=31536000, immutable" : "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
