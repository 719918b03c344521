// How the suggestion's one range answer becomes the engine's per-step counts and the history view.
// No I/O. The range query (lib/promql/history-queries.ts) is evaluated at step ends start + (i+1)·step,
// so the point at t is step i = (t − start) ÷ step − 1. A step without a `total` point had fewer than
// two samples in every series: a gap (null), never zero traffic.
import { parseLe } from "@/lib/promql/buckets";
import { PART_LABEL } from "@/lib/promql/slo-queries";
import type { ProducerProfile } from "@/lib/promql/profiles";
import type { SuggestEngineInput } from "@/lib/schemas/suggest";
import { bucketQuantile } from "@/lib/slo/quantile";
import type { RangeSeries } from "@/lib/server/metrics/schemas";

export interface SuggestSteps {
  total: (number | null)[];
  /** Per common finite boundary (producer unit, as in the layout): good per step, null where total is. */
  good: Map<number, (number | null)[]>;
  resetsAtSeconds: number[];
  history: { startSeconds: number; total: number | null; p50Seconds: number | null; p90Seconds: number | null; p99Seconds: number | null }[];
}

export interface ReadStepsInput {
  series: readonly RangeSeries[];
  startSeconds: number;
  stepSeconds: number;
  steps: number;
  profile: ProducerProfile;
  /** Finite boundaries common to every series, producer unit, ascending, with their seconds. */
  boundaries: readonly { value: number; seconds: number }[];
  countErrorsAsBad: boolean;
}

const value = (v: number) => (Number.isFinite(v) ? Math.max(v, 0) : null);

export function readSuggestSteps(input: ReadStepsInput): SuggestSteps {
  const { startSeconds: start, stepSeconds: step, steps: n, profile } = input;
  const index = (t: number) => {
    const i = Math.round((t - start) / step) - 1;
    return i >= 0 && i < n ? i : -1;
  };
  const total: (number | null)[] = Array(n).fill(null);
  const resets: number[] = [];
  const wanted = new Set(input.boundaries.map((b) => b.value));
  // Cumulative per boundary (+Inf included): every request, and the good ones.
  const all = new Map<number, Float64Array>();
  const good = new Map<number, Float64Array>();
  const row = (m: Map<number, Float64Array>, b: number) => m.get(b) ?? m.set(b, new Float64Array(n)).get(b)!;

  for (const s of input.series) {
    const part = s.labels[PART_LABEL];
    if (part === "total") for (const p of s.points) setAt(total, index(p.t), value(p.v));
    else if (part === "resets") {
      for (const p of s.points) if (p.v > 0 && index(p.t) >= 0) resets.push(p.t - step);
    } else if (part === "buckets") {
      const le = parseLe(s.labels.le ?? "");
      if (le === null || (le !== Infinity && !wanted.has(le))) continue;
      const isGood = !(input.countErrorsAsBad && s.labels[profile.labels.statusCode] === profile.statusError);
      const a = row(all, le);
      const g = row(good, le);
      for (const p of s.points) {
        const i = index(p.t);
        const v = value(p.v);
        if (i < 0 || v === null) continue;
        a[i] += v;
        if (isGood) g[i] += v;
      }
    }
  }

  const goodOut = new Map<number, (number | null)[]>();
  for (const b of input.boundaries) {
    const g = good.get(b.value);
    goodOut.set(b.value, total.map((t, i) => (t === null ? null : (g?.[i] ?? 0))));
  }
  const inf = all.get(Infinity);
  const history = total.map((t, i) => {
    const buckets = [...input.boundaries.map((b) => ({ leSeconds: b.seconds, count: all.get(b.value)?.[i] ?? 0 })), { leSeconds: Infinity, count: inf?.[i] ?? 0 }];
    const q = (x: number) => (t === null || !inf ? null : bucketQuantile(x, buckets));
    return { startSeconds: start + i * step, total: t, p50Seconds: q(0.5), p90Seconds: q(0.9), p99Seconds: q(0.99) };
  });
  return { total, good: goodOut, resetsAtSeconds: resets.sort((a, b) => a - b), history };
}

function setAt(arr: (number | null)[], i: number, v: number | null) {
  if (i >= 0) arr[i] = v;
}

/** The engine's candidates from the read steps (at most the engine's 64). */
export const engineCandidates = (steps: SuggestSteps, boundaries: readonly { value: number; seconds: number }[]): SuggestEngineInput["candidates"] =>
  boundaries.slice(0, 64).map((b) => ({ boundarySeconds: b.seconds, good: steps.good.get(b.value)! }));
