import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "~/utils/env.server";
import { loadOnUse } from "~/utils/load-on-use.server";

// Only a deployment with S3_BUCKET loads the SDK (10 MB of memory otherwise spent for nothing).
const s3Module = loadOnUse<typeof import("@aws-sdk/client-s3")>("@aws-sdk/client-s3");

/**
 * Where photo files live, behind one small interface: a local directory by default, or any
 * S3-compatible bucket when S3_BUCKET is set (docs/decisions/0013-photographs.md). Keys are made
 * by the site only (see photoFileKey), never taken from a request as they are.
 */
export type PhotoStorage = {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
};

const KEY = /^[0-9a-f]{64}\/\d{2,4}\.(avif|webp)$/;

export function isPhotoFileKey(key: string) {
  return KEY.test(key);
}

function checked(key: string) {
  if (!KEY.test(key)) throw new Error(`Not a photo key: ${key}`);
  return key;
}

export function localPhotoStorage(dir: string): PhotoStorage {
  return {
    async put(key, body) {
      const file = path.join(dir, checked(key));
      await mkdir(path.dirname(file), { recursive: true });
      // Written whole, then renamed: a reader never sees half a file.
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, body);
      await rename(temporary, file);
    },
    async get(key) {
      try {
        return await readFile(path.join(dir, checked(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async remove(key) {
      await rm(path.join(dir, checked(key)), { force: true });
    },
  };
}

export function s3PhotoStorage(options: { bucket: string; region: string; endpoint?: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean }): PhotoStorage {
  const { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } = s3Module();
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    maxAttempts: 3,
    // Checksums only where S3 requires them: several S3-compatible stores refuse the newer
    // default ones.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return {
    async put(key, body, contentType) {
      await client.send(new PutObjectCommand({ Bucket: options.bucket, Key: checked(key), Body: body, ContentType: contentType, CacheControl: "public, max-age=31536000, immutable" }));
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: checked(key) }));
        return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : null;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: checked(key) }));
    },
  };
}

let storage: PhotoStorage | undefined;

export function photoStorage(): PhotoStorage {
  if (storage) return storage;
  const env = getEnv();
  storage = env.S3_BUCKET
    ? s3PhotoStorage({
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT,
        accessKeyId: env.S3_ACCESS_KEY_ID!,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      })
    : localPhotoStorage(env.PHOTO_DIR);
  return storage;
}

/** For tests: use this storage (or, with none, the one the environment says). */
export function setPhotoStorageForTests(next?: PhotoStorage) {
  storage = next;
}
