import { Link } from "@remix-run/react";
import { PREFECTURES, REGIONS } from "~/reference/prefectures";
import { TILE_COLUMNS, TILE_ROWS, TILES } from "~/reference/tile-map";

/** 「3」 on screen, 「3施設」 to a screen reader; 「なし」 for none. */
function Listings({ n }: { n: number }) {
  return (
    <span className="font-bold">
      {n > 0 ? n : "なし"}
      <span className="sr-only">{n > 0 ? "施設" : ""}</span>
    </span>
  );
}

/**
 * The 47 prefectures with their number of listings, each a link to its search. From a tablet
 * up, as tiles laid out like Japan (prefectures with none are hatched and labelled, not only
 * coloured); on a phone, where 12 tiles across would be too small to read or tap, as a compact
 * list by region. The link's text is its accessible name: 「東京都 3施設」.
 */
export function CoverageMap({ counts, title = "都道府県から探す" }: { counts: Record<string, number>; title?: string }) {
  const covered = PREFECTURES.filter((p) => (counts[p.code] ?? 0) > 0).length;
  return (
    <section aria-labelledby="coverage-title" className="mb-8">
      <h2 id="coverage-title" className="mb-1 text-lg font-bold">
        {title}
      </h2>
      <p className="mb-3 text-sm text-stone-700">掲載のある都道府県 {covered} / 47（すべての都道府県に1施設以上を目指しています）</p>
      <ol
        className="hidden max-w-xl gap-1 sm:grid"
        style={{ gridTemplateColumns: `repeat(${TILE_COLUMNS}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${TILE_ROWS}, minmax(0, auto))` }}
      >
        {PREFECTURES.map((p) => {
          const [x, y] = TILES[p.code]!;
          const n = counts[p.code] ?? 0;
          return (
            <li key={p.code} style={{ gridColumn: x + 1, gridRow: y + 1 }} data-testid={`tile-${p.code}`}>
              <Link
                to={`/search?prefecture=${p.code}`}
                className={`flex aspect-square flex-col items-center justify-center rounded text-center text-xs leading-tight no-underline ${
                  n > 0
                    ? "bg-brand-700 text-white hover:bg-brand-800 hover:text-white"
                    : "border border-dashed border-stone-400 bg-[repeating-linear-gradient(45deg,#f5f5f4,#f5f5f4_4px,#e7e5e4_4px,#e7e5e4_8px)] text-stone-700"
                }`}
              >
                <span className="whitespace-nowrap">
                  {p.name.replace(/[都府県]$/, "")}
                  <span className="sr-only">{p.name.match(/[都府県]$/)?.[0] ?? ""}</span>
                </span>{" "}
                <Listings n={n} />
              </Link>
            </li>
          );
        })}
      </ol>
      <div className="space-y-2 sm:hidden">
        {REGIONS.map((r) => (
          <div key={r.code}>
            <h3 className="text-sm font-semibold text-stone-700">{r.name}</h3>
            <ul className="grid grid-cols-3 gap-1">
              {PREFECTURES.filter((p) => p.regionCode === r.code).map((p) => {
                const n = counts[p.code] ?? 0;
                return (
                  <li key={p.code}>
                    <Link
                      to={`/search?prefecture=${p.code}`}
                      className={`flex min-h-11 items-center justify-between gap-1 rounded px-2 text-sm no-underline ${n > 0 ? "bg-brand-700 text-white hover:text-white" : "border border-dashed border-stone-400 text-stone-700"}`}
                    >
                      <span className="whitespace-nowrap">{p.name}</span>{" "}
                      <Listings n={n} />
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
