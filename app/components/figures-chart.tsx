import type { MonthFigures } from "~/facilities/figures.server";

type Props = { months: MonthFigures[]; total: { views: number; appearances: number; favourites: number; inquiries: number; replies: number }; favouritesNow: number };

/**
 * A facility's figures: page views per month as a small bar chart (drawn as SVG, no script),
 * then every figure per month in a table, which is what a screen reader reads.
 */
export function FiguresSection({ months, total, favouritesNow }: Props) {
  const max = Math.max(1, ...months.map((m) => m.views));
  const width = 36;
  const height = 120;
  return (
    <section aria-labelledby="figures" className="mb-6 rounded-lg border border-stone-200 bg-white p-6">
      <h2 id="figures" className="mb-1 text-lg font-bold">
        この医療機関の数字（直近12か月）
      </h2>
      <p className="mb-4 text-sm text-stone-700">
        公開ページの閲覧数はサーバーで数えています（検索エンジンなどの自動アクセスと、医療機関・事務局の閲覧は数えません。閲覧した人を追跡するCookieは使いません）。
      </p>
      <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-5">
        {(
          [
            ["公開ページの閲覧", total.views],
            ["検索結果への表示", total.appearances],
            ["お気に入り（現在）", favouritesNow],
            ["相談の開始", total.inquiries],
            ["相談への返信", total.replies],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded-md bg-stone-50 p-3">
            <dt className="text-sm text-stone-700">{label}</dt>
            <dd className="text-xl font-bold" data-testid={`figure-${label}`}>
              {value.toLocaleString("ja-JP")}
            </dd>
          </div>
        ))}
      </dl>
      <svg viewBox={`0 0 ${months.length * width} ${height + 20}`} className="mb-4 h-40 w-full max-w-xl" aria-hidden="true">
        {months.map((m, i) => {
          const h = Math.round((m.views / max) * height);
          return (
            <g key={m.month}>
              <rect x={i * width + 6} y={height - h} width={width - 12} height={h} className="fill-brand-600" />
              <text x={i * width + width / 2} y={height + 14} textAnchor="middle" fontSize="10" className="fill-stone-700">
                {m.label}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-right text-sm">
          <caption className="mb-1 text-left font-semibold">月ごとの数字</caption>
          <thead>
            <tr className="border-b-2 border-stone-300">
              <th className="p-1.5 text-left">月</th>
              <th className="p-1.5">閲覧</th>
              <th className="p-1.5">検索結果への表示</th>
              <th className="p-1.5">お気に入り追加</th>
              <th className="p-1.5">相談の開始</th>
              <th className="p-1.5">返信</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month} className="border-b border-stone-200">
                <th scope="row" className="p-1.5 text-left font-normal">
                  {m.month.slice(0, 4)}年{m.label}
                </th>
                <td className="p-1.5">{m.views.toLocaleString("ja-JP")}</td>
                <td className="p-1.5">{m.appearances.toLocaleString("ja-JP")}</td>
                <td className="p-1.5">{m.favourites}</td>
                <td className="p-1.5">{m.inquiries}</td>
                <td className="p-1.5">{m.replies}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
