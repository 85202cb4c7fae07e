import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import type { ReactNode } from "react";
import { CoverageMap } from "~/components/coverage-map";
import { countSearchAppearances } from "~/facilities/figures.server";
import { publishedCountsByPrefecture } from "~/facilities/queries.server";
import { ACTIVITY_CATEGORIES } from "~/reference/activities";
import { DEPARTMENTS } from "~/reference/departments";
import { EMPLOYMENT_FORMS } from "~/reference/employment-forms";
import { PREFECTURES, REGIONS } from "~/reference/prefectures";
import { parseSearchParamsLeniently } from "~/server/search-params.server";
import type { SearchQuery } from "../../search/query";
import { LEARNING_SUPPORT, SORTS, toSearchParams } from "../../search/query-params";
import type { SearchHit } from "../../search/results";
import { describeChoices } from "../../search/describe";
import { searchFacilities } from "~/server/search.server";
import { FavouriteButton } from "~/components/favourite-button";
import { Photo } from "~/components/photo";
import { savedSlugs } from "~/physicians/favourites.server";
import { getUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [
  { title: "医療機関を探す｜GMネットワーク" },
  { name: "description", content: "総合医を目指す医師を受け入れる病院・診療所を、都道府県・診療科・指導体制などで探せます。" },
];

/** The public directory. Every choice lives in the URL, so a search can be bookmarked and shared. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = parseSearchParamsLeniently(url.searchParams);
  const [result, counts, user] = await Promise.all([searchFacilities(query), publishedCountsByPrefecture(), getUser(request)]);
  const physician = user?.role === "PHYSICIAN";
  countSearchAppearances(result.hits.map((h) => h.slug), request, user?.role);
  return {
    query,
    result,
    counts,
    viewer: user?.role ?? "ANONYMOUS",
    saved: physician ? await savedSlugs(user.id, result.hits.map((h) => h.slug)) : [],
    here: `${url.pathname}${url.search}`,
  };
}


/** The same search without one choice: for "remove" links and empty-result suggestions. */
function without(query: SearchQuery, key: keyof SearchQuery, value?: string) {
  const next = { ...query, page: 1 } as SearchQuery;
  const current = next[key];
  if (Array.isArray(current) && value !== undefined) (next as Record<string, unknown>)[key] = current.filter((v) => v !== value);
  else (next as Record<string, unknown>)[key] = key === "q" ? "" : undefined;
  return `/search?${toSearchParams(next)}`;
}

function activeChoices(q: SearchQuery) {
  return describeChoices(q).map((c) => ({ label: c.label, href: without(q, c.key, c.value) }));
}

function Count({ n }: { n: number | undefined }) {
  return <span className="ml-1 text-sm text-stone-600">({n ?? 0})</span>;
}

function Group({ title, children, open = false }: { title: string; children: ReactNode; open?: boolean }) {
  return (
    <details open={open} className="border-b border-stone-200 py-2">
      <summary className="cursor-pointer font-semibold">{title}</summary>
      <fieldset className="mt-2">
        <legend className="sr-only">{title}</legend>
        {children}
      </fieldset>
    </details>
  );
}

/**
 * One option with its count. An option that would find nothing stays in its place with (0),
 * disabled, so the list does not shift and shows what is not there; a chosen one never is.
 */
function Check({ name, value, checked, children, count }: { name: string; value: string; checked: boolean; children: ReactNode; count: number | undefined }) {
  const empty = !checked && !count;
  return (
    <label className={`flex items-start gap-2 py-0.5 ${empty ? "text-stone-500" : "cursor-pointer"}`}>
      <input type="checkbox" name={name} value={value} defaultChecked={checked} disabled={empty} className="mt-1.5 h-4 w-4 shrink-0" />
      <span>
        {children}
        <Count n={count} />
      </span>
    </label>
  );
}

function ResultCard({ hit, favourite }: { hit: SearchHit; favourite?: { saved: boolean; redirectTo: string } }) {
  const learning = [hit.learningTimeProtected && "学習時間の確保", hit.scheduleAdjustment && "勤務調整", hit.programSupport && "育成プログラム支援"].filter(Boolean) as string[];
  return (
    <li className={`rounded-lg border border-stone-200 bg-white p-4 ${hit.photo ? "sm:grid sm:grid-cols-[1fr_11rem] sm:gap-4" : ""}`}>
      {hit.photo ? (
        <div className="mb-3 sm:order-2 sm:mb-0">
          <Photo photo={hit.photo} sizes="(min-width: 640px) 11rem, 100vw" className="aspect-[4/3] w-full rounded object-cover" />
        </div>
      ) : null}
      <div>
        <p className="text-sm text-stone-600">
          {hit.prefectureName}
          {hit.city}・{hit.kind === "HOSPITAL" ? `病院${hit.bedCount ? `（${hit.bedCount}床）` : ""}` : "診療所"}
        </p>
        <h3 className="text-lg font-bold">
          <Link to={`/facilities/${hit.slug}`}>{hit.name}</Link>
        </h3>
        <ul className="my-2 flex flex-wrap gap-1 text-sm">
          {hit.supervisorAvailable ? <li className="rounded bg-emerald-100 px-2 py-0.5 text-emerald-900">指導医あり</li> : null}
          {hit.employmentFormCodes.map((c) => (
            <li key={c} className="rounded bg-sky-100 px-2 py-0.5 text-sky-900">
              {EMPLOYMENT_FORMS.find((f) => f.code === c)?.name}
            </li>
          ))}
          {learning.map((l) => (
            <li key={l} className="rounded bg-brand-50 px-2 py-0.5 text-brand-800">
              {l}
            </li>
          ))}
        </ul>
        <p className="mb-1 text-sm text-stone-700">診療科：{hit.departments.slice(0, 6).join("、")}{hit.departments.length > 6 ? " ほか" : ""}</p>
        <p className="text-sm">{hit.summary}</p>
        {favourite ? (
          <div className="mt-2">
            <FavouriteButton slug={hit.slug} saved={favourite.saved} redirectTo={favourite.redirectTo} name={hit.name} />
          </div>
        ) : null}
      </div>
    </li>
  );
}

export default function Search() {
  const { query: q, result, counts, viewer, saved, here } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const f = result.facets;
  const chips = activeChoices(q);
  const busy = navigation.state === "loading" && navigation.location.pathname === "/search";
  const pageHref = (page: number) => `/search?${toSearchParams({ ...q, page })}`;
  return (
    <div>
      <h1 className="mb-4 text-2xl font-bold">医療機関を探す</h1>
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <Form
          method="get"
          action="/search"
          id="search-form"
          role="search"
          aria-label="検索条件"
          // With JavaScript, ticking a box or choosing an option reloads the results in place
          // (without, the button does). The keyword box waits for Enter or the button: searching
          // on every keystroke would interrupt Japanese input (IME) mid-conversion.
          onChange={(e) => {
            if ((e.target as HTMLElement).getAttribute("type") === "search") return;
            submit(e.currentTarget, { preventScrollReset: true, replace: true });
          }}
          className="self-start rounded-lg border border-stone-200 bg-white p-4"
        >
          <label htmlFor="q" className="mb-1 block font-semibold">
            キーワード
          </label>
          <div className="mb-3 flex gap-2">
            <input id="q" name="q" type="search" defaultValue={q.q} placeholder="例: 在宅医療、名寄" maxLength={100} className="w-full min-w-0 rounded-md border border-stone-400 px-3 py-2" />
            <button type="submit" className="shrink-0 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              探す
            </button>
          </div>
          <Group title="地方・都道府県" open={q.prefecture.length > 0 || q.region.length > 0}>
            {REGIONS.map((r) => (
              <div key={r.code} className="mb-1">
                <Check name="region" value={r.code} checked={q.region.includes(r.code)} count={f.region[r.code]}>
                  <strong>{r.name}</strong>
                </Check>
                <div className="ml-6 grid grid-cols-2">
                  {PREFECTURES.filter((p) => p.regionCode === r.code).map((p) => (
                    <Check key={p.code} name="prefecture" value={p.code} checked={q.prefecture.includes(p.code)} count={f.prefecture[p.code]}>
                      {p.name}
                    </Check>
                  ))}
                </div>
              </div>
            ))}
          </Group>
          <Group title="診療科" open={q.department.length > 0}>
            <div className="grid grid-cols-1">
              {DEPARTMENTS.map((d) => (
                <Check key={d.code} name="department" value={d.code} checked={q.department.includes(d.code)} count={f.department[d.code]}>
                  {d.name}
                </Check>
              ))}
            </div>
          </Group>
          <Group title="種別・勤務形態" open={Boolean(q.kind) || q.employment.length > 0}>
            <label className="mb-2 block">
              <span className="sr-only">種別</span>
              <select name="kind" defaultValue={q.kind ?? ""} className="rounded-md border border-stone-400 px-2 py-1">
                <option value="">病院・診療所</option>
                <option value="HOSPITAL" disabled={!f.kind.HOSPITAL && q.kind !== "HOSPITAL"}>
                  病院のみ ({f.kind.HOSPITAL ?? 0})
                </option>
                <option value="CLINIC" disabled={!f.kind.CLINIC && q.kind !== "CLINIC"}>
                  診療所のみ ({f.kind.CLINIC ?? 0})
                </option>
              </select>
            </label>
            {EMPLOYMENT_FORMS.map((e) => (
              <Check key={e.code} name="employment" value={e.code} checked={q.employment.includes(e.code)} count={f.employment[e.code]}>
                {e.name}
              </Check>
            ))}
          </Group>
          <Group title="指導・学びの支援" open={Boolean(q.supervision) || q.learning.length > 0}>
            <Check name="supervision" value="1" checked={Boolean(q.supervision)} count={f.supervision.true}>
              指導医がいる
            </Check>
            {LEARNING_SUPPORT.map((l) => (
              <Check key={l.code} name="learning" value={l.code} checked={q.learning.includes(l.code)} count={f.learning[l.code]}>
                {l.label}
              </Check>
            ))}
          </Group>
          <Group title="実地研修で参加できる活動" open={q.activity.length > 0}>
            {ACTIVITY_CATEGORIES.map((c) => (
              <div key={c.code} className="mb-2">
                <p className="text-sm font-semibold text-stone-700">{c.name}</p>
                {c.activities.map((a) => (
                  <Check key={a.code} name="activity" value={a.code} checked={q.activity.includes(a.code)} count={f.activity[a.code]}>
                    {a.name}
                  </Check>
                ))}
              </div>
            ))}
          </Group>
          <label className="mt-3 block">
            <span className="mb-1 block font-semibold">並び順</span>
            <select name="sort" defaultValue={q.sort} className="rounded-md border border-stone-400 px-2 py-1">
              {SORTS.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="mt-4 w-full rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
            この条件で探す
          </button>
        </Form>

        <section aria-labelledby="results-title" aria-busy={busy}>
          <h2 id="results-title" className="mb-2 text-lg">
            <strong className="text-2xl">{result.total}</strong> 件の医療機関
          </h2>
          {result.engine === "fallback" ? (
            <p role="status" className="mb-3 rounded border border-stone-300 bg-stone-100 px-3 py-2 text-sm text-stone-700">
              ただいま簡易検索で表示しています。キーワードの一致が通常より大まかな場合があります。
            </p>
          ) : null}
          {chips.length ? (
            <ul className="mb-4 flex flex-wrap gap-2" aria-label="選んでいる条件">
              {chips.map((c) => (
                <li key={c.href + c.label}>
                  <Link to={c.href} className="inline-flex items-center gap-1 rounded-full border border-stone-400 bg-white px-3 py-1 text-sm no-underline" aria-label={`${c.label}の条件を外す`}>
                    {c.label} <span aria-hidden="true">×</span>
                  </Link>
                </li>
              ))}
              <li>
                <Link to="/search" className="text-sm">
                  条件をすべて外す
                </Link>
              </li>
            </ul>
          ) : null}
          {viewer === "PHYSICIAN" ? (
            <Form method="post" action="/physician/alerts" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
              <input type="hidden" name="query" value={toSearchParams({ ...q, page: 1, sort: "relevance" }).toString()} />
              <input type="hidden" name="intent" value="create" />
              <button type="submit" className="rounded-md border border-brand-700 bg-white px-3 py-1 text-brand-800 hover:bg-brand-50">
                この条件の新着をメールで受け取る
              </button>
              <span className="text-stone-600">新しく掲載された医療機関を、1日1回まとめてお知らせします。</span>
            </Form>
          ) : null}
          {result.total === 0 ? (
            <div className="rounded-lg border border-amber-300 bg-amber-50 p-4">
              <p className="mb-2 font-semibold">条件に合う医療機関が見つかりませんでした。</p>
              {chips.length ? (
                <>
                  <p className="mb-1">次の条件を外すと見つかるかもしれません：</p>
                  <ul className="list-disc pl-6">
                    {chips.map((c) => (
                      <li key={c.href + c.label}>
                        <Link to={c.href}>{c.label}を外す</Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {q.prefecture.length ? <p className="mt-2">近くの都道府県や、地方全体で探すこともできます。</p> : null}
            </div>
          ) : (
            <ol className="space-y-3">
              {result.hits.map((hit) => (
                <ResultCard key={hit.slug} hit={hit} favourite={viewer === "PHYSICIAN" ? { saved: saved.includes(hit.slug), redirectTo: here } : undefined} />
              ))}
            </ol>
          )}
          {result.totalPages > 1 ? (
            <nav aria-label="ページ" className="mt-6 flex flex-wrap items-center gap-3">
              {q.page > 1 ? <Link to={pageHref(q.page - 1)}>← 前のページ</Link> : null}
              <span>
                {q.page} / {Math.min(result.totalPages, 250)} ページ
              </span>
              {q.page < Math.min(result.totalPages, 250) ? <Link to={pageHref(q.page + 1)}>次のページ →</Link> : null}
            </nav>
          ) : null}
        </section>
      </div>
      {/* The map is a way in, not the search: below the results, and only before choosing. */}
      {chips.length === 0 ? (
        <div className="mt-10">
          <CoverageMap counts={counts} title="地図から都道府県を選ぶ" />
        </div>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
