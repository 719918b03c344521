// Concrete traces (ids, absolute nanosecond times) and their rendering in Tempo's trace-by-ID JSON.
// Shapes checked against grafana/tempo: the body is the OTLP `Trace` message marshalled by gogo
// jsonpb (camelCase names, enum names, 64-bit integers as strings, bytes as base64, empty fields
// left out); v1 renames `resourceSpans` to `batches` (tempopb.MarshalToJSONV1), v2 wraps the trace
// in a TraceByIDResponse (`{"trace":{"resourceSpans":[…]}}`). Pure.
import { randomHex, type Rng } from "./random";
import { walkSpans, type SimSpan } from "./traces";

export interface LiveSpan {
  spanId: string;
  parentSpanId?: string;
  service: string;
  name: string;
  kind: SimSpan["kind"];
  startNs: bigint;
  endNs: bigint;
  attributes: SimSpan["attributes"];
  error: boolean;
  errorMessage?: string;
}

export interface LiveTrace {
  /** 32 lower-case hex digits. */
  traceId: string;
  spans: LiveSpan[];
}

const msToNs = (ms: number): bigint => {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
};

/** Gives a simulated tree ids and absolute times; `rootStartMs` is unix milliseconds. */
export function materializeTrace(rng: Rng, root: SimSpan, rootStartMs: number): LiveTrace {
  const traceId = randomHex(rng, 16);
  const spans: LiveSpan[] = [];
  const ids = new Map<SimSpan, string>();
  const parents = new Map<SimSpan, SimSpan>();
  for (const s of walkSpans(root)) for (const c of s.children) parents.set(c, s);
  for (const s of walkSpans(root)) {
    const spanId = randomHex(rng, 8);
    ids.set(s, spanId);
    const parent = parents.get(s);
    const startMs = rootStartMs + s.startMs - root.startMs;
    spans.push({
      spanId,
      parentSpanId: parent ? ids.get(parent) : undefined,
      service: s.service,
      name: s.name,
      kind: s.kind,
      startNs: msToNs(startMs),
      endNs: msToNs(startMs + s.durationMs),
      attributes: s.attributes,
      error: s.error,
      errorMessage: s.errorMessage,
    });
  }
  return { traceId, spans };
}

const b64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
function anyValue(v: string | number | boolean): AnyValue {
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}
const attributes = (a: Readonly<Record<string, string | number | boolean>>) =>
  Object.entries(a).map(([key, value]) => ({ key, value: anyValue(value) }));

export interface ResourceInfo {
  /** `service.version` per service, as deployed when the trace was taken. */
  serviceVersions: Readonly<Record<string, string>>;
  /** Instrumentation scope reported by every service. */
  scope: { name: string; version: string };
}

/** OTLP resourceSpans: one entry per service, spans in start order. */
export function resourceSpans(trace: LiveTrace, info: ResourceInfo) {
  const byService = new Map<string, LiveSpan[]>();
  for (const s of trace.spans) {
    const list = byService.get(s.service) ?? [];
    list.push(s);
    byService.set(s.service, list);
  }
  return [...byService.entries()].map(([service, spans]) => ({
    resource: {
      attributes: attributes({
        "service.name": service,
        "service.namespace": "handy-site-corp",
        ...(info.serviceVersions[service] ? { "service.version": info.serviceVersions[service] } : {}),
        "deployment.environment.name": "production",
      }),
    },
    scopeSpans: [
      {
        scope: info.scope,
        spans: [...spans]
          .sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0))
          .map((s) => ({
            traceId: b64(trace.traceId),
            spanId: b64(s.spanId),
            ...(s.parentSpanId ? { parentSpanId: b64(s.parentSpanId) } : {}),
            name: s.name,
            kind: s.kind,
            startTimeUnixNano: s.startNs.toString(),
            endTimeUnixNano: s.endNs.toString(),
            attributes: attributes(s.attributes),
            status: s.error ? { code: "STATUS_CODE_ERROR", message: s.errorMessage ?? "" } : {},
          })),
      },
    ],
  }));
}

/** `GET /api/traces/<id>` body (Tempo v1). */
export const tempoV1Body = (trace: LiveTrace, info: ResourceInfo) => ({ batches: resourceSpans(trace, info) });

/** `GET /api/v2/traces/<id>` body (Tempo v2). */
export const tempoV2Body = (trace: LiveTrace, info: ResourceInfo) => ({ trace: { resourceSpans: resourceSpans(trace, info) } });

export type TraceIdParse = { ok: true; id: string } | { ok: false; message: string };

/**
 * Parses a trace ID the way Tempo does (pkg/util/traceid.go): hex only, up to 128 bits, left-padded
 * to 32 digits, so IDs with their leading zeros stripped (as exemplars carry them) resolve.
 */
export function parseTraceId(raw: string): TraceIdParse {
  const bad = raw.search(/[^0-9a-fA-F]/);
  if (bad >= 0) return { ok: false, message: `trace IDs can only contain hex characters: invalid character '${raw[bad]}' at position ${bad + 1}` };
  const even = raw.length % 2 ? `0${raw}` : raw;
  if (even.length > 32) return { ok: false, message: "trace IDs can't be larger than 128 bits" };
  return { ok: true, id: even.padStart(32, "0").toLowerCase() };
}

/** How Tempo's metrics-generator writes the ID on an exemplar: hex with leading zeros stripped. */
export const exemplarTraceId = (traceId: string) => traceId.replace(/^0+/, "") || "0";
