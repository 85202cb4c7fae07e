import { Link } from "@remix-run/react";
import { PREFECTURES } from "~/reference/prefectures";
import { TILE_COLUMNS, TILE_ROWS, TILES } from "~/reference/tile-map";

/**
 * The 47 prefectures as tiles, each with its number of listings and a link to its search.
 * Prefectures with none are hatched and labelled, not only coloured.
 */
export function CoverageMap({ counts }: { counts: Record<string, number> }) {
  const covered = PREFECTURES.filter((p) => (counts[p.code] ?? 0) > 0).length;
  return (
    <section aria-labelledby="coverage-title" className="mb-8">
      <h2 id="coverage-title" className="mb-1 text-lg font-bold">
        都道府県から探す
      </h2>
      <p className="mb-3 text-sm text-stone-700">
        掲載のある都道府県 {covered} / 47（すべての都道府県に1施設以上を目指しています）
      </p>
      <ol
        className="grid max-w-xl gap-1"
        style={{ gridTemplateColumns: `repeat(${TILE_COLUMNS}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${TILE_ROWS}, minmax(0, auto))` }}
      >
        {PREFECTURES.map((p) => {
          const [x, y] = TILES[p.code]!;
          const n = counts[p.code] ?? 0;
          return (
            <li key={p.code} style={{ gridColumn: x + 1, gridRow: y + 1 }} data-testid={`tile-${p.code}`}>
              <Link
                to={`/search?prefecture=${p.code}`}
                aria-label={`${p.name} ${n}施設`}
                className={`flex aspect-square flex-col items-center justify-center rounded text-center text-[0.65rem] leading-tight no-underline sm:text-xs ${
                  n > 0
                    ? "bg-brand-700 text-white hover:bg-brand-800 hover:text-white"
                    : "border border-dashed border-stone-400 bg-[repeating-linear-gradient(45deg,#f5f5f4,#f5f5f4_4px,#e7e5e4_4px,#e7e5e4_8px)] text-stone-600"
                }`}
              >
                <span>{p.name.replace(/[都府県]$/, "")}</span>
                <span className="font-bold">{n > 0 ? n : "なし"}</span>
              </Link>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
