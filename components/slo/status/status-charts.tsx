"use client";
// The SLO's charts: per-step SLI over a chosen span (?range= in the URL) and the error budget
// burn-down across the window. Each loads, fails and retries on its own.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { BurnDownChart, SliChart } from "@/components/charts/lazy";
import { describeError } from "@/lib/client/http";
import { burnDownChartPoints, chartStepFor, sliChartPoints } from "@/lib/client/status/chart";
import { describeStatusError } from "@/lib/client/status/describe";
import { CHART_RANGES, chartRangeLabel, rangeSeconds, withParams, type ChartRange } from "@/lib/client/status/search-params";
import { useSloStatus } from "@/lib/client/status/status-query";
import { useSloTimeseries } from "@/lib/client/status/timeseries-query";
import { Button } from "../../ui/button";
import { Callout } from "../../ui/callout";
import { selectClass } from "../../ui/field";
import { Skeleton } from "../../ui/skeleton";

function ChartCard({ title, description, controls, children }: { title: string; description: string; controls?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-zinc-200 bg-white p-5" aria-label={title}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
          <p className="mt-0.5 text-xs text-zinc-500">{description}</p>
        </div>
        {controls}
      </div>
      <div className="mt-3">{children}</div>
    </section>
  );
}

function ChartState({ pending, error, retry, empty }: { pending: boolean; error: unknown; retry: () => void; empty: boolean }) {
  if (pending)
    return (
      <div role="status" aria-busy="true">
        <span className="sr-only">Loading chart…</span>
        <Skeleton className="h-52 w-full" />
      </div>
    );
  if (error)
    return (
      <Callout title={describeStatusError(describeError(error))} action={<Button onClick={retry}>Try again</Button>}>
        The chart could not be loaded.
      </Callout>
    );
  if (empty) return <p className="py-10 text-center text-sm text-zinc-500">No requests in this span, so there is nothing to draw.</p>;
  return null;
}

export function StatusCharts({ sloId, version, at, windowSeconds, objective }: { sloId: string; version: number; at: number | undefined; windowSeconds: number; objective: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const range = (CHART_RANGES as readonly string[]).includes(params.get("range") ?? "") ? (params.get("range") as ChartRange) : "24h";
  const span = rangeSeconds(range, windowSeconds);
  const ts = useSloTimeseries(sloId, { at, version, spanSeconds: span, stepSeconds: chartStepFor(span) });
  const step = chartStepFor(windowSeconds);
  const bd = useSloStatus(sloId, { at, version, burnDownStep: step });

  const sliPoints = ts.data ? sliChartPoints(ts.data) : [];
  const bdPoints = bd.data?.burnDown ? burnDownChartPoints(bd.data.burnDown) : [];

  return (
    <div className="grid gap-5">
      <ChartCard
        title="SLI over time"
        description="Share of requests within the threshold in each step; gaps are steps without requests."
        controls={
          <label className="flex items-center gap-2 text-xs font-medium text-zinc-600">
            Span
            <select
              aria-label="Chart span"
              value={range}
              onChange={(e) => router.replace(`${pathname}${withParams(params.toString(), { range: e.target.value === "24h" ? undefined : e.target.value })}`, { scroll: false })}
              className={selectClass(false, "w-44 py-1")}
            >
              {CHART_RANGES.map((r) => (
                <option key={r} value={r}>
                  {chartRangeLabel[r]}
                </option>
              ))}
            </select>
          </label>
        }
      >
        <ChartState pending={ts.isPending} error={ts.isError ? ts.error : null} retry={() => ts.refetch()} empty={ts.isSuccess && sliPoints.every((p) => p.sliPercent === null)} />
        {ts.isSuccess && sliPoints.some((p) => p.sliPercent !== null) ? (
          <SliChart points={sliPoints} objective={objective} spanSeconds={span} stepSeconds={ts.data.stepSeconds} />
        ) : null}
        {/* The server says in words what is approximate (e.g. a threshold between bucket boundaries: lower bounds). */}
        {ts.isSuccess && ts.data.warnings.length > 0 ? (
          <ul className="mt-2 space-y-0.5 text-xs text-zinc-600">
            {ts.data.warnings.map((w, i) => (
              <li key={i}>{w.charAt(0).toUpperCase() + w.slice(1)}.</li>
            ))}
          </ul>
        ) : null}
      </ChartCard>
      <ChartCard title="Error budget burn-down" description={`Budget remaining across the window, every ${Math.round(step / 60).toLocaleString("en-US")} min; below 0 the budget is overspent.`}>
        <ChartState pending={bd.isPending} error={bd.isError ? bd.error : null} retry={() => bd.refetch()} empty={bd.isSuccess && bdPoints.every((p) => p.remainingPercent === null)} />
        {bd.isSuccess && bdPoints.some((p) => p.remainingPercent !== null) ? <BurnDownChart points={bdPoints} spanSeconds={windowSeconds} /> : null}
      </ChartCard>
    </div>
  );
}
