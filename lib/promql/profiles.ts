// Producer profiles: how each span-metrics producer names its histogram, labels and units.
// Facts from the producers' sources (TOOLCHAIN-NOTES.md, "Span-metric producers"). Pure data.

export type ProducerProfileId = "tempo" | "otel";
export type DurationUnit = "seconds" | "milliseconds";

export interface ProducerProfile {
  id: ProducerProfileId;
  /** Histogram base name; the series are `<base>_bucket`, `<base>_count`, `<base>_sum`. */
  histogram: string;
  /** Counter of calls (requests), when the producer writes one. */
  calls: string;
  unit: DurationUnit;
  labels: { service: string; spanName: string; spanKind: string; statusCode: string };
  /** Label of the trace ID on exemplars. */
  exemplarTraceLabel: string;
  /** Default bucket upper bounds in the producer's unit (without +Inf). */
  defaultBuckets: readonly number[];
  statusError: string;
}

const TEMPO_BUCKETS = Array.from({ length: 14 }, (_, n) => Number((0.002 * 2 ** n).toFixed(3))); // 0.002 … 16.384 s
const OTEL_BUCKETS_MS = [2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10000, 15000] as const;

export const TEMPO: ProducerProfile = {
  id: "tempo",
  histogram: "traces_spanmetrics_latency",
  calls: "traces_spanmetrics_calls_total",
  unit: "seconds",
  labels: { service: "service", spanName: "span_name", spanKind: "span_kind", statusCode: "status_code" },
  exemplarTraceLabel: "traceID",
  defaultBuckets: TEMPO_BUCKETS,
  statusError: "STATUS_CODE_ERROR",
};

/** OTel Collector spanmetrics connector after Prometheus translation (namespace `traces.span.metrics`). */
export const OTEL_MS: ProducerProfile = {
  id: "otel",
  histogram: "traces_span_metrics_duration_milliseconds",
  calls: "traces_span_metrics_calls_total",
  unit: "milliseconds",
  labels: { service: "service_name", spanName: "span_name", spanKind: "span_kind", statusCode: "status_code" },
  exemplarTraceLabel: "trace_id",
  defaultBuckets: OTEL_BUCKETS_MS,
  statusError: "STATUS_CODE_ERROR",
};

/** Same connector configured with `unit: s`. */
export const OTEL_SECONDS: ProducerProfile = {
  ...OTEL_MS,
  histogram: "traces_span_metrics_duration_seconds",
  unit: "seconds",
  defaultBuckets: OTEL_BUCKETS_MS.map((b) => b / 1000),
};

/** Older connector/processor versions wrote unprefixed names. */
export const OTEL_LEGACY_MS: ProducerProfile = {
  ...OTEL_MS,
  histogram: "duration_milliseconds",
  calls: "calls_total",
};

/** Every known naming, in auto-detection preference order. */
export const KNOWN_PROFILES: readonly ProducerProfile[] = [TEMPO, OTEL_MS, OTEL_SECONDS, OTEL_LEGACY_MS];

/** Seconds → the producer's unit (thresholds are stored in seconds). */
export function toProducerUnit(seconds: number, unit: DurationUnit): number {
  // toPrecision(12) removes binary noise (0.512 * 1000 must be exactly 512 to meet le="512").
  return unit === "seconds" ? seconds : Number((seconds * 1000).toPrecision(12));
}

export function fromProducerUnit(value: number, unit: DurationUnit): number {
  return unit === "seconds" ? value : Number((value / 1000).toPrecision(12));
}

// --- Series names and look-ups derived from a profile (added with the query builders). ---

export const bucketMetric = (p: ProducerProfile): string => `${p.histogram}_bucket`;
export const countMetric = (p: ProducerProfile): string => `${p.histogram}_count`;

/** The profiles a datasource setting allows: one family for an override, every known one for auto. */
export function candidateProfiles(setting: "auto" | ProducerProfileId): readonly ProducerProfile[] {
  return setting === "auto" ? KNOWN_PROFILES : KNOWN_PROFILES.filter((p) => p.id === setting);
}

/** The profile whose `_count` series has this name, if any. */
export const profileByCountMetric = (name: string): ProducerProfile | undefined =>
  KNOWN_PROFILES.find((p) => countMetric(p) === name);
