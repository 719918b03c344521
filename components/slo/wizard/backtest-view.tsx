"use client";
// One backtest result in words and pictures: how long the SLO would have been out of objective,
// when its budget ran out, the SLI and budget over time, and each alert tier's firing intervals.
import type { BacktestResult } from "@/lib/schemas/backtest";
import { formatMs, formatObjective } from "@/lib/slo/format";
import { formatDuration, formatUtcSeconds } from "@/lib/client/status/format";
import { backtestChartPoints, tierRows } from "@/lib/client/wizard-history";
import { backtestWarningText } from "@/lib/client/wizard-warnings";
import { BacktestChart } from "../../charts/lazy";
import { TierTimeline } from "../../charts/tier-timeline";

const intervalSeconds = (ivs: { startSeconds: number; endSeconds: number | null }[], end: number) => ivs.reduce((s, i) => s + ((i.endSeconds ?? end) - i.startSeconds), 0);

export function BacktestSummary({ r }: { r: BacktestResult }) {
  const out = intervalSeconds(r.outOfObjective, r.range.endSeconds);
  const pages = r.tiers.filter((t) => t.severity === "page").reduce((n, t) => n + t.firingCount, 0);
  const tickets = r.tiers.filter((t) => t.severity === "ticket").reduce((n, t) => n + t.firingCount, 0);
  // A replay without a single measured moment proves nothing: never call it "never out of objective".
  if (!r.points.some((p) => p.sli !== null))
    return (
      <p data-testid="backtest-summary" className="text-sm text-amber-800">
        No moment of this range had data to replay (see the warnings below): nothing can be said about how {formatMs(r.target.thresholdSeconds)} at {formatObjective(r.target.objective)} would have fared.
      </p>
    );
  return (
    <p data-testid="backtest-summary" className="text-sm text-zinc-800">
      {formatMs(r.target.thresholdSeconds)} at {formatObjective(r.target.objective)}: {r.outOfObjective.length === 0 ? "never out of objective" : `out of objective for ${formatDuration(out)} in ${r.outOfObjective.length} interval${r.outOfObjective.length === 1 ? "" : "s"}`};{" "}
      {r.budget.firstExhaustedAtSeconds === null ? "the budget never ran out" : `the budget ran out at ${formatUtcSeconds(r.budget.firstExhaustedAtSeconds)}`}; {pages} page{pages === 1 ? "" : "s"} and {tickets} ticket{tickets === 1 ? "" : "s"} would have fired.
    </p>
  );
}

export function BacktestView({ r, compact = false }: { r: BacktestResult; compact?: boolean }) {
  const tiers = tierRows(r);
  return (
    <div className="space-y-3">
      <BacktestSummary r={r} />
      <BacktestChart points={backtestChartPoints(r)} objective={r.target.objective} outOfObjective={r.outOfObjective} range={r.range} />
      <TierTimeline tiers={tiers} range={r.range} />
      <table className="w-full text-left text-xs" data-testid="tier-table">
        <caption className="sr-only">Burn-rate tiers that would have fired</caption>
        <thead className="text-zinc-500">
          <tr>
            <th className="py-1 font-medium">Tier</th>
            <th className="py-1 font-medium">Windows</th>
            {compact ? null : <th className="py-1 font-medium">Burn rate ≥</th>}
            <th className="py-1 text-right font-medium">Fired</th>
            <th className="py-1 text-right font-medium">Firing for</th>
            {compact ? null : <th className="py-1 pl-3 font-medium">First</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {tiers.map((t) => (
            <tr key={t.id} data-testid="tier-row">
              <td className="py-1 font-mono">
                {t.id}
                {!t.enabled ? " (off)" : !t.evaluable ? " (not replayed)" : ""}
              </td>
              <td className="py-1">{t.windows}</td>
              {compact ? null : <td className="py-1 tabular-nums">{t.factor.toLocaleString("en-US", { maximumFractionDigits: 2 })}×</td>}
              <td className="py-1 text-right tabular-nums">{t.firingCount}×</td>
              <td className="py-1 text-right tabular-nums">{t.firingSeconds ? formatDuration(t.firingSeconds) : "—"}</td>
              {compact ? null : <td className="py-1 pl-3">{t.intervals[0] ? formatUtcSeconds(t.intervals[0].startSeconds) : "—"}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {r.warnings.length ? (
        <ul className="list-disc pl-4 text-xs text-amber-800">
          {r.warnings.map((w, i) => (
            <li key={i}>{backtestWarningText(w)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
