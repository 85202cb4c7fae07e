import { placeOf, type ProfileContent } from "./profile";

/**
 * A link to the facility on a map service, built from its address and name. A plain link, not
 * an embedded map: no third-party script or frame runs on our pages, and the physician's own
 * map app opens on a phone. Google Maps' documented search URL (api=1) needs no key.
 */
export function mapLink(p: Pick<ProfileContent, "prefectureCode" | "city" | "address" | "name">) {
  const query = `${placeOf(p)}${p.address} ${p.name}`.trim();
  return `https://www.google.com/maps/search/?${new URLSearchParams({ api: "1", query })}`;
}
