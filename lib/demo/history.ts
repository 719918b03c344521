// Span-metric history of the demo world as metric families for the shared writers
// (lib/spanmetrics), built from the aggregated path. Pure: the caller owns files and promtool.
// Counters are cumulative across calls through the shared `SeriesBank`, so consecutive chunks
// (and later the live server, which loads the bank's final state) continue without a reset.
import type { ProducerProfile } from "@/lib/promql/profiles";
import { fromProducerUnit } from "@/lib/promql/profiles";
import { addToBucket, newHistogramState, snapshot, spanLabels, type HistogramState } from "@/lib/spanmetrics/state";
import type { CounterFamily, HistogramFamily, HistogramPoint, MetricFamily } from "@/lib/spanmetrics/types";
import { sampleInterval, type Aggregator } from "./aggregate";
import type { SeriesKey } from "./types";

const MINUTE_MS = 60_000;

export interface ResolutionPlan {
  /** Scrape interval of the recent, full-resolution history (the live scrape is finer still). */
  fineStepMs: number;
  /** Older history is written at this coarser step to keep backfill time and size down. */
  coarseStepMs: number;
  /** How far back from the end the fine resolution reaches. */
  fineSpanMs: number;
}

export const DEFAULT_RESOLUTION: ResolutionPlan = { fineStepMs: MINUTE_MS, coarseStepMs: 5 * MINUTE_MS, fineSpanMs: 2 * 86_400_000 };

/**
 * Sample instants after `fromMs` up to `toMs` (both on the fine grid): coarse steps until the
 * fine span before `toMs`, then fine steps. The first instant is the first step after `fromMs`;
 * `fromMs` itself is where the previous history (or the zero start) already has a sample.
 */
export function sampleInstants(fromMs: number, toMs: number, plan: ResolutionPlan): number[] {
  const out: number[] = [];
  const fineFrom = toMs - plan.fineSpanMs;
  let t = fromMs;
  while (t < toMs) {
    const step = t + plan.coarseStepMs <= fineFrom ? plan.coarseStepMs : plan.fineStepMs;
    t = Math.min(toMs, t + step);
    out.push(t);
  }
  return out;
}

/** Live cumulative state of every series, in the producer's unit. */
export interface SeriesBank {
  profile: ProducerProfile;
  keys: SeriesKey[];
  states: HistogramState[];
  /** Unix ms of the last instant folded into the states. */
  atMs: number;
}

export function newSeriesBank(profile: ProducerProfile, keys: SeriesKey[], atMs: number): SeriesBank {
  return { profile, keys, states: keys.map(() => newHistogramState(profile.defaultBuckets)), atMs };
}

export const boundsInMs = (profile: ProducerProfile) => profile.defaultBuckets.map((b) => fromProducerUnit(b, profile.unit) * 1000);

/** Folds the traffic of (bank.atMs, toMs] into the bank. */
export function advanceBank(agg: Aggregator, bank: SeriesBank, toMs: number): void {
  if (toMs <= bank.atMs) return;
  const toUnit = bank.profile.unit === "seconds" ? 1 / 1000 : 1;
  for (const inc of sampleInterval(agg, bank.atMs, toMs)) {
    const state = bank.states[inc.series];
    let sum = inc.sumMs * toUnit;
    inc.perBucket.forEach((n, i) => {
      if (n === 0) return;
      // Spread the interval's sum over its buckets only once: the whole delta goes with the first.
      addToBucket(state, i, n, sum);
      sum = 0;
    });
  }
  bank.atMs = toMs;
}

/**
 * Advances the bank through the given instants and returns the families holding one point per
 * instant per series (histogram plus calls counter). Memory: one cumulative row per point.
 */
export function historyFamilies(agg: Aggregator, bank: SeriesBank, instantsMs: readonly number[]): MetricFamily[] {
  const nb = bank.profile.defaultBuckets.length;
  const width = nb + 2; // finite buckets, count, sum
  const rows = bank.keys.map(() => new Float64Array(instantsMs.length * width));
  instantsMs.forEach((t, i) => {
    advanceBank(agg, bank, t);
    bank.states.forEach((s, k) => {
      const p = snapshot(s);
      const row = rows[k];
      const o = i * width;
      for (let b = 0; b < nb; b++) row[o + b] = p.buckets[b];
      row[o + nb] = p.count;
      row[o + nb + 1] = roundSum(p.sum);
    });
  });
  const labels = bank.keys.map((k) => spanLabels(bank.profile, k));
  function* points(k: number): Generator<HistogramPoint> {
    const row = rows[k];
    for (let i = 0; i < instantsMs.length; i++) {
      const o = i * width;
      yield { timestampSeconds: instantsMs[i] / 1000, buckets: Array.from(row.subarray(o, o + nb)), count: row[o + nb], sum: row[o + nb + 1] };
    }
  }
  const histogram: HistogramFamily = {
    type: "histogram",
    name: bank.profile.histogram,
    help: "Span latency (demo world: Handy Site Corp)",
    bounds: bank.profile.defaultBuckets,
    series: bank.keys.map((_, k) => ({ labels: labels[k], points: { [Symbol.iterator]: () => points(k) } })),
  };
  const calls: CounterFamily = {
    type: "counter",
    name: bank.profile.calls,
    help: "Spans counted (demo world: Handy Site Corp)",
    series: bank.keys.map((_, k) => ({
      labels: labels[k],
      points: {
        *[Symbol.iterator]() {
          const row = rows[k];
          for (let i = 0; i < instantsMs.length; i++) yield { timestampSeconds: instantsMs[i] / 1000, value: row[i * width + nb] };
        },
      },
    })),
  };
  return [histogram, calls];
}

/** Sums keep microsecond precision: shorter text, no visible effect on means. */
const roundSum = (x: number) => Math.round(x * 1e6) / 1e6;

