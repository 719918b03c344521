// Geometry of the 7-day SLI sparkline: SVG path data from the overview's trend points, scaled to
// the values and the objective (so a dip below the line reads as one), with a gap where a step
// had no traffic (a null, never drawn as 100 %). Pure, no I/O.
import type { OverviewSlo } from "@/lib/schemas/overview";

export type Sparkline = { d: string; objectiveY: number; points: number; below: boolean };

// A flat series still gets a visible band: ±0.05 percentage points around it.
const MIN_SPAN = 0.001;

const round = (n: number) => Math.round(n * 10) / 10;

export function sparkline(trend: OverviewSlo["trend7d"], objective: number, width: number, height: number): Sparkline | null {
  const values = trend.filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  let lo = Math.min(objective, ...values), hi = Math.max(objective, ...values);
  if (hi - lo < MIN_SPAN) {
    const mid = (hi + lo) / 2;
    lo = mid - MIN_SPAN / 2;
    hi = mid + MIN_SPAN / 2;
  }
  // Headroom below the lowest value and above the highest: an exhausted SLO far under its objective
  // would otherwise run along the bottom edge, where it reads as a border, not a line.
  const span = hi - lo;
  lo -= span * 0.25;
  hi += span * 0.1;
  const pad = 1.5; // keep the stroke inside the box
  const x = (i: number) => (trend.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (trend.length - 1));
  const y = (v: number) => pad + ((hi - v) * (height - 2 * pad)) / (hi - lo);
  let d = "";
  let drawing = false;
  trend.forEach((v, i) => {
    if (v === null) return void (drawing = false);
    d += `${drawing ? "L" : "M"}${round(x(i))} ${round(y(v))}`;
    drawing = true;
  });
  return { d, objectiveY: round(y(objective)), points: values.length, below: values.some((v) => v < objective) };
}
