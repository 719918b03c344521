"use client";
// The SLO's live status on /slos/[id] (GET /api/slos/[id]/status, refetched every minute, or
// fixed at ?at= for a shareable look at the past): SLI vs objective, budget, burn rates,
// exactness, freshness and the PromQL sent, then the charts. A backend failure is shown in
// words with a retry; nothing here invents a number.
import { useSearchParams } from "next/navigation";
import { describeError } from "@/lib/client/http";
import { describeStatusError } from "@/lib/client/status/describe";
import { parseAt } from "@/lib/client/status/search-params";
import { useSloStatus } from "@/lib/client/status/status-query";
import type { SloDto } from "@/lib/schemas/slo";
import { Button } from "../ui/button";
import { Callout } from "../ui/callout";
import { Skeleton } from "../ui/skeleton";
import { AlertsPanel } from "./alerts-panel";
import { AsOf, AtControl } from "./status/at-control";
import { BurnRateTable } from "./status/burn-rate-table";
import { StatusCharts } from "./status/status-charts";
import { PromqlDetails, StatusSummary } from "./status/status-summary";

export function StatusPanel({ slo }: { slo: SloDto }) {
  const params = useSearchParams();
  const at = parseAt(params);
  const q = useSloStatus(slo.id, { at, version: slo.version });

  return (
    <>
      <section aria-labelledby="slo-status-title" className="rounded-lg border border-zinc-200 bg-white p-5">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 id="slo-status-title" className="text-sm font-semibold text-zinc-900">
              Status
            </h2>
            <p data-testid="as-of" className="mt-0.5 text-xs text-zinc-500">
              <AsOf at={at} evaluatedAt={q.data?.status.evaluatedAt} />
              {q.isFetching && !q.isPending ? " · updating…" : null}
            </p>
          </div>
          <AtControl key={at ?? "now"} at={at} />
        </div>
        <div className="mt-4">
          {q.isPending ? (
            <div role="status" aria-busy="true" className="space-y-3">
              <span className="sr-only">Loading status…</span>
              <div className="grid gap-3 md:grid-cols-3">
                <Skeleton className="h-28" />
                <Skeleton className="h-28" />
                <Skeleton className="h-28" />
              </div>
              <Skeleton className="h-48 w-full" />
            </div>
          ) : q.isError ? (
            <Callout
              title={describeStatusError(describeError(q.error))}
              action={
                <Button onClick={() => q.refetch()} disabled={q.isFetching}>
                  {q.isFetching ? "Retrying…" : "Try again"}
                </Button>
              }
            >
              {describeError(q.error).detail ? `${describeError(q.error).title}. ` : null}
              The SLO definition is fine; the numbers appear once its datasource answers. Check the datasource under Settings.
            </Callout>
          ) : (
            <div className="space-y-5">
              <StatusSummary data={q.data} past={at !== undefined} />
              <BurnRateTable data={q.data} slowRequests={{ sloId: slo.id, datasourceId: slo.datasourceId, at }} />
              <PromqlDetails source={q.data.source} />
            </div>
          )}
        </div>
        {/* Alert states come from their own request: a slow status does not hold them back. */}
        <div className="mt-5">
          <AlertsPanel slo={slo} at={at} />
        </div>
      </section>
      {/* Charts wait for the status: its resolved window sizes the burn-down and the "window" span. */}
      {q.isSuccess ? <StatusCharts sloId={slo.id} version={slo.version} at={at} windowSeconds={q.data.status.window.durationSeconds} objective={slo.objective} /> : null}
    </>
  );
}
