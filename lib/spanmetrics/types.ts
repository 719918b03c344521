// Value types for span-metric expositions: what a producer holds per series and what the writers render.
// Pure data. Counts are cumulative (counter semantics), never per-interval increments.

/** Label name → value, without `le` (the writers add it per bucket). */
export type LabelSet = Readonly<Record<string, string>>;

/** A trace exemplar attached to one bucket line of a live OpenMetrics scrape. */
export interface Exemplar {
  /** Trace ID as the producer writes it (Tempo strips leading zeros; pass it as you want it to appear). */
  traceId: string;
  /** Observed latency in the producer's unit. */
  value: number;
  /** Unix seconds (fractions allowed, rendered to the millisecond); omitted when absent. */
  timestampSeconds?: number;
}

/** One scrape of one histogram series. */
export interface HistogramPoint {
  /** Unix seconds. Required by the backfill/import writers, ignored by the live scrape writer. */
  timestampSeconds?: number;
  /** Cumulative counts per finite bound, same order as the family's `bounds` (non-decreasing). */
  buckets: readonly number[];
  /** Total observations; this is also the `+Inf` bucket. */
  count: number;
  /** Sum of observations in the producer's unit. */
  sum: number;
  /** Exemplars by bucket index (`bounds.length` is `+Inf`); live scrape only. */
  exemplars?: ReadonlyArray<Exemplar | null | undefined>;
}

export interface HistogramSeries {
  labels: LabelSet;
  /** In increasing timestamp order (one point for a live scrape). */
  points: Iterable<HistogramPoint>;
}

export interface HistogramFamily {
  type: "histogram";
  /** Base name: lines are `<name>_bucket`, `<name>_count`, `<name>_sum`. */
  name: string;
  help?: string;
  /** Finite upper bounds in increasing order, in the producer's unit. */
  bounds: readonly number[];
  /** Exemplar trace label for this family (overrides the scrape option; lets one body mix producers). */
  exemplarTraceLabel?: string;
  series: Iterable<HistogramSeries>;
}

export interface CounterPoint {
  timestampSeconds?: number;
  value: number;
}

export interface CounterSeries {
  labels: LabelSet;
  points: Iterable<CounterPoint>;
}

export interface CounterFamily {
  type: "counter";
  /** Full sample name including the `_total` suffix (e.g. `traces_spanmetrics_calls_total`). */
  name: string;
  help?: string;
  series: Iterable<CounterSeries>;
}

export type MetricFamily = HistogramFamily | CounterFamily;

/**
 * How `le` values are spelled. Prometheus 2 keeps what the producer wrote (`1`, `0.512`);
 * Prometheus 3 normalises to OpenMetrics floats (`1.0`), pyrra#1502. `+Inf` is the same in both.
 */
export type LeSpelling = "prometheus2" | "prometheus3";

export interface RenderOptions {
  leSpelling?: LeSpelling;
}
