"use client";
// /dashboard's interactive body: every active SLO from one GET /api/overview (prefetched by the
// server page into the same query key, so it renders at once), searched, filtered, sorted and
// grouped from the URL (lib/client/overview/search-params.ts), summary tiles over what is shown,
// the virtualised table and a CSV of exactly those rows. URL changes go through
// history.replaceState: Next keeps useSearchParams in step without a server round trip, and the
// overview is not recomputed for a new sort order.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { describeError } from "@/lib/client/http";
import { csvFileName, overviewCsv } from "@/lib/client/overview/csv";
import { useOverview } from "@/lib/client/overview/query";
import { filterOptions, tableItems, visibleGroups } from "@/lib/client/overview/rows";
import { overviewSearchString, parseOverviewSearch, toggleSort, type OverviewSearch } from "@/lib/client/overview/search-params";
import { overviewTiles, tilesText } from "@/lib/client/overview/tiles";
import { formatUtcSeconds } from "@/lib/client/status/format";
import { GaugeIcon } from "../shell/icons";
import { Button, ButtonLink } from "../ui/button";
import { Callout } from "../ui/callout";
import { EmptyState } from "../ui/empty-state";
import { TableSkeleton } from "../ui/skeleton";
import { DashboardToolbar } from "./dashboard-toolbar";
import { OverviewNotes } from "./overview-notes";
import { OverviewTable } from "./overview-table";
import { OverviewTilesView, TilesSkeleton } from "./overview-tiles";
import { usePermissions } from "@/components/auth/permissions";

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  // After the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Dashboard() {
  const can = usePermissions();
  const pathname = usePathname();
  const params = useSearchParams();
  const search = useMemo(() => parseOverviewSearch(params), [params]);
  const overview = useOverview(search.at);
  const setSearch = useCallback((next: OverviewSearch) => window.history.replaceState(null, "", `${pathname}${overviewSearchString(next)}`), [pathname]);

  const slos = useMemo(() => overview.data?.slos ?? [], [overview.data]);
  const groups = useMemo(() => visibleGroups(slos, search), [slos, search]);
  const shown = useMemo(() => groups.flatMap((g) => g.slos), [groups]);
  const items = useMemo(() => tableItems(groups), [groups]);
  const tiles = useMemo(() => overviewTiles(shown), [shown]);
  const options = useMemo(() => filterOptions(slos, search.team), [slos, search.team]);

  if (overview.isPending)
    return (
      <div className="space-y-4">
        <TilesSkeleton />
        <TableSkeleton rows={8} cols={6} />
      </div>
    );
  if (overview.isError)
    return (
      <Callout title={`Could not load the overview: ${describeError(overview.error).title}`} action={<Button onClick={() => overview.refetch()}>Try again</Button>}>
        {describeError(overview.error).detail}
      </Callout>
    );
  if (slos.length === 0)
    return (
      <EmptyState icon={<GaugeIcon className="size-10" />} title="No active SLOs yet" action={can("slo.write") ? <ButtonLink href="/slos/new">Create an SLO</ButtonLink> : undefined}>
        The dashboard lists every active SLO with its error budget and burn rate. Drafts and archived SLOs are not shown.
      </EmptyState>
    );

  const filtered = search.q !== "" || search.team !== "" || search.service !== "";
  return (
    <div className="space-y-4">
      <OverviewTilesView tiles={tiles} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p data-testid="dashboard-summary" className="text-sm font-medium text-zinc-900" aria-live="polite">
            {tilesText(tiles)}
            {filtered ? ` shown of ${slos.length.toLocaleString("en-US")}` : ""}
          </p>
          <p className="mt-0.5 text-xs text-zinc-500" data-testid="dashboard-as-of">
            {search.at === undefined ? `Now (${formatUtcSeconds(overview.data.at)}), refreshed every minute` : `As of ${formatUtcSeconds(search.at)}`}
            {search.at !== undefined ? (
              <>
                {" · "}
                <button type="button" className="text-indigo-700 hover:underline" onClick={() => setSearch({ ...search, at: undefined })}>
                  back to now
                </button>
              </>
            ) : null}
          </p>
        </div>
        <Button onClick={() => download(csvFileName(overview.data.at), overviewCsv(shown))} disabled={shown.length === 0}>
          Export CSV
        </Button>
      </div>
      <DashboardToolbar search={search} options={options} onChange={setSearch} />
      <OverviewNotes warnings={overview.data.warnings} />
      {shown.length === 0 ? (
        <EmptyState title="No SLO matches" action={<Button onClick={() => setSearch({ ...search, q: "", team: "", service: "" })}>Clear search and filters</Button>}>
          Nothing among {slos.length.toLocaleString("en-US")} active SLOs matches this search and these filters.
        </EmptyState>
      ) : (
        <OverviewTable items={items} rowCount={shown.length} search={search} atSeconds={overview.data.at} onSort={(sort) => setSearch(toggleSort(search, sort))} />
      )}
    </div>
  );
}
