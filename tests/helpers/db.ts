import { prisma } from "~/utils/db.server";

/** Reference tables survive; everything else is emptied between tests. */
const KEEP = new Set(["_prisma_migrations", "Region", "Prefecture", "Specialty", "Department", "ActivityCategory", "Activity", "EmploymentForm"]);

export async function resetDatabase() {
  const tables = await prisma.$queryRaw<Array<{ tablename: string }>>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`;
  const names = tables.map((t) => t.tablename).filter((t) => !KEEP.has(t));
  if (names.length) await prisma.$executeRawUnsafe(`TRUNCATE ${names.map((n) => `"${n}"`).join(", ")} RESTART IDENTITY CASCADE`);
}
