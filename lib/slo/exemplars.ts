// Exemplars of an SLO's bucket series as the requests a person can open: the trace id read from
// whichever label the producer used and normalised, the value converted from the producer's unit
// to seconds (once, here), the bucket it was counted in, above/below the threshold, one entry per
// trace (the slowest), slowest first. Pure, no I/O.
import { fromProducerUnit, type DurationUnit, type ProducerProfile } from "@/lib/promql/profiles";
import { normaliseTraceId } from "@/lib/traces/ids";

/** Tempo writes `traceID`, the OTel connector `trace_id`; some SDK exporters `traceId`. */
export const TRACE_ID_LABELS = ["traceID", "trace_id", "traceId"] as const;

export interface RawExemplarSeries {
  seriesLabels: Readonly<Record<string, string>>;
  exemplars: readonly { labels: Readonly<Record<string, string>>; value: number; timestamp: number }[];
}

export interface FlatExemplar {
  traceId: string;
  valueSeconds: number;
  timestamp: number;
  bucketLeSeconds: number | null;
  aboveThreshold: boolean;
  service: string;
  operation: string;
  spanKind: string;
  statusCode: string;
}

export interface FlattenResult {
  exemplars: FlatExemplar[];
  /** Exemplars without any trace id label. */
  withoutTraceId: number;
  /** Trace id labels that are neither hex (up to 32 digits) nor base64 of 8 or 16 bytes (shown, not guessed at). */
  invalidTraceIds: string[];
  /** Values that are not finite numbers. */
  invalidValues: number;
}

/** The trace id label's value: the profile's own label first, then the other known spellings. */
export function pickTraceId(labels: Readonly<Record<string, string>>, preferred?: string): string | undefined {
  const names = preferred ? [preferred, ...TRACE_ID_LABELS.filter((n) => n !== preferred)] : TRACE_ID_LABELS;
  for (const n of names) {
    const v = labels[n];
    if (v !== undefined && v !== "") return v;
  }
  return undefined;
}

/** A bucket's `le` in seconds; null for +Inf; undefined when it is not a number. */
export function leSeconds(le: string | undefined, unit: DurationUnit): number | null | undefined {
  if (le === undefined) return undefined;
  if (le === "+Inf" || le === "Inf") return null;
  const n = Number(le);
  if (le.trim() === "" || !Number.isFinite(n)) return undefined;
  return fromProducerUnit(n, unit);
}

export function flattenExemplars(series: readonly RawExemplarSeries[], profile: ProducerProfile, thresholdSeconds: number): FlattenResult {
  const out: FlatExemplar[] = [];
  let withoutTraceId = 0;
  let invalidValues = 0;
  const invalidTraceIds: string[] = [];
  const l = profile.labels;
  for (const s of series) {
    const le = leSeconds(s.seriesLabels.le, profile.unit);
    for (const e of s.exemplars) {
      const raw = pickTraceId(e.labels, profile.exemplarTraceLabel);
      if (raw === undefined) {
        withoutTraceId++;
        continue;
      }
      const id = normaliseTraceId(raw);
      if (!id.ok) {
        if (invalidTraceIds.length < 5) invalidTraceIds.push(raw.slice(0, 64));
        continue;
      }
      if (!Number.isFinite(e.value)) {
        invalidValues++;
        continue;
      }
      const valueSeconds = fromProducerUnit(e.value, profile.unit);
      out.push({
        traceId: id.hex,
        valueSeconds,
        timestamp: e.timestamp,
        bucketLeSeconds: le ?? null,
        aboveThreshold: valueSeconds > thresholdSeconds,
        service: s.seriesLabels[l.service] ?? "",
        operation: s.seriesLabels[l.spanName] ?? "",
        spanKind: s.seriesLabels[l.spanKind] ?? "",
        statusCode: s.seriesLabels[l.statusCode] ?? "",
      });
    }
  }
  return { exemplars: out, withoutTraceId, invalidTraceIds, invalidValues };
}

/** Slowest first; equal latencies newest first, then by trace id, so the order is stable. */
export const slowestFirst = (a: FlatExemplar, b: FlatExemplar): number =>
  b.valueSeconds - a.valueSeconds || b.timestamp - a.timestamp || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0);

/**
 * One entry per trace: a trace can show up on several series (an operation called twice in one
 * request) or be re-reported by several scrapes; its slowest appearance is the one that spent the
 * budget. Sorted slowest first.
 */
export function dedupeByTrace(list: readonly FlatExemplar[]): FlatExemplar[] {
  const best = new Map<string, FlatExemplar>();
  for (const e of list) {
    const b = best.get(e.traceId);
    if (!b || slowestFirst(e, b) < 0) best.set(e.traceId, e);
  }
  return [...best.values()].sort(slowestFirst);
}

/** Exemplars in [fromSeconds, toSeconds] (both ends included, as query_exemplars selects them), optionally only the slow ones. */
export function inWindow<T extends { timestamp: number; aboveThreshold: boolean }>(list: readonly T[], fromSeconds: number, toSeconds: number, aboveOnly = false): T[] {
  return list.filter((e) => e.timestamp >= fromSeconds && e.timestamp <= toSeconds && (!aboveOnly || e.aboveThreshold));
}
