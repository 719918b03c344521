"use client";
// /dashboard: every active SLO in one table for people who own the budgets. The catalogue comes
// first, then each SLO's status, at most six at a time (each status is several Prometheus
// queries). Rows show up as their status arrives; an SLO whose backend fails stays listed as
// unavailable. ?team= filters, ?at= evaluates everything as of one moment.
import { useQueries } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { countFiring, firingText } from "@/lib/client/alerts/dashboard-firing";
import { describeError } from "@/lib/client/http";
import { dashboardRow, sortRows, summarize, summaryText, teamsOf, type StatusResult } from "@/lib/client/status/dashboard";
import { createLimiter } from "@/lib/client/status/limit";
import { parseAt, parseTeam, withParams } from "@/lib/client/status/search-params";
import { fetchSloStatus, sloStatusQueryOptions } from "@/lib/client/status/status-query";
import { useSlos } from "@/lib/client/slos/list";
import { formatUtcSeconds } from "@/lib/client/status/format";
import { GaugeIcon } from "../shell/icons";
import { Button, ButtonLink } from "../ui/button";
import { Callout } from "../ui/callout";
import { EmptyState } from "../ui/empty-state";
import { selectClass } from "../ui/field";
import { TableSkeleton } from "../ui/skeleton";
import { cx } from "../ui/cx";
import { DashboardTable } from "./dashboard-table";

const CONCURRENCY = 6;
// The catalogue API's page limit; a dashboard with more active SLOs says so.
const MAX_SLOS = 200;

export function Dashboard() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const at = parseAt(params);
  const team = parseTeam(params);
  const [limit] = useState(() => createLimiter(CONCURRENCY));

  const catalogue = useSlos({ status: "active", limit: MAX_SLOS });
  const all = useMemo(() => catalogue.data?.items ?? [], [catalogue.data]);
  const shown = useMemo(() => (team ? all.filter((s) => s.team === team) : all), [all, team]);

  const statuses = useQueries({
    queries: shown.map((s) => ({
      ...sloStatusQueryOptions(s.id, { at, version: s.version }),
      queryFn: ({ signal }: { signal: AbortSignal }) => limit(() => fetchSloStatus(s.id, { at }, signal)),
      retry: 1,
    })),
  });

  const results = shown.map((_, i): StatusResult => {
    const q = statuses[i];
    return q?.isSuccess ? { state: "success", data: q.data } : q?.isError ? { state: "error", ...describeError(q.error) } : { state: "pending" };
  });
  const rows = sortRows(shown.map((s, i) => dashboardRow(s, results[i])));
  const summary = summarize(rows);
  // From the statuses above, not one alerts request per SLO (lib/client/alerts/dashboard-firing.ts).
  const firing = countFiring(shown.map((s, i) => ({ alerting: s.alerting, result: results[i] })));
  const setTeam = (t: string) => router.replace(`${pathname}${withParams(params.toString(), { team: t })}`, { scroll: false });

  if (catalogue.isPending) return <TableSkeleton rows={5} cols={6} />;
  if (catalogue.isError)
    return (
      <Callout title={`Could not load the SLO catalogue: ${describeError(catalogue.error).title}`} action={<Button onClick={() => catalogue.refetch()}>Try again</Button>}>
        {describeError(catalogue.error).detail}
      </Callout>
    );
  if (all.length === 0)
    return (
      <EmptyState icon={<GaugeIcon className="size-10" />} title="No active SLOs yet" action={<ButtonLink href="/slos/new">Create an SLO</ButtonLink>}>
        The dashboard lists every active SLO with its error budget and burn rate. Drafts and archived SLOs are not shown.
      </EmptyState>
    );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p data-testid="dashboard-summary" className="text-base font-medium text-zinc-900" aria-live="polite">
            {summaryText(summary)}
          </p>
          <p
            data-testid="dashboard-firing"
            className={cx("mt-0.5 text-sm", firing.page ? "font-medium text-red-800" : firing.ticket ? "font-medium text-amber-800" : "text-zinc-600")}
            title="From each SLO's burn rates as Sightline reads them, tiers switched off left out; the backend's alerts follow after their rule's evaluation and `for`."
          >
            {firingText(firing)}
          </p>
          <p className="mt-0.5 text-xs text-zinc-500">
            {at === undefined ? "Now, refreshed every minute" : `As of ${formatUtcSeconds(at)}`} · worst error budget first
            {at !== undefined ? (
              <>
                {" · "}
                <button type="button" className="text-indigo-700 hover:underline" onClick={() => router.replace(`${pathname}${withParams(params.toString(), { at: undefined })}`)}>
                  back to now
                </button>
              </>
            ) : null}
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm font-medium text-zinc-700">
          Team
          <select aria-label="Filter by team" value={team} onChange={(e) => setTeam(e.target.value)} className={selectClass(false, "w-48")}>
            <option value="">All teams</option>
            {teamsOf(all).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
            {team && !teamsOf(all).includes(team) ? <option value={team}>{team}</option> : null}
          </select>
        </label>
      </div>
      {catalogue.data.total > all.length ? (
        <Callout tone="info" title={`Showing the first ${all.length} of ${catalogue.data.total} active SLOs`}>
          Filter by team to see the others.
        </Callout>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState title={`No active SLOs for team “${team}”`} action={<Button onClick={() => setTeam("")}>Show all teams</Button>} />
      ) : (
        <DashboardTable rows={rows} at={at} />
      )}
    </div>
  );
}
