// How backtest's range answer becomes the engine's per-step counts. No I/O. Step i ends at
// firstStepEnd + i·step; the range query is evaluated at exactly those ends, so the point at t is
// step (t − firstStepEnd) ÷ step. No `total_step` point: fewer than two samples in every series in
// that step, a gap (null) and never zero traffic; the same rule for each burn window read beside the steps.
import { PART_LABEL } from "@/lib/promql/slo-queries";
import type { BacktestEngineInput } from "@/lib/schemas/backtest";
import type { BurnWindow } from "@/lib/slo/types";
import type { RangeSeries } from "@/lib/server/metrics/schemas";

type Counts = (number | null)[];

export interface BacktestSteps {
  good: Counts;
  total: Counts;
  resetsAtSeconds: number[];
  windows: NonNullable<BacktestEngineInput["windows"]>;
}

export function readBacktestSteps(series: readonly RangeSeries[], firstStepEnd: number, step: number, n: number, beside: readonly BurnWindow[]): BacktestSteps {
  const byTag = new Map<string, Counts>();
  const resets: number[] = [];
  for (const s of series) {
    const tag = s.labels[PART_LABEL];
    if (!tag) continue;
    if (tag === "resets") {
      for (const p of s.points) if (p.v > 0) resets.push(Math.round(p.t));
      continue;
    }
    const arr: Counts = Array(n).fill(null);
    for (const p of s.points) {
      const i = Math.round((p.t - firstStepEnd) / step);
      if (i >= 0 && i < n) arr[i] = Number.isFinite(p.v) ? Math.max(p.v, 0) : null;
    }
    byTag.set(tag, arr);
  }
  const pair = (tag: string) => {
    const total = byTag.get(`total_${tag}`) ?? Array<number | null>(n).fill(null);
    const good = byTag.get(`good_${tag}`);
    // No good point where total has one: nothing at or under the boundary (or no boundary below the threshold).
    return { total, good: total.map((t, i) => (t === null ? null : (good?.[i] ?? 0))) };
  };
  const windows: BacktestSteps["windows"] = {};
  for (const w of beside) windows[w] = pair(w);
  return { ...pair("step"), resetsAtSeconds: resets.sort((a, b) => a - b), windows };
}
