// OTLP trace JSON (as Tempo answers trace-by-ID) → RawSpan[] for normalise.ts. Pure, no I/O.
//
// Shapes accepted, and where each was learned:
// - `{"batches":[…]}`: Tempo v1 GET /api/traces/<id> (tempopb.MarshalToJSONV1 renames
//   resourceSpans to batches; grafana/tempo modules/frontend/combiner/trace_by_id.go).
// - `{"trace":{"resourceSpans":[…]},"status":"PARTIAL","message":"…"}`: Tempo v2
//   GET /api/v2/traces/<id> (TraceByIDResponse; combiner/trace_by_id_v2.go sets PARTIAL and the
//   message when the trace exceeded the size limit, was filtered or pruned). `{"trace":{}}` is
//   what v2 answers when nothing was found (querier/http.go returns the empty trace with 200).
// - `{"resourceSpans":[…]}`: plain OTLP/JSON (ExportTraceServiceRequest; Grafana's test data).
// - Inside a resource: `scopeSpans[].scope` (OTLP ≥ 0.15) or the older
//   `instrumentationLibrarySpans[].instrumentationLibrary` (Tempo 1.x and OTLP before 0.15).
// - kind as enum names ("SPAN_KIND_SERVER", gogo jsonpb) or numbers (0–5, proto JSON with
//   EmitDefaults off / other writers); status.code as names ("STATUS_CODE_ERROR") or 0–2.
// - times and int64 as decimal strings (jsonpb) or numbers; IDs base64 (jsonpb) or hex (spec).
import type { SpanKindName } from "@/lib/schemas/trace";
import { fromOtlpAttributes, intString, stringAttribute } from "./attributes";
import type { RawLink, RawSpan } from "./normalise";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

export interface OtlpBody {
  resourceSpans: unknown[];
  /** v2's `status: "PARTIAL"` (or 1), with its message. */
  partial?: string;
}

/** The resource spans of a body in any accepted shape, or null when the body is none of them. */
export function otlpBody(body: unknown): OtlpBody | null {
  if (!isObj(body)) return null;
  const partial = body.status === "PARTIAL" || body.status === 1 ? str(body.message) || "the backend returned part of the trace" : undefined;
  const holder = isObj(body.trace) ? body.trace : body;
  const list = holder.resourceSpans ?? holder.batches;
  if (list === undefined) {
    // v2's "not found" is an empty trace object; an empty top level object reads the same way.
    if (isObj(body.trace) || Object.keys(body).length === 0) return { resourceSpans: [], partial };
    return null;
  }
  if (!Array.isArray(list)) return null;
  return partial === undefined ? { resourceSpans: list } : { resourceSpans: list, partial };
}

const KINDS: readonly SpanKindName[] = ["unspecified", "internal", "server", "client", "producer", "consumer"];

export function spanKindOf(v: unknown): SpanKindName {
  if (typeof v === "number") return KINDS[v] ?? "unspecified";
  if (typeof v !== "string") return "unspecified";
  const name = v.toLowerCase().replace(/^span_kind_/, "");
  return (KINDS as readonly string[]).includes(name) ? (name as SpanKindName) : "unspecified";
}

export function statusCodeOf(v: unknown): "unset" | "ok" | "error" {
  if (typeof v === "number") return v === 2 ? "error" : v === 1 ? "ok" : "unset";
  if (typeof v !== "string") return "unset";
  const name = v.toUpperCase();
  if (name.includes("ERROR")) return "error";
  if (name === "STATUS_CODE_OK" || name === "OK") return "ok";
  return "unset";
}

const nanos = (v: unknown): bigint | null => {
  const s = intString(v);
  return s === null ? null : BigInt(s);
};

/** Every span of the body, with its resource's service and attributes and its scope. */
export function otlpSpans(resourceSpans: readonly unknown[]): RawSpan[] {
  const out: RawSpan[] = [];
  for (const rs of resourceSpans) {
    if (!isObj(rs)) continue;
    const resource = fromOtlpAttributes(isObj(rs.resource) ? rs.resource.attributes : undefined);
    const service = stringAttribute(resource, "service.name") ?? "";
    const groups = [...arr(rs.scopeSpans), ...arr(rs.instrumentationLibrarySpans)];
    for (const group of groups) {
      if (!isObj(group)) continue;
      const sc = isObj(group.scope) ? group.scope : isObj(group.instrumentationLibrary) ? group.instrumentationLibrary : {};
      const scope = { name: str(sc.name), version: str(sc.version) };
      for (const s of arr(group.spans)) {
        if (!isObj(s)) continue;
        const status = isObj(s.status) ? s.status : {};
        out.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId,
          name: str(s.name),
          service,
          kind: spanKindOf(s.kind),
          startUnixNano: nanos(s.startTimeUnixNano),
          endUnixNano: nanos(s.endTimeUnixNano),
          status: { code: statusCodeOf(status.code), message: str(status.message) },
          attributes: fromOtlpAttributes(s.attributes),
          resource,
          scope,
          events: arr(s.events).flatMap((e) =>
            isObj(e) ? [{ name: str(e.name), timeUnixNano: nanos(e.timeUnixNano), attributes: fromOtlpAttributes(e.attributes) }] : [],
          ),
          links: arr(s.links).flatMap((l): RawLink[] =>
            isObj(l) ? [{ traceId: l.traceId, spanId: l.spanId, kind: "link", attributes: fromOtlpAttributes(l.attributes) }] : [],
          ),
        });
      }
    }
  }
  return out;
}
