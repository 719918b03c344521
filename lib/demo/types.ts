// Vocabulary of the demo world ("Handy Site Corp", a small e-commerce shop). Pure types.
import type { SpanKind } from "@/lib/schemas/slo";

export type DemoSpanKind = Extract<SpanKind, "SPAN_KIND_SERVER" | "SPAN_KIND_CLIENT" | "SPAN_KIND_INTERNAL">;
export type DemoStatus = "STATUS_CODE_UNSET" | "STATUS_CODE_ERROR";

/** Own work of a span (excluding children), in milliseconds. */
export interface LatencySpec {
  /** Median of the log-normal body. */
  medianMs: number;
  /** Shape of the log-normal body (0.3 narrow … 1 wide). */
  sigma: number;
  /** Chance that a span also pays a heavy-tail delay (Pareto): GC pauses, lock waits, retries. */
  tailProbability: number;
  /** Pareto scale (minimum extra delay) of the tail. */
  tailMs: number;
  /** Pareto shape: smaller means heavier. */
  tailAlpha: number;
}

export interface CallSpec {
  /** Operation id of the callee, `service/name`. */
  op: string;
  /** Chance the call happens at all (cache hits, optional steps). */
  probability?: number;
  /** Calls in a row: uniform integer in [min, max]. */
  repeat?: readonly [number, number];
  /** Runs concurrently with the other parallel calls of the same parent. */
  parallel?: boolean;
  /** A failed callee fails the caller (otherwise the caller degrades gracefully). */
  critical?: boolean;
}

export interface OperationSpec {
  service: string;
  name: string;
  kind: DemoSpanKind;
  latency: LatencySpec;
  /** Chance the span fails on its own. */
  errorRate: number;
  errorMessage?: string;
  /** Latency of a failing span when it differs from a healthy one (fast refusals, timeouts). */
  errorLatency?: LatencySpec;
  calls: readonly CallSpec[];
  attributes?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Remote callees are wrapped in a CLIENT span on the caller's side (how OTel RPC/HTTP
   * instrumentation records them); in-process children (db, crypto) are not.
   */
  remote?: boolean;
}

/** A root of request trees with its traffic. */
export interface EntrySpec {
  op: string;
  /** Requests per second at the daily peak on a weekday. */
  peakRps: number;
  /** Traffic pattern: follows shoppers, or a nightly batch window (UTC minutes of the day). */
  shape: { kind: "diurnal" } | { kind: "batch"; startMinuteUtc: number; durationMinutes: number };
}

/** Changes to operations while an event is active (the deploy regression, the payment incident). */
export type OperationOverride = Partial<Pick<OperationSpec, "latency" | "errorRate" | "errorMessage" | "errorLatency">>;

export interface WorldEvent {
  id: string;
  title: string;
  /**
   * Start: this many UTC days before the day of the world's anchor ("now" when its history was
   * made), at this minute of the UTC day, so events land at a busy hour whenever the demo is made.
   */
  daysAgo: number;
  startMinuteUtc: number;
  durationMs: number;
  overrides: Readonly<Record<string, OperationOverride>>;
  /** Resource attributes that change while the event is active (e.g. the bad build's version). */
  serviceVersion?: Readonly<Record<string, string>>;
}

export interface World {
  name: string;
  operations: Readonly<Record<string, OperationSpec>>;
  entries: readonly EntrySpec[];
  events: readonly WorldEvent[];
  serviceVersions: Readonly<Record<string, string>>;
}

/** One series of span metrics (Tempo's label set, before the producer profile renames it). */
export interface SeriesKey {
  service: string;
  spanName: string;
  spanKind: DemoSpanKind;
  statusCode: DemoStatus;
}

export const opId = (service: string, name: string) => `${service}/${name}`;
/** CLIENT spans share the callee's name and live in the caller's service. */
export const clientOpId = (callerService: string, calleeOp: string) => `${callerService}>${calleeOp}`;
