"use client";
// What the selection did over the baseline: request rate and bucket-resolution p50/p90/p99 over
// time (brush either to exclude a period), the latency distribution at real boundaries, and daily
// compliance at a candidate threshold against a candidate objective.
import { COMMON_OBJECTIVES } from "@/lib/schemas/values";
import { formatDateRange, formatMs, formatObjective, formatUtcRange } from "@/lib/slo/format";
import { describeError } from "@/lib/client/http";
import { formatRps, formatUtcSeconds } from "@/lib/client/status/format";
import { dailyCompliance, defaultCandidate, distributionRows, historyChartPoints } from "@/lib/client/wizard-history";
import { snapRange } from "@/lib/client/wizard-map";
import { addExclusion, BASELINE_DAYS } from "@/lib/client/wizard-state";
import { suggestWarningText } from "@/lib/client/wizard-warnings";
import { ChartLegend } from "../../charts/chart-legend";
import { BrushableTimeChart, DailyComplianceChart, LatencyDistributionChart } from "../../charts/lazy";
import { Button } from "../../ui/button";
import { Callout } from "../../ui/callout";
import { selectClass } from "../../ui/field";
import { Skeleton } from "../../ui/skeleton";
import { Exclusions } from "./exclusions";
import { useWizardSuggest } from "./use-wizard-suggest";
import type { StepProps } from "./wizard";

const DAY = 86_400;
const PCT_LINES = [
  { key: "p50Ms" as const, name: "p50", color: "#a5b4fc" },
  { key: "p90Ms" as const, name: "p90", color: "#6366f1" },
  { key: "p99Ms" as const, name: "p99", color: "#312e81" },
];
const msTick = (v: number) => `${Number(v.toFixed(1)).toLocaleString("en-US")} ms`;

export function Panel({ title, note, children, testId }: { title: string; note?: React.ReactNode; children: React.ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} className="rounded-md border border-zinc-200 p-4">
      <h3 className="text-sm font-semibold text-zinc-900">{title}</h3>
      {note ? <p className="mt-0.5 text-xs text-zinc-500">{note}</p> : null}
      <div className="mt-2">{children}</div>
    </div>
  );
}

