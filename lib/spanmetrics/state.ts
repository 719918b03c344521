// Cumulative histogram state for one series, and label sets per producer profile, so the demo's
// live producer and the fixture generator build what the writers render the same way.
import type { ProducerProfile } from "@/lib/promql/profiles";
import type { Exemplar, HistogramPoint, LabelSet } from "./types";

export interface SpanIdentity {
  service: string;
  spanName: string;
  spanKind: string;
  statusCode: string;
}

/** The producer's label names for a span identity, in the producer's order (service, span_name, span_kind, status_code). */
export function spanLabels(profile: ProducerProfile, id: SpanIdentity, extra: LabelSet = {}): LabelSet {
  const l = profile.labels;
  return { [l.service]: id.service, [l.spanName]: id.spanName, [l.spanKind]: id.spanKind, [l.statusCode]: id.statusCode, ...extra };
}

/** Mutable cumulative state of one histogram series (counter semantics: only `reset` lowers it). */
export interface HistogramState {
  readonly bounds: readonly number[];
  /** Non-cumulative counts per bucket; index `bounds.length` is the overflow (+Inf) bucket. */
  readonly perBucket: number[];
  sum: number;
  /** Latest exemplar per bucket index. */
  readonly exemplars: (Exemplar | null)[];
}

export function newHistogramState(bounds: readonly number[]): HistogramState {
  for (let i = 1; i < bounds.length; i++)
    if (!(bounds[i] > bounds[i - 1])) throw new Error("bucket bounds must increase strictly");
  return { bounds, perBucket: new Array(bounds.length + 1).fill(0), sum: 0, exemplars: new Array(bounds.length + 1).fill(null) };
}

/** Index of the bucket a value falls in: the first bound ≥ value (le is inclusive), else the overflow bucket. */
export function bucketIndex(bounds: readonly number[], value: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= bounds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Records one observation (producer unit); with a trace ID it becomes that bucket's exemplar. */
export function observe(state: HistogramState, value: number, exemplar?: Omit<Exemplar, "value">): void {
  const i = bucketIndex(state.bounds, value);
  state.perBucket[i] += 1;
  state.sum += value;
  if (exemplar) state.exemplars[i] = { ...exemplar, value };
}

/** Adds `n` observations to bucket `i` at once (bulk generators); `sumDelta` in the producer unit. */
export function addToBucket(state: HistogramState, i: number, n: number, sumDelta: number): void {
  if (!(n >= 0) || !Number.isInteger(n)) throw new Error(`invalid count ${n}`);
  state.perBucket[i] += n;
  state.sum += sumDelta;
}

/** Process restart: every counter of the series starts again from zero. */
export function resetHistogram(state: HistogramState): void {
  state.perBucket.fill(0);
  state.sum = 0;
  state.exemplars.fill(null);
}

/** The cumulative point the writers expect. */
export function snapshot(state: HistogramState, timestampSeconds?: number, withExemplars = false): HistogramPoint {
  const buckets: number[] = [];
  let acc = 0;
  for (let i = 0; i < state.bounds.length; i++) buckets.push((acc += state.perBucket[i]));
  const point: HistogramPoint = { buckets, count: acc + state.perBucket[state.bounds.length], sum: state.sum };
  if (timestampSeconds !== undefined) point.timestampSeconds = timestampSeconds;
  if (withExemplars) point.exemplars = [...state.exemplars];
  return point;
}
