import { ACTIVITY_CATEGORIES } from "~/reference/activities";
import { DEPARTMENTS } from "~/reference/departments";
import { EMPLOYMENT_FORMS } from "~/reference/employment-forms";
import { PREFECTURES, REGIONS } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "./db.server";

type Row = { code: string } & Record<string, string | number>;

/** The reference lists as rows of their tables, parents before children (foreign keys). */
function wantedRows() {
  const sorted = (list: ReadonlyArray<{ code: string; name: string }>) => list.map((r, i) => ({ code: r.code, name: r.name, sortOrder: i }));
  return {
    region: sorted(REGIONS),
    prefecture: PREFECTURES.map((p) => ({ code: p.code, name: p.name, nameKana: p.nameKana, regionCode: p.regionCode })),
    specialty: sorted(SPECIALTIES),
    department: sorted(DEPARTMENTS),
    employmentForm: sorted(EMPLOYMENT_FORMS),
    activityCategory: sorted(ACTIVITY_CATEGORIES),
    activity: ACTIVITY_CATEGORIES.flatMap((c) => c.activities.map((a, j) => ({ code: a.code, categoryCode: c.code, name: a.name, sortOrder: j }))),
  } satisfies Record<string, Row[]>;
}

type Table = keyof ReturnType<typeof wantedRows>;

/** The rows of `wanted` that the table lacks or holds with other values. */
function differing(wanted: Row[], stored: Row[]) {
  const byCode = new Map(stored.map((r) => [r.code, r]));
  return wanted.filter((w) => {
    const s = byCode.get(w.code);
    return !s || Object.keys(w).some((k) => s[k] !== w[k]);
  });
}

/**
 * Writes the reference lists of app/reference into their tables. Runs at every start-up and is
 * idempotent: the TypeScript modules are the source, the tables exist for foreign keys and joins.
 * Rows are only inserted or changed, never deleted (facilities may point at them). The tables are
 * read first and only the rows that differ are written: on a start where nothing changed this is
 * one query, not some 200 upserts (0.75 s of a 3 s start on the embedded database).
 */
export async function syncReferenceData() {
  const wanted = wantedRows();
  const tables = Object.keys(wanted) as Table[];
  // One query reads all seven tables (each row as JSON, named by its model): seven Prisma queries
  // of new shapes cost some 0.25 s on the embedded database at start-up.
  const reads = tables.map((t) => Prisma.sql`SELECT ${t} AS "table", to_jsonb(x) AS row FROM ${Prisma.raw(`"${t[0]!.toUpperCase()}${t.slice(1)}"`)} x`);
  const stored = await prisma.$queryRaw<Array<{ table: Table; row: Row }>>`${Prisma.join(reads, " UNION ALL ")}`;
  const changes = tables.map((t) => [t, differing(wanted[t], stored.filter((s) => s.table === t).map((s) => s.row))] as const).filter(([, rows]) => rows.length);
  if (!changes.length) return { written: 0 };
  await prisma.$transaction(
    async (tx) => {
      for (const [table, rows] of changes) {
        const writer = tx[table] as unknown as { upsert(args: { where: { code: string }; create: Row; update: Row }): Promise<unknown> };
        for (const row of rows) await writer.upsert({ where: { code: row.code }, create: row, update: row });
      }
    },
    { timeout: 60_000 },
  );
  return { written: changes.reduce((n, [, rows]) => n + rows.length, 0) };
}
