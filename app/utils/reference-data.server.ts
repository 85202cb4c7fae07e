import { ACTIVITY_CATEGORIES } from "~/reference/activities";
import { DEPARTMENTS } from "~/reference/departments";
import { EMPLOYMENT_FORMS } from "~/reference/employment-forms";
import { PREFECTURES, REGIONS } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import { prisma } from "./db.server";

/**
 * Writes the reference lists of app/reference into their tables. Runs at every start-up and is
 * idempotent: the TypeScript modules are the source, the tables exist for foreign keys and joins.
 * Rows are only inserted or renamed, never deleted (facilities may point at them).
 */
export async function syncReferenceData() {
  await prisma.$transaction(async (tx) => {
    for (const [i, r] of REGIONS.entries()) {
      await tx.region.upsert({
        where: { code: r.code },
        create: { code: r.code, name: r.name, sortOrder: i },
        update: { name: r.name, sortOrder: i },
      });
    }
    for (const p of PREFECTURES) {
      await tx.prefecture.upsert({ where: { code: p.code }, create: p, update: p });
    }
    const simpleLists = [
      [SPECIALTIES, tx.specialty],
      [DEPARTMENTS, tx.department],
      [EMPLOYMENT_FORMS, tx.employmentForm],
    ] as const;
    for (const [list, table] of simpleLists) {
      for (const [i, row] of list.entries()) {
        const data = { code: row.code, name: row.name, sortOrder: i };
        await (table as typeof tx.specialty).upsert({ where: { code: row.code }, create: data, update: data });
      }
    }
    for (const [i, c] of ACTIVITY_CATEGORIES.entries()) {
      await tx.activityCategory.upsert({
        where: { code: c.code },
        create: { code: c.code, name: c.name, sortOrder: i },
        update: { name: c.name, sortOrder: i },
      });
      for (const [j, a] of c.activities.entries()) {
        const data = { code: a.code, categoryCode: c.code, name: a.name, sortOrder: j };
        await tx.activity.upsert({ where: { code: a.code }, create: data, update: data });
      }
    }
  }, { timeout: 60_000 });
}
