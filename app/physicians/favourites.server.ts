import { prisma } from "~/utils/db.server";
import { placeOf, type ProfileContent } from "~/facilities/profile";

/** Saved facilities. Only published listings can be saved; a saved one that leaves stays listed as such. */

export async function saveFavourite(userId: string, slug: string) {
  const facility = await prisma.facility.findFirst({ where: { slug, status: "PUBLISHED" }, select: { id: true } });
  if (!facility) return false;
  const key = { userId, facilityId: facility.id };
  await prisma.favourite.upsert({ where: { userId_facilityId: key }, create: key, update: {} });
  return true;
}

export async function removeFavourite(userId: string, slug: string) {
  await prisma.favourite.deleteMany({ where: { userId, facility: { slug } } });
}

/** Which of these listings (by slug) the physician has saved. */
export async function savedSlugs(userId: string, slugs: string[]) {
  if (!slugs.length) return [];
  const rows = await prisma.favourite.findMany({ where: { userId, facility: { slug: { in: slugs } } }, select: { facility: { select: { slug: true } } } });
  return rows.map((r) => r.facility.slug);
}

export async function listFavourites(userId: string) {
  const rows = await prisma.favourite.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    include: { facility: { include: { profiles: { where: { stage: "APPROVED" } } } } },
  });
  return rows.map(({ facility, createdAt }) => {
    const p = facility.profiles[0] as unknown as ProfileContent | undefined;
    return {
      facilityId: facility.id,
      slug: facility.slug,
      listed: facility.status === "PUBLISHED",
      name: p?.name ?? "（名称未登録）",
      place: p ? placeOf(p) : "",
      savedAt: createdAt,
    };
  });
}
