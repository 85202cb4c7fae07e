import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseSearchParams } from "../../search/query";
import { countSearchAppearances } from "~/facilities/figures.server";
import { searchFacilities } from "~/server/search.server";

/**
 * GET /api/search: the directory's search as JSON, with the same parameters as the search page.
 * Bad parameters answer 400 with a message in Japanese; the engine that answered is named.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ parameter: i.path.join("."), message: i.message }));
    return Response.json({ error: "検索条件が正しくありません", issues }, { status: 400 });
  }
  const result = await searchFacilities(parsed.data);
  // The API answers anonymously (no session read): counted as an anonymous visit.
  countSearchAppearances(result.hits.map((h) => h.slug), request, undefined);
  return Response.json(
    {
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
    { headers: { "Cache-Control": "no-store" } },
  );
}
