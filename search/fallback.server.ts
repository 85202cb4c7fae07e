import { Prisma } from "../app/generated/prisma/client";
import { PREFECTURES } from "../app/reference/prefectures";
import { prisma } from "../app/utils/db.server";
import { LEARNING_SUPPORT, type SearchQuery } from "./query";
import { emptyFacets, toHit, type SearchResult } from "./results";

/**
 * The same search from PostgreSQL, for when Meilisearch cannot answer: the same filters and
 * facet counts, free text as a simple contains match (less precise than Meilisearch's Japanese
 * segmentation; the page says so).
 */
type Except = "place" | "department" | "kind" | "employment" | "activity" | "supervision" | null;

const TEXT_COLUMNS = ["name", "nameKana", "city", "stance", "hopes"] as const;

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function where(query: SearchQuery, except: Except) {
  const parts: Prisma.Sql[] = [Prisma.sql`f.status = 'PUBLISHED'`];
  if (except !== "place" && (query.prefecture.length || query.region.length)) {
    const codes = new Set(query.prefecture);
    for (const p of PREFECTURES) if (query.region.includes(p.regionCode)) codes.add(p.code);
    parts.push(Prisma.sql`p."prefectureCode" = ANY(${[...codes]}::text[])`);
  }
  if (except !== "department" && query.department.length) parts.push(Prisma.sql`p."departmentCodes" @> ${query.department}::text[]`);
  if (except !== "kind" && query.kind) parts.push(Prisma.sql`p.kind = ${query.kind}::"FacilityKind"`);
  if (except !== "employment" && query.employment.length) parts.push(Prisma.sql`p."employmentFormCodes" && ${query.employment}::text[]`);
  if (except !== "activity" && query.activity.length) parts.push(Prisma.sql`p."activityCodes" @> ${query.activity}::text[]`);
  if (except !== "supervision" && query.supervision) parts.push(Prisma.sql`p."supervisorAvailable" = true`);
  for (const l of LEARNING_SUPPORT) {
    if (query.learning.includes(l.code)) parts.push(Prisma.sql`p.${Prisma.raw(`"${l.field}"`)} = true`);
  }
  if (query.q) {
    const words = query.q.split(/[\s\u3000]+/).filter(Boolean).slice(0, 5);
    for (const word of words) {
      const pattern = `%${escapeLike(word)}%`;
      parts.push(Prisma.sql`(${Prisma.join(TEXT_COLUMNS.map((c) => Prisma.sql`p.${Prisma.raw(`"${c}"`)} ILIKE ${pattern}`), " OR ")})`);
    }
  }
  return Prisma.sql`FROM "Facility" f JOIN "FacilityProfile" p ON p."facilityId" = f.id AND p.stage = 'APPROVED' WHERE ${Prisma.join(parts, " AND ")}`;
}

function orderBy(query: SearchQuery) {
  if (query.sort === "kana") return Prisma.sql`ORDER BY p."nameKana" ASC, f.id`;
  if (query.sort === "newest" || !query.q) return Prisma.sql`ORDER BY f."publishedAt" DESC NULLS LAST, f.id`;
  const pattern = `%${escapeLike(query.q)}%`;
  return Prisma.sql`ORDER BY (p.name ILIKE ${pattern} OR p."nameKana" ILIKE ${pattern}) DESC, f."publishedAt" DESC NULLS LAST, f.id`;
}

type Row = {
  slug: string; name: string; nameKana: string; kind: string | null; bedCount: number | null; prefectureCode: string | null; city: string;
  departmentCodes: string[]; employmentFormCodes: string[]; supervisorAvailable: boolean | null; learningTimeProtected: boolean | null;
  scheduleAdjustment: boolean | null; programSupport: boolean | null; activityCodes: string[]; contentApprovedAt: Date | null; stance: string;
};

async function counts(sql: Prisma.Sql) {
  const rows = await prisma.$queryRaw<Array<{ k: string | boolean | null; n: bigint | number }>>(sql);
  const out: Record<string, number> = {};
  for (const r of rows) if (r.k !== null) out[String(r.k)] = Number(r.n);
  return out;
}

export async function fallbackSearch(query: SearchQuery): Promise<SearchResult> {
  const offset = (query.page - 1) * query.perPage;
  const [rows, total, prefecture, department, kind, employment, activity, supervision] = await Promise.all([
    prisma.$queryRaw<Row[]>`
      SELECT f.slug, p.name, p."nameKana", p.kind::text AS kind, p."bedCount", p."prefectureCode", p.city, p."departmentCodes",
             p."employmentFormCodes", p."supervisorAvailable", p."learningTimeProtected", p."scheduleAdjustment", p."programSupport",
             p."activityCodes", f."contentApprovedAt", left(p.stance, 100) AS stance
      ${where(query, null)} ${orderBy(query)} LIMIT ${query.perPage} OFFSET ${offset}`,
    prisma.$queryRaw<Array<{ n: bigint | number }>>`SELECT count(*) AS n ${where(query, null)}`,
    counts(Prisma.sql`SELECT p."prefectureCode" AS k, count(*) AS n ${where(query, "place")} GROUP BY 1`),
    counts(Prisma.sql`SELECT unnest(p."departmentCodes") AS k, count(*) AS n ${where(query, "department")} GROUP BY 1`),
    counts(Prisma.sql`SELECT p.kind::text AS k, count(*) AS n ${where(query, "kind")} GROUP BY 1`),
    counts(Prisma.sql`SELECT unnest(p."employmentFormCodes") AS k, count(*) AS n ${where(query, "employment")} GROUP BY 1`),
    counts(Prisma.sql`SELECT unnest(p."activityCodes") AS k, count(*) AS n ${where(query, "activity")} GROUP BY 1`),
    counts(Prisma.sql`SELECT p."supervisorAvailable" AS k, count(*) AS n ${where(query, "supervision")} GROUP BY 1`),
  ]);
  const facets = emptyFacets();
  facets.prefecture = prefecture;
  for (const p of PREFECTURES) {
    if (prefecture[p.code]) facets.region[p.regionCode] = (facets.region[p.regionCode] ?? 0) + prefecture[p.code]!;
  }
  Object.assign(facets, { department, kind, employment, activity, supervision: supervision.true ? { true: supervision.true } : {} });
  const count = Number(total[0]?.n ?? 0);
  return {
    hits: rows.map((r) => toHit(r)),
    total: count,
    page: query.page,
    perPage: query.perPage,
    totalPages: Math.ceil(count / query.perPage),
    facets,
    engine: "fallback",
  };
}
