import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { fiscalYearOf } from "~/billing/fiscal-year";
import { localPhotoStorage, s3PhotoStorage, setPhotoStorageForTests } from "~/photos/storage.server";
import { PHOTO_REFUSAL_MESSAGE, processPhoto } from "~/photos/process.server";
import { loader as publicLoader } from "~/routes/facilities.$slug";
import { action as overviewAction } from "~/routes/facility.facilities.$facilityId._index";
import { action as photosAction, loader as photosLoader } from "~/routes/facility.facilities.$facilityId.photos";
import { loader as fileLoader } from "~/routes/photos.$";
import { action as reviewAction, loader as reviewLoader } from "~/routes/secretariat.facilities.$facilityId";
import { documentsFor } from "../../search/documents.server";
import { prisma } from "~/utils/db.server";
import type { FormFailure } from "~/utils/form.server";
import { startS3Fake } from "../fakes/s3";
import { createOperatorWithFacility, signedIn } from "../helpers/factories";
import { BASE, context, getRequest, postForm, responseOf, unwrap } from "../helpers/requests";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, context: context(), params });

afterEach(() => setPhotoStorageForTests(localPhotoStorage(mkdtempSync(path.join(tmpdir(), "gm-photos-")))));
setPhotoStorageForTests(localPhotoStorage(mkdtempSync(path.join(tmpdir(), "gm-photos-"))));