export function StepHistory({ state, go }: StepProps) {
  const { query: q, baseline } = useWizardSuggest(state);
  const data = q.data;
  const held = data?.dataRange.oldestSampleSeconds ?? null;
  const heldDays = held === null ? null : (baseline.endSeconds - held) / DAY;
  const threshold = state.thresholdSeconds ?? (data ? defaultCandidate(data) : null);
  const objective = state.objective ?? data?.suggestions.find((s) => s.kind === "tight")?.objective ?? 0.995;
  const set = (patch: Partial<typeof state>) => go({ ...state, ...patch }, "replace");
  const brush = (a: number, b: number) => {
    const r = snapRange(a, b, data?.history.stepSeconds ?? 3600, baseline);
    if (r) set({ exclusions: addExclusion(state.exclusions, r) });
  };

  return (
    <div className="space-y-5" aria-busy={q.isFetching}>
      <p className="text-sm text-zinc-600">
        What <span className="font-medium">{state.service}</span> <span className="font-mono">{state.operation}</span> did in the past. Leave out periods that were not normal operation (an
        incident, a bad deploy): the target should describe the service on a normal day.
      </p>

      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">Baseline</legend>
        <div className="mt-1 flex flex-wrap items-center gap-3 text-sm">
          {BASELINE_DAYS.map((d) => {
            const beyond = heldDays !== null && d > Math.ceil(heldDays) && d !== 7;
            return (
              <label key={d} className="flex items-center gap-1.5">
                <input type="radio" name="baseline" checked={state.baselineDays === d} disabled={beyond} onChange={() => set({ baselineDays: d })} className="accent-indigo-600" />
                <span className={beyond ? "text-zinc-400" : undefined}>{d} days</span>
              </label>
            );
          })}
        </div>
        <p data-testid="data-range" className="mt-1 text-xs text-zinc-600">
          {data
            ? `${formatDateRange(data.baseline.startSeconds, data.baseline.endSeconds)} (UTC). ${held === null ? "The backend did not say how far back it holds this selection's samples." : `The backend holds this selection's samples from ${formatUtcSeconds(held)}${heldDays !== null ? ` (${Math.floor(heldDays)} days)` : ""}${data.dataRange.clipped ? `; the baseline starts there, not at ${formatUtcSeconds(data.dataRange.requested.startSeconds)}` : ""}.`} ${data.selectionFacts.seriesCount} series, ${data.selectionFacts.boundariesSeconds.length} bucket boundaries.`
            : "Reading the history…"}
        </p>
      </fieldset>

      {q.error ? (
        <Callout title={`No data from Prometheus: ${describeError(q.error).title}`} action={<Button onClick={() => q.refetch()}>Try again</Button>}>
          {describeError(q.error).detail}
        </Callout>
      ) : null}

      {data?.warnings.length ? (
        <Callout tone="warning" title="Worth knowing about this history">
          <ul className="list-disc space-y-0.5 pl-4" data-testid="suggest-warnings">
            {data.warnings.map((w, i) => (
              <li key={i}>{suggestWarningText(w)}</li>
            ))}
          </ul>
        </Callout>
      ) : null}

      {!data && q.isPending ? (
        <div role="status" aria-busy="true" className="space-y-3">
          <span className="sr-only">Reading the history…</span>
          <Skeleton className="h-56 w-full" />
          <Skeleton className="h-56 w-full" />
        </div>
      ) : null}

      {data ? (
        <>
          <Panel title="Request rate" note="Requests per second per step; drag across the chart to exclude a period. Grey: excluded." testId="rate-chart">
            <BrushableTimeChart
              data={historyChartPoints(data)}
              lines={[{ key: "rps", name: "requests", color: "#0f766e" }]}
              stepSeconds={data.history.stepSeconds}
              spanSeconds={data.baseline.endSeconds - data.baseline.startSeconds}
              excluded={state.exclusions}
              onBrush={brush}
              yLabel="req/s"
              yTick={(v) => formatRps(v)}
            />
          </Panel>
          <Panel
            title="p50, p90, p99 latency over time (bucket-resolution estimates)"
            note="Estimated like histogram_quantile: the bucket holding the rank is found from the cumulative counts, the value interpolated linearly inside it, capped at the highest finite boundary. The SLI itself uses counts, never these."
            testId="percentile-chart"
          >
            <ChartLegend items={PCT_LINES} />
            <BrushableTimeChart
              data={historyChartPoints(data)}
              lines={PCT_LINES}
              stepSeconds={data.history.stepSeconds}
              spanSeconds={data.baseline.endSeconds - data.baseline.startSeconds}
              excluded={state.exclusions}
              onBrush={brush}
              yLabel="latency"
              yTick={msTick}
            />
          </Panel>

          <Exclusions exclusions={state.exclusions} onChange={(exclusions) => set({ exclusions })} data={data} baseline={baseline} />

          <div className="grid gap-4 lg:grid-cols-2">
            <Panel
              title="Latency distribution at bucket resolution"
              note={`Requests per bucket over the baseline${data.excluded.length ? `, excluding ${data.excluded.map((r) => formatUtcRange(r.startSeconds, r.endSeconds)).join(", ")}` : ""}; the line is the share at or below each real boundary.`}
              testId="distribution-chart"
            >
              <LatencyDistributionChart rows={distributionRows(data)} highlightSeconds={threshold} />
            </Panel>
            <Panel title="Daily compliance" note="Share of requests within the candidate threshold per UTC day, against the candidate objective. Red: a day that missed it." testId="daily-chart">
              <div className="mb-2 flex flex-wrap gap-3 text-xs">
                <label className="flex items-center gap-1.5">
                  Threshold
                  <select value={threshold ?? ""} onChange={(e) => set({ thresholdSeconds: Number(e.target.value) })} className={selectClass(false, "w-28 py-0.5 text-xs")}>
                    {data.candidates.map((c) => (
                      <option key={c.boundarySeconds} value={c.boundarySeconds}>
                        {formatMs(c.boundarySeconds)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="flex items-center gap-1.5">
                  Objective
                  <select value={objective} onChange={(e) => set({ objective: Number(e.target.value), thresholdSeconds: threshold })} className={selectClass(false, "w-24 py-0.5 text-xs")}>
                    {[...new Set([...COMMON_OBJECTIVES, objective])].sort().map((o) => (
                      <option key={o} value={o}>
                        {formatObjective(o)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {threshold !== null ? <DailyComplianceChart points={dailyCompliance(data, threshold)} objective={objective} /> : <p className="text-sm text-zinc-600">No boundary to judge.</p>}
            </Panel>
          </div>
        </>
      ) : null}
    </div>
  );
}
