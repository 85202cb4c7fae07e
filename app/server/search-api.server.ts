import { parseSearchParams } from "../../search/query";
import { countSearchAppearances, type Visit } from "~/facilities/figures.server";
import { searchFacilities } from "~/server/search.server";

/**
 * GET /api/search: the directory's search as JSON, with the same parameters as the search page.
 * Bad parameters answer 400 with a message in Japanese; the engine that answered is named.
 * http.server.ts answers it before Remix (no route matching, no Request/Response round trip:
 * the site's share of an uncached search, docs/decisions/0015); the Remix route
 * (routes/api.search.ts) gives the same answer in development and to tests calling loaders.
 */
export async function searchApiAnswer(params: URLSearchParams, visit: Visit): Promise<{ status: number; body: unknown }> {
  const parsed = parseSearchParams(params);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ parameter: i.path.join("."), message: i.message }));
    return { status: 400, body: { error: "検索条件が正しくありません", issues } };
  }
  const result = await searchFacilities(parsed.data);
  // The API answers anonymously (no session read): counted as an anonymous visit.
  countSearchAppearances(result.hits.map((h) => h.slug), visit, undefined);
  return {
    status: 200,
    body: {
      hits: result.hits.map((h) => ({
        slug: h.slug,
        name: h.name,
        nameKana: h.nameKana,
        kind: h.kind,
        prefectureCode: h.prefectureCode,
        city: h.city,
        departments: h.departmentCodes,
        employmentForms: h.employmentFormCodes,
        supervisorAvailable: h.supervisorAvailable,
        contentApprovedAt: h.contentApprovedAt,
        url: `/facilities/${h.slug}`,
      })),
      total: result.total,
      page: result.page,
      perPage: result.perPage,
      facets: result.facets,
      engine: result.engine,
    },
  };
}
