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

/** Rounds down to a "nice" step (1, 2, 5 × 10ⁿ). */
function niceFloor(x: number, step: number) {
  return Math.floor(x / step) * step;
}

/**
 * The SLI axis: from a little below the lowest of (SLI, objective) up to 100 %, so the objective
 * line is always visible and a 99.9 % SLO is not flattened against a 0..100 axis.
 */
export function sliDomain(points: SliChartPoint[], objective: number): [number, number] {
  const values = points.map((p) => p.sliPercent).filter((v): v is number => v !== null);
  const lo = Math.min(objective * 100, ...values);
  const gap = Math.max(100 - lo, 0.01);
  const step = gap <= 0.1 ? 0.01 : gap <= 1 ? 0.1 : gap <= 10 ? 1 : 10;
  return [Math.max(0, niceFloor(lo - gap * 0.2, step)), 100];
}

/** The burn-down axis: always shows 0 % (exhausted) and 100 % (untouched), and any overspend below 0. */
export function burnDownDomain(points: BurnDownChartPoint[]): [number, number] {
  const values = points.map((p) => p.remainingPercent).filter((v): v is number => v !== null);
  const lo = Math.min(0, ...values);
  return [lo < 0 ? niceFloor(lo * 1.1, 10) : 0, 100];
}

/** Axis tick for a unix-seconds time in UTC: hours for a day or less, dates beyond. */
export function timeTick(t: number, spanSeconds: number): string {
  const iso = new Date(t * 1000).toISOString();
  if (spanSeconds <= 2 * 86_400) return iso.slice(11, 16);
  return `${iso.slice(5, 7)}-${iso.slice(8, 10)}${spanSeconds <= 8 * 86_400 ? ` ${iso.slice(11, 13)}h` : ""}`;
}

/** A percent axis label with only as many decimals as the axis needs: 99.5 → "99.5 %", 100 → "100 %". */
export function percentTick(v: number): string {
  return `${Number(v.toFixed(3)).toLocaleString("en-US", { maximumFractionDigits: 3 })} %`;
}
