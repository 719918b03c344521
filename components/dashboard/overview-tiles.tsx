// The dashboard's summary tiles over the SLOs shown: at risk, exhausted, no data, unavailable
// and the total. Counts from lib/client/overview/tiles.ts; each tile says its number in words.
import type { OverviewTiles } from "@/lib/client/overview/tiles";
import { cx } from "../ui/cx";
import { Skeleton } from "../ui/skeleton";

type Tile = { key: string; label: string; value: number; note: string; tone: string };

function tilesOf(t: OverviewTiles): Tile[] {
  const n = (x: number) => x.toLocaleString("en-US");
  return [
    { key: "at-risk", label: "At risk", value: t.atRisk, note: t.paging ? `${n(t.paging)} of them burning fast enough to page` : "a tier burning, or < 25 % budget left", tone: t.atRisk ? "text-amber-800" : "text-zinc-900" },
    { key: "exhausted", label: "Exhausted", value: t.exhausted, note: t.exhaustedPaging ? `no budget left; ${n(t.exhaustedPaging)} still paging` : "no error budget left", tone: t.exhausted ? "text-red-800" : "text-zinc-900" },
    { key: "no-data", label: "No data", value: t.noData, note: "no requests in the window", tone: "text-zinc-900" },
    { key: "unavailable", label: "Unavailable", value: t.unavailable, note: "datasource did not answer", tone: t.unavailable ? "text-red-800" : "text-zinc-900" },
    { key: "total", label: "Total", value: t.total, note: t.recorded ? `${n(t.recorded)} from recorded series` : "active SLOs shown", tone: "text-zinc-900" },
  ];
}

export function OverviewTilesView({ tiles }: { tiles: OverviewTiles }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="dashboard-tiles">
      {tilesOf(tiles).map((t) => (
        <div key={t.key} data-testid={`tile-${t.key}`} className="rounded-lg border border-zinc-200 bg-white px-4 py-3">
          <dt className="text-xs font-medium text-zinc-600">{t.label}</dt>
          <dd className={cx("mt-0.5 text-2xl font-semibold tabular-nums", t.tone)}>{t.value.toLocaleString("en-US")}</dd>
          <dd className="mt-0.5 truncate text-xs text-zinc-500" title={t.note}>{t.note}</dd>
        </div>
      ))}
    </dl>
  );
}

export function TilesSkeleton() {
  return (
    <div role="status" aria-busy="true" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      <span className="sr-only">Loading the summary…</span>
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="rounded-lg border border-zinc-200 bg-white px-4 py-3">
          <Skeleton className="h-3 w-16" />
          <Skeleton className="mt-2 h-7 w-12" />
          <Skeleton className="mt-2 h-3 w-28" />
        </div>
      ))}
    </div>
  );
}
