import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CoverageMap } from "~/components/coverage-map";
import { FormAlert } from "~/components/form-alert";
import { prefectureByCode, REGIONS } from "~/reference/prefectures";
import { publishedCountsByPrefecture } from "~/facilities/queries.server";

/** The top page: what the network is, and how many facilities are listed per region. */
export async function loader({ request }: LoaderFunctionArgs) {
  const counts = await publishedCountsByPrefecture();
  const perRegion = new Map<string, { facilities: number; prefectures: number }>();
  for (const [code, n] of Object.entries(counts)) {
    const region = prefectureByCode(code)?.regionCode ?? "";
    const entry = perRegion.get(region) ?? { facilities: 0, prefectures: 0 };
    entry.facilities += n;
    entry.prefectures += 1;
    perRegion.set(region, entry);
  }
  return {
    total: Object.values(counts).reduce((a, n) => a + n, 0),
    coveredPrefectures: Object.keys(counts).length,
    regions: REGIONS.map((r) => ({ name: r.name, ...(perRegion.get(r.code) ?? { facilities: 0, prefectures: 0 }) })),
    accountDeleted: new URL(request.url).searchParams.get("notice") === "account-deleted",
    counts,
  };
}

export default function Index() {
  const { total, coveredPrefectures, counts, accountDeleted } = useLoaderData<typeof loader>();
  return (
    <div>
      {accountDeleted ? <FormAlert tone="success">退会の手続きが完了し、アカウントを削除しました。ご利用ありがとうございました。</FormAlert> : null}
      <section className="mb-10 rounded-xl bg-brand-800 px-6 py-10 text-white">
        <p className="mb-2 text-sm tracking-wide text-brand-100">総合医リカレント実践事業（ReGeneral）「診療の場の提供」事業</p>
        <h1 className="mb-4 text-3xl leading-snug font-bold">
          総合医として、地域で
          <br className="sm:hidden" />
          働きながら学ぶ。
        </h1>
        <p className="mb-6 max-w-2xl text-brand-50">
          GMネットワークは、大学病院や大病院で経験を積んだ医師が、セカンドキャリアとして総合医を目指すための「診療の場」を探せるサイトです。
          受け入れに前向きな全国の病院・診療所が、支援体制や方針を掲載しています。
        </p>
        <div className="flex flex-wrap gap-3">
          <Link to="/search" className="rounded-md bg-white px-5 py-2.5 font-semibold text-brand-800 no-underline hover:bg-brand-50">
            医療機関を探す
          </Link>
          <Link to="/signup" className="rounded-md border border-white px-5 py-2.5 font-semibold text-white no-underline hover:bg-brand-700 hover:text-white">
            新規登録
          </Link>
          <Link to="/login" className="rounded-md border border-white px-5 py-2.5 font-semibold text-white no-underline hover:bg-brand-700 hover:text-white">
            ログイン
          </Link>
        </div>
      </section>

      <section className="mb-10">
        <h2 className="mb-2 text-xl font-bold">掲載中の医療機関</h2>
        <p className="mb-4 text-stone-700">
          現在 <strong className="text-2xl">{total}</strong> 施設（47都道府県のうち {coveredPrefectures} 都道府県）が掲載されています。{" "}
          <Link to="/search">条件を指定して探す →</Link>
        </p>
        <CoverageMap counts={counts} />
      </section>

      <section className="grid gap-6 sm:grid-cols-2">
        <div className="rounded-lg border border-stone-200 bg-white p-6">
          <h2 className="mb-2 text-lg font-bold">医師の方へ</h2>
          <p className="mb-3">都道府県や診療科、指導体制、学習時間の確保などの条件で医療機関を探し、研修や就職、見学について直接相談できます。登録・利用は無料です。</p>
          <p className="flex flex-wrap gap-4">
            <Link to="/search">医療機関を探す</Link>
            <Link to="/signup?as=physician">医師として登録する（無料）</Link>
          </p>
        </div>
        <div className="rounded-lg border border-stone-200 bg-white p-6">
          <h2 className="mb-2 text-lg font-bold">医療機関の方へ</h2>
          <p className="mb-3">病床規模や診療科を問わず、総合医を目指す医師を支援する体制のある病院・診療所が登録できます。登録料は1施設あたり年額3万円（税別）です。運営委員会の確認後に掲載されます。</p>
          <p className="flex flex-wrap gap-4">
            <Link to="/signup?as=facility">医療機関として登録する</Link>
            <Link to="/terms">登録の条件と規約</Link>
          </p>
        </div>
      </section>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
