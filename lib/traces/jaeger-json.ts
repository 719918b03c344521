// Jaeger's query API JSON (GET /api/traces/<id>) → RawSpan[] for normalise.ts. Pure, no I/O.
//
// Shapes, and where each was learned (jaegertracing/jaeger):
// - the envelope `{"data":[trace…],"total","limit","offset","errors"}` and, for a missing trace,
//   `{"data":null,…,"errors":[{"code":404,"msg":"trace not found"}]}`
//   (cmd/jaeger/internal/extension/jaegerquery/internal/http_handler.go structuredResponse, handleError);
// - a trace `{traceID, spans:[…], processes:{p1:{serviceName, tags}}, warnings}` and a span
//   `{traceID, spanID, operationName, references:[{refType, traceID, spanID}], flags, startTime (µs),
//   duration (µs), tags, logs:[{timestamp (µs), fields}], processID, warnings}`
//   (internal/uimodel/converter/v1/json/fixtures/ui_01.json, from_domain.go); the "embedded process"
//   variant carries `process` and `parentSpanID` on the span instead (FromDomainEmbedProcess,
//   cmd/anonymizer/app/uiconv/fixtures);
// - references to another trace (ui_01.json "reference-test") are links, not parents.
// Parent choice follows Jaeger's own Span.ParentSpanID(): the first CHILD_OF reference within the
// trace, else the first FOLLOWS_FROM one. Every other reference becomes a link (FOLLOWS_FROM →
// kind "follows_from"); a FOLLOWS_FROM parent is also kept as a follows_from link, so the detail
// panel can say the parent did not wait for this span.
// OpenTelemetry's Jaeger mapping (span.kind, otel.status_code, otel.status_description, error,
// otel.scope.* / otel.library.*) is read into kind, status and scope, and those tags are left
// out of the attributes, as the OTel Collector's Jaeger translator does.
import type { Attribute, SpanKindName } from "@/lib/schemas/trace";
import { fromJaegerTags, intString, stringAttribute } from "./attributes";
import { normaliseTraceId } from "./ids";
import type { RawLink, RawSpan } from "./normalise";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

export type JaegerBody =
  | { kind: "traces"; traces: Obj[] }
  | { kind: "errors"; code: number | null; message: string }
  | null;

/** The envelope's traces, or its errors; null when the body is not Jaeger's envelope. */
export function jaegerBody(body: unknown): JaegerBody {
  if (!isObj(body)) return null;
  const errors = arr(body.errors).filter(isObj);
  if (Array.isArray(body.data)) {
    const traces = body.data.filter(isObj);
    if (traces.length > 0 || errors.length === 0) return { kind: "traces", traces };
  }
  if (errors.length > 0) {
    const e = errors[0];
    return { kind: "errors", code: typeof e.code === "number" ? e.code : null, message: str(e.msg) };
  }
  return body.data === null ? { kind: "traces", traces: [] } : null;
}

const CONSUMED = new Set([
  "span.kind",
  "otel.status_code",
  "otel.status_description",
  "error",
  "otel.scope.name",
  "otel.scope.version",
  "otel.library.name",
  "otel.library.version",
]);

function kindOf(v: string | undefined): SpanKindName {
  const k = (v ?? "").toLowerCase();
  return k === "server" || k === "client" || k === "producer" || k === "consumer" || k === "internal" ? k : "unspecified";
}

function statusOf(tags: Attribute[]): RawSpan["status"] {
  const code = (stringAttribute(tags, "otel.status_code") ?? "").toUpperCase();
  const message = stringAttribute(tags, "otel.status_description") ?? "";
  if (code === "ERROR") return { code: "error", message };
  if (code === "OK") return { code: "ok", message };
  const err = tags.find((t) => t.key === "error")?.value;
  // `error` arrives as a bool tag, or (older clients, anonymizer fixtures) as "true" in a string or bool tag.
  const isError = (err?.type === "bool" && err.value) || (err?.type === "string" && err.value.toLowerCase() === "true");
  return { code: isError ? "error" : "unset", message };
}

/** µs (number or decimal string) → ns; a fractional µs value is rounded. */
function microsToNanos(v: unknown): bigint | null {
  const s = intString(v);
  if (s !== null) return BigInt(s) * 1000n;
  return typeof v === "number" && Number.isFinite(v) ? BigInt(Math.round(v * 1000)) : null;
}

