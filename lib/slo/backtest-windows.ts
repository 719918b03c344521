// Counts over a window ending at a step, from per-step increases. Pure, no I/O.
//
// Edge semantics: step i ends at t_i and holds the increase over (t_i − step, t_i]. The window of
// length W ending at t_i is the sum of steps i−n+1 … i (n = W ÷ step), i.e. the interval
// (t_i − W, t_i]. On Prometheus 2.x, `increase(x[W])` evaluated at t_i reads the samples in
// [t_i − W, t_i] (both ends included); when every series has a sample at each step boundary it is
// exactly the sum of the differences between consecutive samples, i.e. the same number: the first
// sample (at t_i − W) only serves as the base. So a generated rule evaluated at t_i and this sum
// agree whenever the samples sit on step boundaries and no gap touches the window. Differences:
// a gap inside the window (Prometheus counts across it from the surrounding samples; these sums
// leave it out and report it as uncovered) and window edges between samples (Prometheus extrapolates).
import { checkCounts } from "./ratio";
import type { CountPair } from "./types";

export interface StepSeries {
  t0: number;
  step: number;
  n: number;
  gap: boolean[];
  /** Prefix sums over non-gap steps (good clamped to total per step). */
  pGood: Float64Array;
  pTotal: Float64Array;
  pGap: Int32Array;
  /** Index of the last non-gap step at or before i (−1: none). */
  lastSample: Int32Array;
  clampedSteps: number;
  clampedExcess: number;
}

export function stepSeries(t0: number, step: number, good: readonly (number | null)[], total: readonly (number | null)[]): StepSeries {
  if (good.length !== total.length) throw new RangeError(`good and total must have one entry per step (${good.length} vs ${total.length})`);
  const n = total.length;
  const gap = total.map((t, i) => t === null || good[i] === null);
  const pGood = new Float64Array(n + 1);
  const pTotal = new Float64Array(n + 1);
  const pGap = new Int32Array(n + 1);
  const lastSample = new Int32Array(n);
  let clampedSteps = 0;
  let clampedExcess = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    let g = 0;
    let tt = 0;
    if (!gap[i]) {
      const c = checkCounts({ good: good[i] as number, total: total[i] as number });
      if (c.problem) {
        clampedSteps++;
        if (c.problem.code === "good_exceeds_total") clampedExcess += c.problem.excess;
      }
      g = c.good;
      tt = c.total;
      last = i;
    }
    pGood[i + 1] = pGood[i] + g;
    pTotal[i + 1] = pTotal[i] + tt;
    pGap[i + 1] = pGap[i] + (gap[i] ? 1 : 0);
    lastSample[i] = last;
  }
  return { t0, step, n, gap, pGood, pTotal, pGap, lastSample, clampedSteps, clampedExcess };
}

export interface WindowCounts {
  /** Sums over the covered steps; null when no step of the window has a sample. */
  counts: CountPair | null;
  /** Seconds of the window without samples (gaps, or before the first step). */
  uncoveredSeconds: number;
}

/** Counts over steps [from, to] (inclusive), `from` possibly before the first step (uncovered). */
export function sumSteps(s: StepSeries, from: number, to: number): WindowCounts {
  const before = Math.max(0, -from);
  const a = Math.max(0, from);
  const b = to + 1;
  if (b <= a) return { counts: null, uncoveredSeconds: before * s.step };
  const gaps = s.pGap[b] - s.pGap[a];
  const covered = b - a - gaps;
  return {
    counts: covered > 0 ? { good: s.pGood[b] - s.pGood[a], total: s.pTotal[b] - s.pTotal[a] } : null,
    uncoveredSeconds: (before + gaps) * s.step,
  };
}

/** The rolling window of `seconds` ending at step i; null when the window is not a whole number of steps. */
export function rollingWindow(s: StepSeries, i: number, seconds: number): WindowCounts | null {
  if (seconds % s.step !== 0) return null;
  return sumSteps(s, i - seconds / s.step + 1, i);
}

/** Steps ending after `startSeconds` up to step i: a calendar month so far (steps aligned to days tile it exactly). */
export function sinceWindow(s: StepSeries, i: number, startSeconds: number): WindowCounts {
  const from = Math.floor((startSeconds - s.t0) / s.step) + 1;
  return sumSteps(s, from, i);
}
