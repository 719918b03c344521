// The demo's traces in Jaeger's query-service JSON (GET /api/traces/<id>, GET /api/services), the
// same LiveTrace the Tempo stand-in renders. Shapes from jaegertracing/jaeger (model/json/model.go
// and the query service's structuredResponse envelope) and the OTLP→Jaeger translation in
// opentelemetry-collector-contrib (pkg/translator/jaeger):
// - envelope {"data": [...] | null, "total", "limit", "offset", "errors": null | [{code, msg}]};
//   a missing trace is HTTP 404 with data null and errors [{code: 404, msg: "trace not found"}];
// - IDs are lower-case hex; model.TraceID.String() writes a trace ID whose high 64 bits are zero
//   as 16 digits (`%016x`), else 32 (`%016x%016x`);
// - startTime and duration are integer microseconds (ns times are truncated, as Jaeger stores µs);
// - each service is a process ("p1", "p2", … in first-seen order) with the resource attributes
//   other than service.name as tags; a span names its process by processID;
// - the parent is a CHILD_OF reference (with traceID); span.kind is a tag ("server", "client",
//   "internal"), an error span has `error: true` (bool) and otel.status_code "ERROR" with
//   otel.status_description; the instrumentation scope is otel.scope.name / otel.scope.version;
// - tags are {key, type, value} with type string | bool | int64 | float64.
// Pure.
import type { LiveSpan, LiveTrace, ResourceInfo } from "./tempo-json";

type TagValue = string | number | boolean;
export interface JaegerTag {
  key: string;
  type: "string" | "bool" | "int64" | "float64";
  value: TagValue;
}

function tag(key: string, value: TagValue): JaegerTag {
  if (typeof value === "string") return { key, type: "string", value };
  if (typeof value === "boolean") return { key, type: "bool", value };
  return { key, type: Number.isInteger(value) ? "int64" : "float64", value };
}

/** Jaeger's trace ID spelling: 16 digits when the high half is zero (model.TraceID.String()). */
export const jaegerTraceId = (traceId: string): string => (/^0{16}/.test(traceId) ? traceId.slice(16) : traceId);

/** Jaeger stores microseconds: nanoseconds are truncated, never rounded up past the next span. */
const us = (ns: bigint): number => Number(ns / 1000n);

const KIND_TAG: Record<LiveSpan["kind"], string> = {
  SPAN_KIND_SERVER: "server",
  SPAN_KIND_CLIENT: "client",
  SPAN_KIND_INTERNAL: "internal",
};

function processTags(service: string, info: ResourceInfo): JaegerTag[] {
  return [
    tag("service.namespace", "handy-site-corp"),
    ...(info.serviceVersions[service] ? [tag("service.version", info.serviceVersions[service])] : []),
    tag("deployment.environment.name", "production"),
  ];
}

/** One trace as Jaeger's `data[0]`: spans in start order, processes keyed p1, p2, … */
export function jaegerTrace(trace: LiveTrace, info: ResourceInfo) {
  const traceID = jaegerTraceId(trace.traceId);
  const processIds = new Map<string, string>();
  for (const s of trace.spans) if (!processIds.has(s.service)) processIds.set(s.service, `p${processIds.size + 1}`);
  const spans = [...trace.spans]
    .sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0))
    .map((s) => ({
      traceID,
      spanID: s.spanId,
      flags: 1,
      operationName: s.name,
      references: s.parentSpanId ? [{ refType: "CHILD_OF" as const, traceID, spanID: s.parentSpanId }] : [],
      startTime: us(s.startNs),
      duration: us(s.endNs) - us(s.startNs),
      tags: [
        tag("otel.scope.name", info.scope.name),
        tag("otel.scope.version", info.scope.version),
        tag("span.kind", KIND_TAG[s.kind]),
        ...Object.entries(s.attributes).map(([k, v]) => tag(k, v)),
        ...(s.error ? [tag("otel.status_code", "ERROR"), ...(s.errorMessage ? [tag("otel.status_description", s.errorMessage)] : []), tag("error", true)] : []),
      ],
      logs: [],
      processID: processIds.get(s.service)!,
      warnings: null,
    }));
  const processes = Object.fromEntries([...processIds].map(([service, id]) => [id, { serviceName: service, tags: processTags(service, info) }]));
  return { traceID, spans, processes, warnings: null };
}

const envelope = <T>(data: T, total: number, errors: { code: number; msg: string }[] | null) => ({ data, total, limit: 0, offset: 0, errors });

/** `GET /api/traces/<id>` 200 body. */
export const jaegerTraceBody = (trace: LiveTrace, info: ResourceInfo) => envelope([jaegerTrace(trace, info)], 0, null);

/** `GET /api/traces/<id>` 404 body (Jaeger's exact answer for an unknown trace). */
export const jaegerNotFoundBody = () => envelope(null, 0, [{ code: 404, msg: "trace not found" }]);

/** A 400 for a malformed ID, in the same envelope. */
export const jaegerBadRequestBody = (msg: string) => envelope(null, 0, [{ code: 400, msg }]);

/** `GET /api/services` body: names sorted, as the query service returns them. */
export const jaegerServicesBody = (services: readonly string[]) => {
  const data = [...new Set(services)].sort();
  return envelope(data, data.length, null);
};

/**
 * A trace ID as Jaeger's query service parses it (model.TraceIDFromString): 1 to 32 hex digits,
 * the high half from the digits before the last 16. Returns the 32-digit form or a message.
 */
export function parseJaegerTraceId(raw: string): { ok: true; id: string } | { ok: false; message: string } {
  if (raw.length > 32) return { ok: false, message: `TraceID cannot be longer than 32 hex characters: ${raw.slice(0, 40)}` };
  if (!/^[0-9a-fA-F]+$/.test(raw)) return { ok: false, message: `strconv.ParseUint: parsing ${JSON.stringify(raw.slice(-16))}: invalid syntax` };
  return { ok: true, id: raw.toLowerCase().padStart(32, "0") };
}
