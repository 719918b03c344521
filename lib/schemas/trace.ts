// The one internal trace model (GET /api/traces/:traceId). Tempo (v1 and v2 APIs) and Jaeger
// adapters both produce it (lib/server/traces), the waterfall reads it (components/traces).
// Units: times are unix nanoseconds as decimal strings (int64 exceeds 2^53: a JS number would
// round them), durations are whole nanoseconds (`…Ns`, safe as numbers up to ~104 days).
// IDs are lowercase hex, left-padded: 32 digits for a trace, 16 for a span.
import { z } from "./zod";

export const TraceIdHex = z.string().regex(/^[0-9a-f]{32}$/, "32 lowercase hex digits");
export const SpanIdHex = z.string().regex(/^[0-9a-f]{16}$/, "16 lowercase hex digits");
/** Unix nanoseconds, decimal, no sign: exact beyond 2^53. */
export const UnixNano = z.string().regex(/^(0|[1-9][0-9]{0,19})$/, "unix nanoseconds as a decimal string");

/**
 * An attribute value keeps its OTLP type: `int` is a decimal string so int64 values above 2^53
 * stay exact; `bytes` is base64 as sent. Arrays and key-value lists nest.
 */
export type AttributeValue =
  | { type: "string"; value: string }
  | { type: "bool"; value: boolean }
  | { type: "int"; value: string }
  | { type: "double"; value: number }
  | { type: "bytes"; value: string }
  | { type: "array"; values: AttributeValue[] }
  | { type: "kvlist"; values: Attribute[] }
  | { type: "empty" };
export interface Attribute {
  key: string;
  value: AttributeValue;
}

export const AttributeValue: z.ZodType<AttributeValue> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("string"), value: z.string() }),
    z.object({ type: z.literal("bool"), value: z.boolean() }),
    z.object({ type: z.literal("int"), value: z.string().regex(/^-?(0|[1-9][0-9]*)$/) }),
    // Non-finite doubles (NaN, ±Inf) are legal in OTLP; JSON cannot carry them, so adapters send null → "empty".
    z.object({ type: z.literal("double"), value: z.number() }),
    z.object({ type: z.literal("bytes"), value: z.string() }),
    z.object({ type: z.literal("array"), values: z.array(AttributeValue) }),
    z.object({ type: z.literal("kvlist"), values: z.array(Attribute) }),
    z.object({ type: z.literal("empty") }),
  ]),
);
export const Attribute: z.ZodType<Attribute> = z.lazy(() => z.object({ key: z.string(), value: AttributeValue }));

export const SpanKindName = z.enum(["unspecified", "internal", "server", "client", "producer", "consumer"]);
export type SpanKindName = z.infer<typeof SpanKindName>;
export const SpanStatusCode = z.enum(["unset", "ok", "error"]);

export const SpanEvent = z.object({ name: z.string(), timeUnixNano: UnixNano, attributes: z.array(Attribute) });
export const SpanLink = z.object({
  traceId: TraceIdHex,
  spanId: SpanIdHex,
  /** Jaeger's FOLLOWS_FROM references become links with this kind; OTLP links are "link". */
  kind: z.enum(["link", "follows_from"]),
  attributes: z.array(Attribute),
});

export const TraceSpan = z.object({
  spanId: SpanIdHex,
  /** Null for a root: absent, empty or all-zero parent ids all mean "no parent". */
  parentSpanId: SpanIdHex.nullable(),
  name: z.string(),
  /** service.name of the span's resource (Jaeger: its process' serviceName); "" when unknown. */
  service: z.string(),
  kind: SpanKindName,
  startUnixNano: UnixNano,
  endUnixNano: UnixNano,
  /** end − start; 0 when the backend sent an end before the start (reported as a warning). */
  durationNs: z.number().int().min(0),
  status: z.object({ code: SpanStatusCode, message: z.string() }),
  attributes: z.array(Attribute),
  resource: z.array(Attribute),
  /** Instrumentation scope ("library") name and version, "" when absent. */
  scope: z.object({ name: z.string(), version: z.string() }),
  events: z.array(SpanEvent),
  links: z.array(SpanLink),
});
export type TraceSpan = z.infer<typeof TraceSpan>;

export const TraceWarningCode = z.enum([
  /** The backend said the trace is incomplete (Tempo v2 `status: "PARTIAL"`, or still being assembled). */
  "partial",
  /** Two spans share an id: the later copy is kept as is, with this warning. */
  "duplicate_span_id",
  /** The parent id names no span of the trace: the span is an orphan, shown under a placeholder. */
  "missing_parent",
  /** A child ends after its parent ends. */
  "child_outlives_parent",
  /** A child starts before its parent (clock skew between hosts). */
  "clock_skew",
  /** End before start: duration shown as 0. */
  "negative_duration",
  /** A span whose ids could not be read was skipped. */
  "invalid_span",
  /** A span names another trace id than the one asked for. */
  "foreign_trace_id",
  /** A parent chain loops back on itself: the loop is cut there. */
  "cycle",
]);
export const TraceWarning = z.object({
  code: TraceWarningCode,
  /** The span concerned, when there is one. */
  spanId: SpanIdHex.optional(),
  message: z.string(),
});
export type TraceWarning = z.infer<typeof TraceWarning>;

export const TraceSummary = z.object({
  spanCount: z.number().int().min(0),
  /** Distinct service names, sorted. */
  services: z.array(z.string()),
  /** Earliest span start. */
  startUnixNano: UnixNano,
  /** Latest span end − earliest span start. */
  durationNs: z.number().int().min(0),
  /** Longest parent chain; a root alone is depth 1, orphans count from their placeholder's level (1). */
  depth: z.number().int().min(0),
  errorSpanIds: z.array(SpanIdHex),
});

export const TraceBackendApi = z.enum(["tempo-v2", "tempo-v1", "jaeger"]);
export type TraceBackendApi = z.infer<typeof TraceBackendApi>;

export const Trace = z.object({
  traceId: TraceIdHex,
  /** Spans in start order (ties: parent before child, then span id). */
  spans: z.array(TraceSpan),
  rootSpanIds: z.array(SpanIdHex),
  /** Spans whose parent is not in the trace. */
  orphanSpanIds: z.array(SpanIdHex),
  warnings: z.array(TraceWarning),
  summary: TraceSummary,
  /** Which API answered (the v2 → v1 fallback is visible here). */
  source: z.object({ api: TraceBackendApi, endpoint: z.string() }),
});
export type Trace = z.infer<typeof Trace>;