/** Whether two trace IDs name one trace (a 64-bit ID and its 32-digit padding do); remembers each spelling. */
function traceIdMatcher(): (a: unknown, b: unknown) => boolean {
  const seen = new Map<unknown, string | null>();
  const hex = (v: unknown) => {
    let h = seen.get(v);
    if (h === undefined) {
      const r = normaliseTraceId(v);
      seen.set(v, (h = r.ok ? r.hex : null));
    }
    return h;
  };
  return (a, b) => a === b || (hex(a) !== null && hex(a) === hex(b));
}

interface Ref {
  refType: string;
  traceId: unknown;
  spanId: unknown;
}

/** Every span of the envelope's traces. */
export function jaegerSpans(traces: readonly Obj[]): RawSpan[] {
  const out: RawSpan[] = [];
  const sameTrace = traceIdMatcher();
  // A process is shared by many spans: its resource is read once (and shared, never mutated).
  const resources = new Map<Obj, { service: string; resource: Attribute[] }>();
  const processOf = (proc: Obj) => {
    let r = resources.get(proc);
    if (!r) {
      const service = str(proc.serviceName);
      const tags = fromJaegerTags(proc.tags);
      const resource = tags.some((a) => a.key === "service.name") || service === "" ? tags : [{ key: "service.name", value: { type: "string" as const, value: service } }, ...tags];
      resources.set(proc, (r = { service, resource }));
    }
    return r;
  };
  for (const t of traces) {
    const processes = isObj(t.processes) ? t.processes : {};
    for (const s of arr(t.spans)) {
      if (!isObj(s)) continue;
      const proc = isObj(s.process) ? s.process : isObj(processes[str(s.processID)]) ? (processes[str(s.processID)] as Obj) : {};
      const { service, resource } = processOf(proc);
      const tags = fromJaegerTags(s.tags);
      const traceId = s.traceID ?? t.traceID;
      const refs: Ref[] = arr(s.references).flatMap((r) => (isObj(r) ? [{ refType: str(r.refType).toUpperCase(), traceId: r.traceID ?? traceId, spanId: r.spanID }] : []));
      const inTrace = (r: Ref) => sameTrace(r.traceId, traceId);
      const parentRef = refs.find((r) => r.refType === "CHILD_OF" && inTrace(r)) ?? refs.find((r) => r.refType === "FOLLOWS_FROM" && inTrace(r));
      const followsFrom = parentRef?.refType === "FOLLOWS_FROM";
      const links: RawLink[] = refs
        .filter((r) => r !== parentRef || followsFrom)
        .map((r) => ({ traceId: r.traceId, spanId: r.spanId, kind: r.refType === "FOLLOWS_FROM" ? "follows_from" : "link", attributes: [] }));
      const start = microsToNanos(s.startTime);
      const duration = microsToNanos(s.duration ?? 0);
      out.push({
        traceId,
        spanId: s.spanID,
        parentSpanId: parentRef ? parentRef.spanId : refs.length === 0 ? s.parentSpanID : undefined,
        parentIsFollowsFrom: followsFrom,
        name: str(s.operationName),
        service,
        kind: kindOf(stringAttribute(tags, "span.kind")),
        startUnixNano: start,
        endUnixNano: start === null || duration === null ? null : start + duration,
        status: statusOf(tags),
        attributes: tags.filter((a) => !CONSUMED.has(a.key)),
        resource,
        scope: {
          name: stringAttribute(tags, "otel.scope.name") ?? stringAttribute(tags, "otel.library.name") ?? "",
          version: stringAttribute(tags, "otel.scope.version") ?? stringAttribute(tags, "otel.library.version") ?? "",
        },
        events: arr(s.logs).flatMap((l) => {
          if (!isObj(l)) return [];
          const fields = fromJaegerTags(l.fields);
          // OpenTracing logs name their event in the "event" field (the OTel translator does the same).
          const name = stringAttribute(fields, "event") ?? "log";
          return [{ name, timeUnixNano: microsToNanos(l.timestamp), attributes: fields.filter((f) => f.key !== "event") }];
        }),
        links,
      });
    }
  }
  return out;
}
