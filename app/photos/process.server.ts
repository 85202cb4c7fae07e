import { createHash } from "node:crypto";
import type { Metadata } from "sharp";
import { loadOnUse } from "~/utils/load-on-use.server";

// Loaded with the first photo, not with the site (its native library is 13 MB of memory).
const sharpModule = loadOnUse<typeof import("sharp")["default"]>("sharp");

/** Limits a facility meets when it uploads a photo; each refusal has a message in Japanese. */
export const PHOTO_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 40_000_000,
  minWidth: 480,
  minHeight: 320,
  perFacility: 8,
} as const;

/** The widths kept of each photo: cards use the small ones, the facility page the large. */
export const PHOTO_WIDTHS = [480, 960, 1600] as const;
const ACCEPTED = new Set(["jpeg", "png", "webp", "avif", "heif"]);

export type ProcessedPhoto = {
  key: string;
  width: number;
  height: number;
  widths: number[];
  files: Array<{ name: string; body: Buffer; contentType: string }>;
};

export type PhotoRefusal = "empty" | "too-large" | "not-image" | "too-many-pixels" | "too-small";

export const PHOTO_REFUSAL_MESSAGE: Record<PhotoRefusal, string> = {
  empty: "写真のファイルを選んでください。",
  "too-large": "写真のファイルが大きすぎます。10MB以下のファイルを選んでください。",
  "not-image": "写真として読み取れませんでした。JPEG、PNG、WebP、AVIF のいずれかの画像を選んでください。",
  "too-many-pixels": "写真の画素数が多すぎます（4,000万画素まで）。小さくしてからお試しください。",
  "too-small": `写真が小さすぎます。横${PHOTO_LIMITS.minWidth}×縦${PHOTO_LIMITS.minHeight}ピクセル以上の写真を選んでください。`,
};

/**
 * Checks an uploaded file by its bytes (never its name or declared type), turns it the right way
 * up, strips every piece of metadata (EXIF, GPS, camera, XMP), and encodes it as AVIF and WebP at
 * the widths it is shown in. The key is the hash of the upright pixels' encoding, so the same
 * photo uploaded twice is stored once.
 */
export async function processPhoto(bytes: Uint8Array): Promise<{ ok: true; photo: ProcessedPhoto } | { ok: false; reason: PhotoRefusal }> {
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  if (bytes.byteLength > PHOTO_LIMITS.maxBytes) return { ok: false, reason: "too-large" };
  const sharp = sharpModule();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, reason: "not-image" };
  }
  if (!meta.format || !ACCEPTED.has(meta.format) || !meta.width || !meta.height) return { ok: false, reason: "not-image" };
  if (meta.width * meta.height > PHOTO_LIMITS.maxPixels) return { ok: false, reason: "too-many-pixels" };
  const rotated = (meta.orientation ?? 1) >= 5;
  const width = rotated ? meta.height : meta.width;
  const height = rotated ? meta.width : meta.height;
  if (width < PHOTO_LIMITS.minWidth || height < PHOTO_LIMITS.minHeight) return { ok: false, reason: "too-small" };

  let upright: Buffer;
  try {
    // autoOrient applies the EXIF orientation; sharp writes no metadata unless asked to.
    upright = await sharp(bytes, { limitInputPixels: PHOTO_LIMITS.maxPixels, failOn: "error" }).autoOrient().png({ compressionLevel: 1 }).toBuffer();
  } catch {
    return { ok: false, reason: "not-image" };
  }
  const key = createHash("sha256").update(upright).digest("hex");
  const widths = PHOTO_WIDTHS.filter((w) => w <= width);
  if (widths.length === 0 || widths.at(-1)! < Math.min(width, PHOTO_WIDTHS.at(-1)!)) widths.push(Math.min(width, PHOTO_WIDTHS.at(-1)!) as never);
  const files: ProcessedPhoto["files"] = [];
  for (const w of widths) {
    const resized = sharp(upright).resize({ width: w, withoutEnlargement: true });
    files.push({ name: `${key}/${w}.avif`, body: await resized.clone().avif({ quality: 55, effort: 2 }).toBuffer(), contentType: "image/avif" });
    files.push({ name: `${key}/${w}.webp`, body: await resized.clone().webp({ quality: 78 }).toBuffer(), contentType: "image/webp" });
  }
  return { ok: true, photo: { key, width, height, widths: [...widths], files } };
}
