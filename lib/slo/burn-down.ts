// Burn-down series: how the window's SLI and error budget evolved step by step. Pure, no I/O.
// Each point is cumulative from the window's start (event-weighted: sums of counts, never an
// average of step ratios), so the last point equals the window's own SLI when the steps tile it.
import { allowedBadFraction, checkCounts } from "./ratio";
import type { CountStep } from "./types";

export interface BurnDownPoint {
  /** Step end (unix seconds). */
  t: number;
  /** This step's own counts (after clamping good to total). */
  good: number;
  total: number;
  cumulativeGood: number;
  cumulativeTotal: number;
  /** Cumulative SLI; null until the first request. */
  sli: number | null;
  /** 1 − consumed at the cumulative total; negative when overspent; null until the first request. */
  budgetRemaining: number | null;
  /** No request in this step: draw as a gap or flat line, not as 100 %. */
  zeroTraffic: boolean;
  /** This step's good exceeded its total (scrape skew); clamped. */
  inconsistent: boolean;
}

export function burnDown(steps: readonly CountStep[], objective: number): BurnDownPoint[] {
  const allowedBad = allowedBadFraction(objective);
  let cumulativeGood = 0;
  let cumulativeTotal = 0;
  let lastT = -Infinity;
  return steps.map((step) => {
    if (!(step.t > lastT)) throw new RangeError(`steps must be in increasing time order (${step.t} after ${lastT})`);
    lastT = step.t;
    const c = checkCounts(step);
    cumulativeGood += c.good;
    cumulativeTotal += c.total;
    const has = cumulativeTotal > 0;
    return {
      t: step.t,
      good: c.good,
      total: c.total,
      cumulativeGood,
      cumulativeTotal,
      sli: has ? cumulativeGood / cumulativeTotal : null,
      budgetRemaining: has ? 1 - (cumulativeTotal - cumulativeGood) / cumulativeTotal / allowedBad : null,
      zeroTraffic: c.total === 0,
      inconsistent: c.problem !== null,
    };
  });
}
