import { Prisma } from "../app/generated/prisma/client";
import { PREFECTURES } from "../app/reference/prefectures";
import { prisma } from "../app/utils/db.server";
import { LEARNING_SUPPORT, type SearchQuery } from "./query";
import { cachedParts, type Part } from "./cache.server";
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

type FacetKey = "prefecture" | "department" | "kind" | "employment" | "activity" | "supervision";

/** One facet's counts over the matching rows `m` of a CTE. */
const FACET_SQL: Record<FacetKey, Prisma.Sql> = {
  prefecture: Prisma.sql`SELECT 'prefecture' AS f, m."prefectureCode" AS k, count(*) AS n FROM m GROUP BY 2`,
  department: Prisma.sql`SELECT 'department' AS f, d AS k, count(*) AS n FROM m, unnest(m."departmentCodes") AS d GROUP BY 2`,
  kind: Prisma.sql`SELECT 'kind' AS f, m.kind::text AS k, count(*) AS n FROM m GROUP BY 2`,
  employment: Prisma.sql`SELECT 'employment' AS f, e AS k, count(*) AS n FROM m, unnest(m."employmentFormCodes") AS e GROUP BY 2`,
  activity: Prisma.sql`SELECT 'activity' AS f, a AS k, count(*) AS n FROM m, unnest(m."activityCodes") AS a GROUP BY 2`,
  supervision: Prisma.sql`SELECT 'supervision' AS f, 'true' AS k, count(*) AS n FROM m WHERE m."supervisorAvailable" GROUP BY 2`,
};

const EXCEPT_OF: Record<FacetKey, Except> = {
  prefecture: "place",
  department: "department",
  kind: "kind",
  employment: "employment",
  activity: "activity",
  supervision: "supervision",
};

/** Counts for several facets (and optionally the total) in one scan of the matching rows. */
async function facetCounts(query: SearchQuery, except: Except, facets: FacetKey[], withTotal: boolean) {
  const parts = facets.map((f) => FACET_SQL[f]);
  if (withTotal) parts.push(Prisma.sql`SELECT 'total' AS f, '' AS k, count(*) AS n FROM m`);
  if (parts.length === 0) return [];
  return prisma.$queryRaw<Array<{ f: string; k: string | null; n: bigint | number }>>`
    WITH m AS (SELECT p."prefectureCode", p.kind, p."departmentCodes", p."employmentFormCodes", p."activityCodes", p."supervisorAvailable" ${where(query, except)})
    ${Prisma.join(parts, " UNION ALL ")}`;
}

/** What a count depends on: the text and the filters, less the facet's own selection. */
function countKey(query: SearchQuery, except: Except) {
  const { q, prefecture, region, department, kind, employment, activity, supervision, learning } = query;
  const key = { q, prefecture, region, department, kind, employment, activity, supervision, learning };
  if (except === "place") {
    key.prefecture = [];
    key.region = [];
  } else if (except === "supervision") key.supervision = undefined;
  else if (except === "kind") key.kind = undefined;
  else if (except) key[except] = [];
  return key;
}

function isSelected(query: SearchQuery, facet: FacetKey) {
  switch (facet) {
    case "prefecture":
      return query.prefecture.length > 0 || query.region.length > 0;
    case "department":
      return query.department.length > 0;
    case "kind":
      return Boolean(query.kind);
    case "employment":
      return query.employment.length > 0;
    case "activity":
      return query.activity.length > 0;
    case "supervision":
      return Boolean(query.supervision);
  }
}

export async function fallbackSearch(query: SearchQuery): Promise<SearchResult> {
  const offset = (query.page - 1) * query.perPage;
  const all = Object.keys(FACET_SQL) as FacetKey[];
  const selected = all.filter((f) => isSelected(query, f));
  const plain = all.filter((f) => !selected.includes(f));
  // Unselected facets share the main filter (one scan, with the total); a selected facet is
  // counted without its own selection, like the Meilisearch search does. Counts do not depend on
  // the page or the sort and are shared between searches (cache.server.ts).
  type Counts = { rows: Awaited<ReturnType<typeof facetCounts>> };
  const countParts: Part<[Except, FacetKey[], boolean]>[] = [
    [null, plain, true] as [Except, FacetKey[], boolean],
    ...selected.map((f) => [EXCEPT_OF[f], [f], false] as [Except, FacetKey[], boolean]),
  ].map((args) => ({ key: JSON.stringify(["fallback", countKey(query, args[0]), args]), query: args }));
  const [rows, counts] = await Promise.all([
    prisma.$queryRaw<Row[]>`
      SELECT f.slug, p.name, p."nameKana", p.kind::text AS kind, p."bedCount", p."prefectureCode", p.city, p."departmentCodes",
             p."employmentFormCodes", p."supervisorAvailable", p."learningTimeProtected", p."scheduleAdjustment", p."programSupport",
             p."activityCodes", f."contentApprovedAt", left(p.stance, 100) AS stance
      ${where(query, null)} ${orderBy(query)} LIMIT ${query.perPage} OFFSET ${offset}`,
    cachedParts<[Except, FacetKey[], boolean], Counts>(countParts, "fallback", (list) =>
      Promise.all(list.map(async ([except, facets, withTotal]) => ({ rows: await facetCounts(query, except, facets, withTotal) }))),
    ),
  ]);
  const [main = [], ...others] = counts.map((c) => c.rows);
  const facets = emptyFacets();
  let total = 0;
  for (const r of [...main, ...others.flat()]) {
    if (r.f === "total") total = Number(r.n);
    else if (r.k !== null) (facets[r.f as FacetKey] as Record<string, number>)[r.k] = Number(r.n);
  }
  for (const p of PREFECTURES) {
    const n = facets.prefecture[p.code];
    if (n) facets.region[p.regionCode] = (facets.region[p.regionCode] ?? 0) + n;
  }
  return {
    hits: rows.map((r) => toHit(r)),
    total,
    page: query.page,
    perPage: query.perPage,
    totalPages: Math.ceil(total / query.perPage),
    facets,
    engine: "fallback",
  };
}
