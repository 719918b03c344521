// GET /api/slos/:id/exemplars against a real Prometheus with exemplar storage, fed by a live
// OpenMetrics scrape with both producers' conventions (Tempo: seconds, `traceID` with leading zeros
// stripped; OTel: milliseconds, `trace_id`), an odd span name, an error series, another operation
// that must not show up, and a trace seen on two series. Trace existence is asked of a Tempo-API
// stand-in that knows some of the ids. VictoriaMetrics keeps no exemplars: empty, with a warning.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO, type ProducerProfile } from "@/lib/promql/profiles";
import { SloExemplarsResponse, TraceCheckResponse } from "@/lib/schemas/exemplars";
import { newHistogramState, observe, OPENMETRICS_CONTENT_TYPE, renderOpenMetricsScrape, snapshot, spanLabels, type MetricFamily } from "@/lib/spanmetrics";
import { ODD_SPAN_NAME } from "@/tests/fixtures/truth-scenario";
import { call, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";
import { startVictoria, type TestVictoria } from "@/tests/helpers/victoria";
import { GET as getExemplars } from "@/app/api/slos/[id]/exemplars/route";
import { GET as getCheck } from "@/app/api/slos/[id]/exemplars/check/route";
import { POST as postSlo } from "@/app/api/slos/route";
import { POST as postDatasource } from "@/app/api/datasources/route";

const NOW = Math.floor(Date.now() / 1000);
const T0 = NOW - 60;
const pad = (id: string) => id.padStart(32, "0");

type Obs = { value: number; trace?: string; at?: number };
interface SeriesSpec {
  spanName: string;
  statusCode?: string;
  obs: Obs[];
}

function family(profile: ProducerProfile, service: string, series: SeriesSpec[]): MetricFamily {
  return {
    type: "histogram",
    name: profile.histogram,
    bounds: profile.defaultBuckets,
    exemplarTraceLabel: profile.exemplarTraceLabel,
    series: series.map((s) => {
      const st = newHistogramState(profile.defaultBuckets);
      s.obs.forEach((o, i) => observe(st, o.value, o.trace ? { traceId: o.trace, timestampSeconds: o.at ?? T0 + i } : undefined));
      const labels = spanLabels(profile, { service, spanName: s.spanName, spanKind: "SPAN_KIND_SERVER", statusCode: s.statusCode ?? "STATUS_CODE_UNSET" });
      return { labels, points: [snapshot(st, undefined, true)] };
    }),
  };
}

// Tempo, threshold 0.5 s: one exemplar per bucket; "…a7" is seen on both series (its slowest counts).
const TEMPO_FAM = family(TEMPO, "checkout", [
  {
    spanName: ODD_SPAN_NAME,
    obs: [
      { value: 0.003 },
      { value: 0.2, trace: "a1", at: T0 + 1 }, // le 0.256, below
      { value: 0.9, trace: "b2b2b2b2b2b2b2b2", at: T0 + 2 }, // le 1.024, above, 64-bit id
      { value: 20.5, trace: "c3", at: T0 + 3 }, // +Inf bucket
      { value: 0.45, trace: "a7", at: T0 + 4 }, // le 0.512, below
    ],
  },
  { spanName: ODD_SPAN_NAME, statusCode: "STATUS_CODE_ERROR", obs: [{ value: 3, trace: "e5", at: T0 + 5 }, { value: 0.05, trace: "a7", at: T0 + 6 }] },
  { spanName: "other-op", obs: [{ value: 9, trace: "ff", at: T0 + 7 }] },
]);
// OTel, threshold 0.3 s = 300 ms: values in ms must come back as seconds.
const OTEL_FAM = family(OTEL_MS, "cart", [
  { spanName: "GET /cart", obs: [{ value: 310, trace: "0d0d", at: T0 + 8 }, { value: 150, trace: "0e0e", at: T0 + 9 }, { value: 1200, trace: "0f0f", at: T0 + 10 }] },
]);

// The stand-in Tempo has these traces; every other id is "not found" (sampled out).
const FOUND = new Set([pad("b2b2b2b2b2b2b2b2"), pad("c3"), pad("0f0f")]);
let scrape: http.Server;
let tempo: http.Server;
let tempoUrl: string;
const tempoAsked: string[] = [];
let prom: TestPrometheus;
let vm: TestVictoria;
setupCatalogueDatabase();

const listen = async (s: http.Server) => {
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return `127.0.0.1:${(s.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  const body = renderOpenMetricsScrape([TEMPO_FAM, OTEL_FAM]);
  scrape = http.createServer((_req, res) => res.writeHead(200, { "content-type": OPENMETRICS_CONTENT_TYPE }).end(body));
  tempo = http.createServer((req, res) => {
    const id = /^\/api\/v2\/traces\/([0-9a-f]+)$/.exec(req.url ?? "")?.[1] ?? "";
    tempoAsked.push(id);
    // One-span trace in OTLP JSON (hex ids) as Tempo's v2 API answers it.
    const span = { traceId: id, spanId: "00000000000000a1", name: "PlaceOrder", kind: "SPAN_KIND_SERVER", startTimeUnixNano: "1000", endTimeUnixNano: "2000" };
    const trace = { trace: { resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "checkout" } }] }, scopeSpans: [{ spans: [span] }] }] } };
    if (FOUND.has(id)) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(trace));
    else res.writeHead(404).end();
  });
  const [target, t] = await Promise.all([listen(scrape), listen(tempo)]);
  tempoUrl = `http://${t}`;
  [prom, vm] = await Promise.all([startPrometheus({ scrapeTargets: [target] }), startVictoria()]);
  // Wait until the last exemplar of the scrape is stored.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await fetch(`${prom.url}/api/v1/query_exemplars?query=${encodeURIComponent(`{__name__=~"traces_.*_bucket"}`)}&start=${T0 - 10}&end=${NOW + 600}`);
    const d = (await r.json()) as { data: { exemplars: unknown[] }[] };
    if (d.data.flatMap((s) => s.exemplars).length >= 9) break;
    if (Date.now() > deadline) throw new Error(`exemplars did not arrive: ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([prom?.stop(), vm?.stop(), ...[scrape, tempo].map((s) => new Promise((r) => s?.close(r)))]);
});

async function slo(fields: { prometheusUrl: string; producerProfile: string; traceBackend?: string; traceUrl?: string }, sel: { service: string; operation: string; thresholdSeconds: number }) {
  const ds = await call(postDatasource, { json: { slug: `ds-${Math.random().toString(36).slice(2, 8)}`, name: "ds", ...fields } });
  expect(ds.status, JSON.stringify(ds.body)).toBe(201);
  const s = await call(postSlo, {
    json: { slug: `slo-${Math.random().toString(36).slice(2, 8)}`, name: "exemplars", service: sel.service, operation: sel.operation, thresholdSeconds: sel.thresholdSeconds, objective: 0.99, window: { kind: "rolling", days: 7 }, datasourceId: ds.body.id },
  });
  expect(s.status, JSON.stringify(s.body)).toBe(201);
  return s.body.id as string;
}

async function exemplars(id: string, query: Record<string, string> = {}) {
  const res = await call(getExemplars, { params: { id }, query: { from: String(T0 - 10), to: String(NOW + 600), ...query } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return SloExemplarsResponse.parse(res.body);
}

describe("Tempo profile (traceID, seconds)", () => {
  // The catalogue is emptied before every test: each makes its SLO.
  const tempoSlo = () => slo({ prometheusUrl: prom.url, producerProfile: "auto", traceBackend: "tempo", traceUrl: tempoUrl }, { service: "checkout", operation: ODD_SPAN_NAME, thresholdSeconds: 0.5 });

  it("the SLO's own series only, one per trace, slowest first, ids padded, buckets and labels read", async () => {
    const id = await tempoSlo();
    const r = await exemplars(id);
    expect(r.source.profile).toBe("tempo");
    expect(r.exemplars.map((e) => [e.traceId, e.valueSeconds, e.bucketLeSeconds, e.aboveThreshold, e.statusCode])).toEqual([
      [pad("c3"), 20.5, null, true, "STATUS_CODE_UNSET"],
      [pad("e5"), 3, 4.096, true, "STATUS_CODE_ERROR"],
      [pad("b2b2b2b2b2b2b2b2"), 0.9, 1.024, true, "STATUS_CODE_UNSET"],
      [pad("a7"), 0.45, 0.512, false, "STATUS_CODE_UNSET"],
      [pad("a1"), 0.2, 0.256, false, "STATUS_CODE_UNSET"],
    ]);
    expect(r.exemplars.every((e) => e.service === "checkout" && e.operation === ODD_SPAN_NAME && e.spanKind === "SPAN_KIND_SERVER")).toBe(true);
    expect(r.exemplars[2].timestamp).toBeCloseTo(T0 + 2, 3);
    expect(r.matched).toBe(5);
  });

  it("honest: found / missing from the trace backend", async () => {
    const id = await tempoSlo();
    const r = await exemplars(id);
    expect(Object.fromEntries(r.exemplars.map((e) => [e.traceId.replace(/^0+/, ""), e.trace]))).toEqual({ c3: "found", e5: "missing", b2b2b2b2b2b2b2b2: "found", a7: "missing", a1: "missing" });
    expect(r.traces).toMatchObject({ backend: "tempo", checked: 5, found: 2, missing: 3, note: null });
  });

  it("above=1 keeps the requests slower than the threshold; limit cuts after sorting", async () => {
    const id = await tempoSlo();
    expect((await exemplars(id, { above: "1" })).exemplars.map((e) => e.valueSeconds)).toEqual([20.5, 3, 0.9]);
    const r = await exemplars(id, { above: "1", limit: "2" });
    expect(r.exemplars.map((e) => e.valueSeconds)).toEqual([20.5, 3]);
    expect(r.matched).toBe(3);
  });

  it("label/value narrows to one dimension value; a range without exemplars is empty", async () => {
    const id = await tempoSlo();
    expect((await exemplars(id, { label: "status_code", value: "STATUS_CODE_ERROR" })).exemplars.map((e) => e.traceId)).toEqual([pad("e5"), pad("a7")]);
    const none = await exemplars(id, { from: String(T0 - 3600), to: String(T0 - 1800) });
    expect(none.exemplars).toEqual([]);
    expect(none.warnings.join(" ")).toMatch(/no exemplars in this range/);
  });

  it("bad input is a 400 naming the parameter", async () => {
    const id = await tempoSlo();
    const bad = await call(getExemplars, { params: { id }, query: { from: String(T0), to: String(NOW), label: "status-code", value: "x" } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/label/);
    const alone = await call(getExemplars, { params: { id }, query: { from: String(T0), to: String(NOW), label: "status_code" } });
    expect(alone.status).toBe(400);
    const big = await call(getExemplars, { params: { id }, query: { from: String(T0), to: String(NOW), limit: "1001" } });
    expect(big.status).toBe(400);
  });

  it("check: one trace asked again before opening it, a missing one said in words", async () => {
    const id = await tempoSlo();
    const found = TraceCheckResponse.parse((await call(getCheck, { params: { id }, query: { traceId: "B2B2B2B2B2B2B2B2" } })).body);
    expect(found).toEqual({ traceId: pad("b2b2b2b2b2b2b2b2"), trace: "found", note: null });
    const missing = TraceCheckResponse.parse((await call(getCheck, { params: { id }, query: { traceId: "a1" } })).body);
    expect(missing.trace).toBe("missing");
    expect(missing.note).toMatch(/no longer in Tempo: it was probably sampled out or is past retention/);
    expect((await call(getCheck, { params: { id }, query: { traceId: "zz" } })).status).toBe(400);
  });
});

describe("OTel profile (trace_id, milliseconds)", () => {
  it("values converted to seconds; no trace backend said so, nothing checked", async () => {
    const id = await slo({ prometheusUrl: prom.url, producerProfile: "otel" }, { service: "cart", operation: "GET /cart", thresholdSeconds: 0.3 });
    const asked = tempoAsked.length;
    const r = await exemplars(id);
    expect(r.source).toMatchObject({ profile: "otel", unit: "milliseconds" });
    expect(r.exemplars.map((e) => [e.traceId, e.valueSeconds, e.bucketLeSeconds, e.aboveThreshold, e.trace])).toEqual([
      [pad("0f0f"), 1.2, 1.4, true, "unchecked"],
      [pad("0d0d"), 0.31, 0.4, true, "unchecked"],
      [pad("0e0e"), 0.15, 0.2, false, "unchecked"],
    ]);
    expect(r.traces).toMatchObject({ backend: "none", checked: 0 });
    expect(r.traces.note).toMatch(/no trace backend/);
    expect(tempoAsked.length).toBe(asked);
  });
});

describe("VictoriaMetrics", () => {
  it("stores no exemplars: an empty list with a warning, not an error", async () => {
    const id = await slo({ prometheusUrl: vm.url, producerProfile: "tempo" }, { service: "checkout", operation: ODD_SPAN_NAME, thresholdSeconds: 0.5 });
    const r = await exemplars(id);
    expect(r.exemplars).toEqual([]);
    expect(r.warnings.join(" ")).toMatch(/VictoriaMetrics does not store exemplars/);
  });
});
