// Chart data and axes for the SLI and burn-down charts: percentages on the y axis, UTC times on
// the x axis, and a missing step kept as null so the line shows a gap instead of a fake 100 %.
// Pure, no I/O.
import type { SloStatusResponse, SloTimeseriesResponse } from "@/lib/schemas/status";

export type SliChartPoint = { t: number; sliPercent: number | null; requestsPerSecond: number };
export type BurnDownChartPoint = { t: number; remainingPercent: number | null };

export const sliChartPoints = (ts: SloTimeseriesResponse): SliChartPoint[] =>
  ts.points.map((p) => ({ t: p.t, sliPercent: p.sli === null ? null : Math.min(100, Math.max(0, p.sli * 100)), requestsPerSecond: p.requestsPerSecond }));

export const burnDownChartPoints = (bd: NonNullable<SloStatusResponse["burnDown"]>): BurnDownChartPoint[] =>
  bd.map((p) => ({ t: p.t, remainingPercent: p.budgetRemaining === null || !Number.isFinite(p.budgetRemaining) ? null : p.budgetRemaining * 100 }));

/** A "nice" tick step (1, 2, 2.5 or 5 × 10ⁿ) giving about `count` intervals over `span`. */
function niceStep(span: number, count = 4): number {
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = [1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10;
  return f * mag;
}

export type Axis = { domain: [number, number]; ticks: number[] };

/** An axis from `lo` (rounded down to a nice step) up to `hi`, with ticks on that step. */
function niceAxis(lo: number, hi: number): Axis {
  const step = niceStep(Math.max(hi - lo, 1e-6));
  const start = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toFixed(6)));
  if (ticks[ticks.length - 1] < hi) ticks.push(hi);
  return { domain: [ticks[0], hi], ticks };
}

/**
 * The SLI axis: from a little below the lowest of (SLI, objective) up to 100 %, so the objective
 * line is always visible and a 99.9 % SLO is not flattened against a 0..100 axis.
 */
export function sliAxis(points: SliChartPoint[], objective: number): Axis {
  const values = points.map((p) => p.sliPercent).filter((v): v is number => v !== null);
  const lo = Math.min(objective * 100, ...values);
  const gap = Math.max(100 - lo, 0.01);
  return niceAxis(Math.max(0, lo - gap * 0.1), 100);
}

/** The burn-down axis: always shows 0 % (exhausted) and 100 % (untouched), and any overspend below 0. */
export function burnDownAxis(points: BurnDownChartPoint[]): Axis {
  const values = points.map((p) => p.remainingPercent).filter((v): v is number => v !== null);
  return niceAxis(Math.min(0, ...values), 100);
}

/** Axis tick for a unix-seconds time in UTC: hours for a day or less, dates beyond. */
export function timeTick(t: number, spanSeconds: number): string {
  const iso = new Date(t * 1000).toISOString();
  if (spanSeconds <= 2 * 86_400) return iso.slice(11, 16);
  return `${iso.slice(5, 7)}-${iso.slice(8, 10)}${spanSeconds <= 8 * 86_400 ? ` ${iso.slice(11, 13)}h` : ""}`;
}

/**
 * A chart step from round values giving at most ~200 points over `spanSeconds`, and never under
 * 10 minutes: with a 5-minute scrape interval a shorter step can hold a single sample, whose
 * increase() is empty, and the chart would break into dashes.
 */
export function chartStepFor(spanSeconds: number): number {
  const steps = [600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];
  return steps.find((s) => spanSeconds / s <= 200) ?? 86_400;
}

/** A percent axis label with only as many decimals as the axis needs: 99.5 → "99.5 %", 100 → "100 %". */
export function percentTick(v: number): string {
  return `${Number(v.toFixed(3)).toLocaleString("en-US", { maximumFractionDigits: 3 })} %`;
}
