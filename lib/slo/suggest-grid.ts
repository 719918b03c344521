// The step grid target suggestion works on: which steps of the baseline count (not excluded, not a
// scrape gap), how exclusions land on whole steps, and the UTC days the steps tile. Pure, no I/O.
//
// Exclusions are arbitrary (brushed) ranges but counts exist only per step, so an exclusion is
// widened outward to whole steps: a step that overlaps a known-bad period in any part is dropped
// whole, never split pro rata (that would invent counts). The effective ranges are reported and are
// what the reasoning sentence names, so the sentence says exactly what was removed.
import type { SuggestEngineInput, SuggestWarning, TimeRange } from "@/lib/schemas/suggest";

const DAY = 86_400;
/** A day is judged on its own when at least this share of it is included (not excluded, not a gap). */
export const MIN_DAY_COVERAGE = 0.5;

export interface GridDay {
  dayStartSeconds: number;
  /** Step indices [from, to). */
  from: number;
  to: number;
  includedSeconds: number;
  excludedSeconds: number;
  gapSeconds: number;
  total: number;
  judged: boolean;
}

export interface Grid {
  startSeconds: number;
  endSeconds: number;
  step: number;
  n: number;
  /** Per step: counts (0 where not included). */
  included: boolean[];
  excluded: boolean[];
  gap: boolean[];
  total: number[];
  excludedRanges: TimeRange[];
  days: GridDay[];
  warnings: SuggestWarning[];
}

const stepStart = (g: { startSeconds: number; step: number }, i: number) => g.startSeconds + i * g.step;

export function buildGrid(input: Pick<SuggestEngineInput, "baseline" | "stepSeconds" | "total" | "exclusions">): Grid {
  const { baseline, stepSeconds: step } = input;
  const { startSeconds, endSeconds } = baseline;
  if (startSeconds % step !== 0 || endSeconds % step !== 0) throw new RangeError(`baseline must start and end on multiples of the step (${step} s)`);
  const n = (endSeconds - startSeconds) / step;
  if (input.total.length !== n) throw new RangeError(`expected ${n} steps of totals, got ${input.total.length}`);
  const warnings: SuggestWarning[] = [];

  const excludedRanges = effectiveExclusions(input.exclusions ?? [], startSeconds, endSeconds, step, warnings);
  const excluded = Array.from({ length: n }, () => false);
  for (const r of excludedRanges) for (let i = (r.startSeconds - startSeconds) / step; i < (r.endSeconds - startSeconds) / step; i++) excluded[i] = true;
  const gap = input.total.map((t) => t === null);
  const included = excluded.map((x, i) => !x && !gap[i]);
  const total = input.total.map((t, i) => (included[i] ? (t as number) : 0));

  const days: GridDay[] = [];
  for (let i = 0; i < n; ) {
    const dayStartSeconds = Math.floor(stepStart({ startSeconds, step }, i) / DAY) * DAY;
    const to = Math.min(n, (dayStartSeconds + DAY - startSeconds) / step);
    const d: GridDay = { dayStartSeconds, from: i, to, includedSeconds: 0, excludedSeconds: 0, gapSeconds: 0, total: 0, judged: false };
    for (let j = i; j < to; j++) {
      // An excluded step is excluded whether or not it had samples: the user removed that time.
      if (excluded[j]) d.excludedSeconds += step;
      else if (gap[j]) d.gapSeconds += step;
      else {
        d.includedSeconds += step;
        d.total += total[j];
      }
    }
    d.judged = d.total > 0 && d.includedSeconds >= MIN_DAY_COVERAGE * DAY;
    days.push(d);
    i = to;
  }
  return { startSeconds, endSeconds, step, n, included, excluded, gap, total, excludedRanges, days, warnings };
}

/** Widens each exclusion to whole steps, clips it to the baseline, and merges overlaps (sorted). */
function effectiveExclusions(requested: readonly TimeRange[], start: number, end: number, step: number, warnings: SuggestWarning[]): TimeRange[] {
  const ranges: TimeRange[] = [];
  for (const r of requested) {
    const req = { startSeconds: r.startSeconds, endSeconds: r.endSeconds };
    const s = Math.max(start, start + Math.floor((r.startSeconds - start) / step) * step);
    const e = Math.min(end, start + Math.ceil((r.endSeconds - start) / step) * step);
    if (e <= s) {
      warnings.push({ code: "exclusion_outside_baseline", requested: req });
      continue;
    }
    if (s !== Math.max(r.startSeconds, start) || e !== Math.min(r.endSeconds, end))
      warnings.push({ code: "exclusion_widened", requested: req, effective: { startSeconds: s, endSeconds: e } });
    ranges.push({ startSeconds: s, endSeconds: e });
  }
  ranges.sort((a, b) => a.startSeconds - b.startSeconds);
  const merged: TimeRange[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.startSeconds <= last.endSeconds) last.endSeconds = Math.max(last.endSeconds, r.endSeconds);
    else merged.push({ ...r });
  }
  return merged;
}

/** Consecutive gap steps as ranges (for the warning), in seconds. */
export function gapRanges(g: Grid): TimeRange[] {
  const out: TimeRange[] = [];
  for (let i = 0; i < g.n; i++) {
    if (!g.gap[i]) continue;
    const s = stepStart(g, i);
    const last = out[out.length - 1];
    if (last && last.endSeconds === s) last.endSeconds = s + g.step;
    else out.push({ startSeconds: s, endSeconds: s + g.step });
  }
  return out;
}

/** Prefix sums: p[k] = sum of the first k values (so a sum over [a, b) is p[b] − p[a]). */
export function prefix(values: readonly number[]): Float64Array {
  const p = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) p[i + 1] = p[i] + values[i];
  return p;
}