/** A photo as a phone takes it: JPEG, turned by EXIF orientation 6, with the camera and GPS position in EXIF. */
async function phonePhoto({ width = 1600, height = 1200, colour = { r: 40, g: 120, b: 90 } } = {}) {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .withExif({ IFD0: { Make: "TestPhone", Model: "GM-1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 41/1 30/1", GPSLongitudeRef: "E", GPSLongitude: "139/1 45/1 0/1" } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** The multipart post the upload form sends (a file named as the person's computer names it). */
function upload(facilityId: string, cookie: string, bytes: Buffer | Uint8Array, fields: Record<string, string>, filename = "IMG_0001.JPG") {
  const form = new FormData();
  form.set("intent", "upload");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("photo", new File([new Uint8Array(bytes)], filename, { type: "image/jpeg" }));
  const request = new Request(`${BASE}/facility/facilities/${facilityId}/photos`, { method: "POST", headers: { Cookie: cookie, Origin: BASE }, body: form });
  return photosAction(args(request, { facilityId }));
}

async function published() {
  const member = await signedIn("FACILITY_MEMBER", `photo-member-${Date.now()}@example.jp`);
  const office = await signedIn("SECRETARIAT");
  const { facility } = await createOperatorWithFacility(member.user.id);
  await responseOf(() => overviewAction(args(postForm(`/facility/facilities/${facility.id}`, { intent: "submit" }, { cookie: member.cookie }), { facilityId: facility.id })));
  const version = async () => String((await prisma.facility.findUniqueOrThrow({ where: { id: facility.id } })).version);
  const decide = async (decision: string) =>
    responseOf(() => reviewAction(args(postForm(`/secretariat/facilities/${facility.id}`, { intent: "decide", decision, version: "", comment: "", confirm: "on" }, { cookie: office.cookie }), { facilityId: facility.id })));
  const payment = { intent: "record-payment", fiscalYear: String(fiscalYearOf(new Date())), paidOn: new Date().toISOString().slice(0, 10), note: "振込", confirm: "on" };
  await responseOf(() => reviewAction(args(postForm(`/secretariat/facilities/${facility.id}`, payment, { cookie: office.cookie }), { facilityId: facility.id })));
  await responseOf(async () => reviewAction(args(postForm(`/secretariat/facilities/${facility.id}`, { intent: "decide", decision: "approve", version: await version(), comment: "", confirm: "on" }, { cookie: office.cookie }), { facilityId: facility.id })));
  expect((await prisma.facility.findUniqueOrThrow({ where: { id: facility.id } })).status).toBe("PUBLISHED");
  return { member, office, facility, version, decide };
}

async function file(key: string, cookie?: string) {
  return responseOf(() => fileLoader(args(getRequest(`/photos/${key}`, { cookie }), { "*": key })));
}

describe("processing an uploaded photo", () => {
  it("turns it upright, strips EXIF with the GPS position, and stores AVIF and WebP at each width", async () => {
    const result = await processPhoto(await phonePhoto());
    if (!result.ok) throw new Error(result.reason);
    const { photo } = result;
    expect([photo.width, photo.height]).toEqual([1200, 1600]); // orientation 6: portrait
    expect(photo.widths).toEqual([480, 960, 1200]);
    expect(photo.files.map((f) => f.name.split("/")[1])).toEqual(["480.avif", "480.webp", "960.avif", "960.webp", "1200.avif", "1200.webp"]);
    for (const f of photo.files) {
      const meta = await sharp(f.body).metadata();
      expect(meta.format).toBe(f.name.endsWith(".avif") ? "heif" : "webp");
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(meta.height! > meta.width!).toBe(true);
      expect(f.body.toString("latin1")).not.toContain("TestPhone");
    }
  });

  it("judges the file by its bytes, not its name, and refuses what it cannot take, in Japanese", async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#fff" } }).png().toBuffer();
    expect((await processPhoto(png)).ok).toBe(true);
    expect(await processPhoto(Buffer.from("<script>alert(1)</script> not a photo"))).toEqual({ ok: false, reason: "not-image" });
    expect(await processPhoto(Buffer.from("%PDF-1.7\n%âãÏÓ\n"))).toEqual({ ok: false, reason: "not-image" });
    expect(await processPhoto(new Uint8Array(0))).toEqual({ ok: false, reason: "empty" });
    expect(await processPhoto(new Uint8Array(10 * 1024 * 1024 + 1))).toEqual({ ok: false, reason: "too-large" });
    const tiny = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#000" } }).jpeg().toBuffer();
    expect(await processPhoto(tiny)).toEqual({ ok: false, reason: "too-small" });
    const huge = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: "#000" } }).png({ compressionLevel: 9 }).toBuffer();
    expect(await processPhoto(huge)).toEqual({ ok: false, reason: "too-many-pixels" });
    // A truncated JPEG: the header reads, the pixels do not.
    const whole = await phonePhoto();
    expect(await processPhoto(whole.subarray(0, Math.floor(whole.length / 3)))).toEqual({ ok: false, reason: "not-image" });
    for (const message of Object.values(PHOTO_REFUSAL_MESSAGE)) expect(message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  });
});

describe("a facility's photos", () => {
  it("are a revision: added to the draft, reviewed, then public on the page, the search card and with year-long caching", async () => {
    const { member, office, facility, version } = await published();
    const added = await responseOf(async () => upload(facility.id, member.cookie, await phonePhoto(), { alt: "外来の待合室。窓が大きく明るい", caption: "2024年に改装しました" }));
    expect(added.headers.get("Location")).toBe(`/facility/facilities/${facility.id}/photos?done=upload`);
    const [draft] = (await photosLoader(args(getRequest(`/facility/facilities/${facility.id}/photos`, { cookie: member.cookie }), { facilityId: facility.id }))).photos;
    expect(draft).toMatchObject({ alt: "外来の待合室。窓が大きく明るい", caption: "2024年に改装しました", width: 1200, height: 1600 });

    // Not public yet: the page shows the approved set (none), and the file is the members' only.
    const page = async () => (await publicLoader(args(getRequest(`/facilities/${facility.slug}`), { slug: facility.slug }))) as { photos: Array<{ key: string }> };
    expect((await page()).photos).toEqual([]);
    const key = `${draft!.key}/480.webp`;
    expect((await file(key)).status).toBe(404);
    const forMember = await file(key, member.cookie);
    expect(forMember.status).toBe(200);
    expect(forMember.headers.get("Cache-Control")).toBe("private, max-age=3600");
    expect((await file(key, office.cookie)).status).toBe(200);
    const stranger = await signedIn("FACILITY_MEMBER", "stranger@example.jp");
    expect((await file(key, stranger.cookie)).status).toBe(404);

    // Submitted as a revision; the secretariat sees the change, accepts it.
    await responseOf(() => overviewAction(args(postForm(`/facility/facilities/${facility.id}`, { intent: "submit" }, { cookie: member.cookie }), { facilityId: facility.id })));
    expect((await prisma.facility.findUniqueOrThrow({ where: { id: facility.id } })).revisionStatus).toBe("PENDING");
    const review = await reviewLoader(args(getRequest(`/secretariat/facilities/${facility.id}`, { cookie: office.cookie }), { facilityId: facility.id }));
    expect(review.diff?.find((r) => r.field === "photos")).toMatchObject({ before: "", after: "1枚：外来の待合室。窓が大きく明るい", changed: true });
    expect(review.photos).toHaveLength(1);
    await responseOf(async () =>
      reviewAction(args(postForm(`/secretariat/facilities/${facility.id}`, { intent: "decide", decision: "acceptRevision", version: await version(), comment: "", confirm: "on" }, { cookie: office.cookie }), { facilityId: facility.id })),
    );
    expect((await page()).photos.map((p) => p.key)).toEqual([draft!.key]);
    const shared = await file(key);
    expect(shared.status).toBe(200);
    expect(shared.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(shared.headers.get("Content-Type")).toBe("image/webp");
    expect((await sharp(Buffer.from(await shared.arrayBuffer())).metadata()).width).toBe(480);
    const { documents } = await documentsFor([facility.id]);
    expect(documents[0]!.photo).toMatchObject({ key: draft!.key, alt: "外来の待合室。窓が大きく明るい", widths: [480, 960, 1200] });
  });

  it("answers a cut-off upload with 400, not a server error", async () => {
    const { user, cookie } = await signedIn("FACILITY_MEMBER");
    const { facility } = await createOperatorWithFacility(user.id, { complete: false });
    const request = new Request(`${BASE}/facility/facilities/${facility.id}/photos`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: BASE, "Content-Type": "multipart/form-data; boundary=zzz" },
      body: '--zzz\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n\xff\xd8',
    });
    expect((await responseOf(() => photosAction(args(request, { facilityId: facility.id })))).status).toBe(400);
  });

  it("keeps what was typed when a file is refused, requires the description, and stops at eight", async () => {
    const { user, cookie } = await signedIn("FACILITY_MEMBER");
    const { facility } = await createOperatorWithFacility(user.id, { complete: false });
    const refused = unwrap<FormFailure>(await upload(facility.id, cookie, Buffer.from("GIF89a but not really"), { alt: "職員の集合写真", caption: "毎朝の申し送り" }, "staff.jpg"));
    expect(refused.status).toBe(400);
    expect(refused.data.formError).toContain(PHOTO_REFUSAL_MESSAGE["not-image"]);
    expect(refused.data.values).toMatchObject({ alt: "職員の集合写真", caption: "毎朝の申し送り" });
    const noAlt = unwrap<FormFailure>(await upload(facility.id, cookie, await phonePhoto(), { alt: "　", caption: "説明なし" }));
    expect(noAlt.status).toBe(400);
    expect(noAlt.data.fieldErrors.alt?.[0]).toBe("写真の説明を入力してください");
    expect(noAlt.data.values.caption).toBe("説明なし");
    for (let i = 0; i < 8; i++) {
      const ok = await responseOf(async () => upload(facility.id, cookie, await phonePhoto({ colour: { r: i * 30, g: 80, b: 80 } }), { alt: `写真${i + 1}`, caption: "" }));
      expect(ok.status).toBe(302);
    }
    const ninth = unwrap<FormFailure>(await upload(facility.id, cookie, await phonePhoto({ colour: { r: 1, g: 2, b: 3 } }), { alt: "9枚め", caption: "" }));
    expect(ninth.status).toBe(400);
    expect(ninth.data.formError).toContain("写真は8枚までです");
    expect(await prisma.facilityPhoto.count({ where: { facilityId: facility.id } })).toBe(8);
  });

  it("reorders and removes, only in the facility's own draft, and not while in review", async () => {
    const { user, cookie } = await signedIn("FACILITY_MEMBER");
    const { facility } = await createOperatorWithFacility(user.id);
    for (const [i, alt] of ["外観", "診察室", "職員"].entries()) await responseOf(async () => upload(facility.id, cookie, await phonePhoto({ colour: { r: 10 * i, g: 10, b: 10 } }), { alt, caption: "" }));
    const list = async () => (await photosLoader(args(getRequest(`/facility/facilities/${facility.id}/photos`, { cookie }), { facilityId: facility.id }))).photos;
    const post = (fields: Record<string, string>, who = cookie) => responseOf(() => photosAction(args(postForm(`/facility/facilities/${facility.id}/photos`, fields, { cookie: who }), { facilityId: facility.id })));
    const [first, second, third] = await list();
    await post({ intent: "up", photoId: third!.id });
    expect((await list()).map((p) => p.alt)).toEqual(["外観", "職員", "診察室"]);
    await post({ intent: "remove", photoId: first!.id });
    expect((await list()).map((p) => p.alt)).toEqual(["職員", "診察室"]);
    await post({ intent: "edit", photoId: second!.id, alt: "診察室。車椅子のまま入れます", caption: "" });
    expect((await list()).map((p) => p.alt)).toEqual(["職員", "診察室。車椅子のまま入れます"]);
    // Another operator's member cannot touch them (the facility is not theirs: 404).
    const other = await signedIn("FACILITY_MEMBER", "other-operator@example.jp");
    expect((await post({ intent: "remove", photoId: second!.id }, other.cookie)).status).toBe(404);
    // In review, nothing changes.
    await responseOf(() => overviewAction(args(postForm(`/facility/facilities/${facility.id}`, { intent: "submit" }, { cookie }), { facilityId: facility.id })));
    const locked = unwrap<FormFailure>(await photosAction(args(postForm(`/facility/facilities/${facility.id}/photos`, { intent: "remove", photoId: second!.id }, { cookie }), { facilityId: facility.id })));
    expect(locked.status).toBe(409);
    expect(await list()).toHaveLength(2);
  });

  it("stores through any S3-compatible store when one is configured (the AWS SDK against a fake)", async () => {
    const s3 = await startS3Fake();
    try {
      setPhotoStorageForTests(s3PhotoStorage({ bucket: s3.bucket, region: "ap-northeast-1", endpoint: s3.endpoint, accessKeyId: "test", secretAccessKey: "test-secret", forcePathStyle: true }));
      const { member, facility, version, office } = await published();
      await responseOf(async () => upload(facility.id, member.cookie, await phonePhoto(), { alt: "病院の外観", caption: "" }));
      expect([...s3.objects.keys()].sort()).toHaveLength(6);
      expect(s3.requests.every((r) => r.signed)).toBe(true);
      const stored = [...s3.objects.values()][0]!;
      expect(stored.cacheControl).toBe("public, max-age=31536000, immutable");
      await responseOf(() => overviewAction(args(postForm(`/facility/facilities/${facility.id}`, { intent: "submit" }, { cookie: member.cookie }), { facilityId: facility.id })));
      await responseOf(async () =>
        reviewAction(args(postForm(`/secretariat/facilities/${facility.id}`, { intent: "decide", decision: "acceptRevision", version: await version(), comment: "", confirm: "on" }, { cookie: office.cookie }), { facilityId: facility.id })),
      );
      const key = [...s3.objects.keys()].find((k) => k.endsWith("960.avif"))!;
      const served = await file(key);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).equals(s3.objects.get(key)!.body)).toBe(true);
      s3.objects.delete(key);
      expect((await file(key)).status).toBe(404); // gone from the store: a 404, not a 500
    } finally {
      await s3.stop();
    }
  });
});
