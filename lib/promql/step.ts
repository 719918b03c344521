// Step choice for range queries. Pure, no I/O. Prometheus refuses more than 11,000 points per
// series (TOOLCHAIN-NOTES.md); steps are rounded to readable values and the range is aligned to
// step multiples so repeated requests hit the same evaluation instants (and caches).

export const MAX_POINTS = 11_000;
const NICE_STEPS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
const DEFAULT_POINTS = 250;

export interface RangePlan {
  startSeconds: number;
  endSeconds: number;
  stepSeconds: number;
  points: number;
  /** The requested step was raised to stay under MAX_POINTS. */
  raised: boolean;
}

const niceAtLeast = (s: number) => NICE_STEPS.find((n) => n >= s) ?? Math.ceil(s / 86_400) * 86_400;

/**
 * Plans a range query over [start, end]. Without a requested step it picks a readable one giving
 * about 250 points. With `align`, start is floored and end ceiled to step multiples.
 */
export function planRange(startSeconds: number, endSeconds: number, requestedStep?: number, align = true): RangePlan {
  const span = Math.max(endSeconds - startSeconds, 0);
  // Alignment can add one point at each end: keep two in reserve.
  const minStep = Math.max(Math.ceil(span / (MAX_POINTS - 3)), 1);
  const wanted = requestedStep ?? niceAtLeast(span / DEFAULT_POINTS);
  // A step raised to respect the limit is rounded up to a readable one too (300 s, not 236 s).
  const stepSeconds = wanted >= minStep ? wanted : niceAtLeast(minStep);
  const start = align ? Math.floor(startSeconds / stepSeconds) * stepSeconds : startSeconds;
  const end = align ? Math.ceil(endSeconds / stepSeconds) * stepSeconds : endSeconds;
  return {
    startSeconds: start,
    endSeconds: end,
    stepSeconds,
    points: Math.floor((end - start) / stepSeconds) + 1,
    raised: requestedStep !== undefined && stepSeconds > requestedStep,
  };
}

/** Steps that divide a day, so steps tile UTC days, rolling windows and calendar months exactly. */
export const DAY_STEPS = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400] as const;

export interface DayStepPlan {
  stepSeconds: number;
  /** The requested (or default) step was raised so the span stays under MAX_POINTS. */
  raised: boolean;
}

/**
 * The step for per-step history (suggestion, backtest): the requested one, else the smallest day
 * step giving at most `targetPoints` over `rangeSeconds` (hourly for 90 days), raised when the span
 * actually queried (`spanSeconds`: the range plus the window read before it) would pass MAX_POINTS.
 */
export function planDayStep(rangeSeconds: number, spanSeconds: number, opts: { requested?: number; targetPoints?: number } = {}): DayStepPlan {
  const wanted = opts.requested ?? DAY_STEPS.find((s) => rangeSeconds / s <= (opts.targetPoints ?? 2200)) ?? 86_400;
  const minStep = spanSeconds / (MAX_POINTS - 3);
  if (wanted >= minStep) return { stepSeconds: wanted, raised: false };
  return { stepSeconds: DAY_STEPS.find((s) => s >= minStep && s % wanted === 0) ?? 86_400, raised: true };
}

/** Charts' default step: about 240 points, never under a minute (a common scrape interval: shorter increases would read no samples). */
export const defaultChartStep = (spanSeconds: number): number => niceAtLeast(Math.max(60, spanSeconds / 240));
