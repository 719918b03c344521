// From an exemplar to the trace behind it, against a real Prometheus with exemplar storage that
// scrapes two demo worlds: one writing Tempo's span metrics (exemplar label `traceID`, seconds),
// one the OTel connector's (`trace_id`, milliseconds). Each exemplar's ID is normalised (Tempo's
// strip leading zeros) and followed through the real adapters to both of the demo's trace
// stand-ins, Tempo's API and Jaeger's; then the same path through the app's own API
// (GET /api/slos/:id/exemplars → GET /api/traces/:traceId). The trace must be the request the
// exemplar describes: the span of the exemplar's series is in it, with the exemplar's duration,
// and for an entry operation that span is the trace's root.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matcher, render, selector } from "@/lib/promql/ast";
import { fromProducerUnit, OTEL_MS, TEMPO, type ProducerProfile } from "@/lib/promql/profiles";
import { HANDY_SITE_CORP } from "@/lib/demo/world";
import { createMetricsSource } from "@/lib/server/metrics/client";
import type { ExemplarSeries } from "@/lib/server/metrics/schemas";
import { traceSourceFor } from "@/lib/server/traces";
import { normaliseTraceId } from "@/lib/traces/ids";
import { SloExemplarsResponse } from "@/lib/schemas/exemplars";
import { Trace } from "@/lib/schemas/trace";
import * as datasources from "@/app/api/datasources/route";
import * as slos from "@/app/api/slos/route";
import * as exemplarsRoute from "@/app/api/slos/[id]/exemplars/route";
import * as traceRoute from "@/app/api/traces/[traceId]/route";
import type { WorldServer } from "@/scripts/demo/world-server";
import { call, datasourceInput, setupCatalogueDatabase, sloInput } from "@/tests/helpers/catalogue";
import { startDemoWorld } from "@/tests/helpers/demo-world";
import { startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";

setupCatalogueDatabase();

const PROFILES = [TEMPO, OTEL_MS] as const;
type World = WorldServer & { jaegerUrl: string };
const worlds = new Map<ProducerProfile, World>();
let prom: TestPrometheus;

/** Entry operations: their server span is the root of every trace they start. */
const ENTRY_OPS = new Set(HANDY_SITE_CORP.entries.map((e) => e.op));
/** Jaeger keeps microseconds (each end truncated), and exemplar values are doubles: 2 µs of slack. */
const DURATION_SLACK_NS = 2_000;

const exemplarQuery = (p: ProducerProfile, world: World) =>
  render(selector(`${p.histogram}_bucket`, [matcher("instance", "=", new URL(world.url).host)]));

async function exemplarsOf(p: ProducerProfile): Promise<ExemplarSeries[]> {
  const nowS = Date.now() / 1000;
  const r = await createMetricsSource({ baseUrl: prom.url }).queryExemplars(exemplarQuery(p, worlds.get(p)!), nowS - 600, nowS + 5);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.filter((s) => s.exemplars.length > 0);
}

beforeAll(async () => {
  // Opens the catalogue's connection pool now: on a loaded machine the first transaction of a cold
  // pool could miss Prisma's start deadline (P2028) inside a test.
  expect((await call(datasources.GET)).status).toBe(200);
  // Different seeds: the two worlds' traces must not share IDs.
  for (const p of PROFILES) worlds.set(p, await startDemoWorld(p, { seed: `x2t-${p.id}` }));
  prom = await startPrometheus({ scrapeTargets: [...worlds.values()].map((w) => new URL(w.url).host) });
  // Enough exemplars from both producers, including some on entry operations.
  for (let i = 0; i < 80; i++) {
    const counts = await Promise.all(PROFILES.map(async (p) => (await exemplarsOf(p)).flatMap((s) => s.exemplars).length));
    if (counts.every((n) => n >= 40)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
}, 90_000);

afterAll(async () => {
  await prom?.stop();
  for (const w of worlds.values()) await w.close();
});

describe.each(PROFILES)("exemplars written by the $id producer", (p) => {
  const other = p === TEMPO ? OTEL_MS : TEMPO;

  it(`carry the trace ID under ${p.exemplarTraceLabel} (and never ${other.exemplarTraceLabel})`, async () => {
    const all = (await exemplarsOf(p)).flatMap((s) => s.exemplars);
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const e of all) {
      expect(Object.keys(e.labels)).toEqual([p.exemplarTraceLabel]);
      expect(e.labels[p.exemplarTraceLabel]).toMatch(/^[0-9a-f]{1,32}$/);
    }
  });

  it.each(["tempo", "jaeger"] as const)("resolve to their traces on the %s stand-in through its adapter", async (backend) => {
    const world = worlds.get(p)!;
    const source = traceSourceFor({ traceBackend: backend, traceUrl: backend === "tempo" ? world.url : world.jaegerUrl, tenant: "", traceAuth: { kind: "none" } })!;
    const isEntry = (s: ExemplarSeries) => ENTRY_OPS.has(`${s.seriesLabels[p.labels.service]}/${s.seriesLabels[p.labels.spanName]}`);
    // Entry operations first, so roots are always among the series followed.
    const series = (await exemplarsOf(p)).sort((a, b) => Number(isEntry(b)) - Number(isEntry(a)));
    let followed = 0;
    let roots = 0;
    for (const s of [...series.slice(0, 20), ...series.slice(-20)]) {
      const svc = s.seriesLabels[p.labels.service];
      const op = s.seriesLabels[p.labels.spanName];
      const kind = s.seriesLabels[p.labels.spanKind];
      for (const e of s.exemplars.slice(-2)) {
        const raw = e.labels[p.exemplarTraceLabel];
        const id = normaliseTraceId(raw);
        expect(id.ok, raw).toBe(true);
        if (!id.ok) continue;
        // Tempo's exemplars strip leading zeros (about one ID in sixteen): padded back to 32.
        expect(id.hex).toBe(raw.padStart(32, "0"));

        const r = await source.traceById(raw);
        expect(r.ok, `${backend} ${raw}: ${r.ok ? "" : r.error.message}`).toBe(true);
        if (!r.ok) continue;
        const trace = Trace.parse(r.value);
        expect(trace.traceId).toBe(id.hex);
        expect(trace.orphanSpanIds).toEqual([]);
        expect(trace.rootSpanIds).toHaveLength(1);

        const wantNs = fromProducerUnit(e.value, p.unit) * 1e9;
        const matching = trace.spans.filter((sp) => sp.service === svc && sp.name === op && `SPAN_KIND_${sp.kind.toUpperCase()}` === kind);
        expect(matching.length, `${svc}/${op} in ${raw}`).toBeGreaterThan(0);
        // The exemplar is one of those spans: its duration, to the producer's precision.
        const closest = Math.min(...matching.map((sp) => Math.abs(sp.durationNs - wantNs)));
        expect(closest, `${svc}/${op} ${e.value} ${p.unit}`).toBeLessThanOrEqual(DURATION_SLACK_NS);

        if (ENTRY_OPS.has(`${svc}/${op}`) && kind === "SPAN_KIND_SERVER") {
          const root = trace.spans.find((sp) => sp.spanId === trace.rootSpanIds[0])!;
          expect({ service: root.service, name: root.name }).toEqual({ service: svc, name: op });
          expect(Math.abs(root.durationNs - wantNs)).toBeLessThanOrEqual(DURATION_SLACK_NS);
          expect(Math.abs(trace.summary.durationNs - wantNs)).toBeLessThanOrEqual(DURATION_SLACK_NS);
          roots++;
        }
        followed++;
      }
    }
    expect(followed).toBeGreaterThanOrEqual(20);
    expect(roots).toBeGreaterThan(0);
  });
});

describe("through the app's API", () => {
  it.each(PROFILES.flatMap((p) => (["tempo", "jaeger"] as const).map((backend) => [p.id, backend, p] as const)))(
    "%s exemplars of an SLO open their traces on %s, root and latency matching",
    async (_id, backend, p) => {
      const world = worlds.get(p)!;
      const ds = await call(datasources.POST, {
        json: datasourceInput({
          slug: `x2t-${p.id}-${backend}`,
          prometheusUrl: prom.url,
          producerProfile: p.id,
          traceBackend: backend,
          traceUrl: backend === "tempo" ? world.url : world.jaegerUrl,
        }),
      });
      expect(ds.status).toBe(201);
      const slo = await call(slos.POST, {
        json: sloInput(ds.body.id, { slug: `x2t-${p.id}-${backend}`, service: "frontend", operation: "GET /products", spanKind: "SPAN_KIND_SERVER", thresholdSeconds: 0.256 }),
      });
      expect(slo.status, JSON.stringify(slo.body)).toBe(201);

      const nowS = Math.floor(Date.now() / 1000);
      const res = await call(exemplarsRoute.GET, { params: { id: slo.body.id }, query: { from: String(nowS - 600), to: String(nowS + 5) } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const body = SloExemplarsResponse.parse(res.body);
      expect(body.source).toMatchObject({ profile: p.id, unit: p.unit });
      expect(body.traces.backend).toBe(backend);
      expect(body.exemplars.length).toBeGreaterThanOrEqual(3);
      // Every checked trace was found: the stand-in keeps the traces its exemplars point at.
      expect(body.traces.missing).toBe(0);
      expect(body.traces.found).toBe(body.traces.checked);

      for (const e of body.exemplars.slice(0, 10)) {
        expect(e).toMatchObject({ service: "frontend", operation: "GET /products", spanKind: "SPAN_KIND_SERVER" });
        const t = await call(traceRoute.GET, { params: { traceId: e.traceId }, query: { datasource: ds.body.id } });
        expect(t.status, JSON.stringify(t.body)).toBe(200);
        const trace = Trace.parse(t.body);
        const root = trace.spans.find((sp) => sp.spanId === trace.rootSpanIds[0])!;
        expect({ service: root.service, name: root.name, kind: root.kind }).toEqual({ service: "frontend", name: "GET /products", kind: "server" });
        // valueSeconds came from the producer's unit; the trace's root lasted exactly that long.
        expect(Math.abs(root.durationNs - e.valueSeconds * 1e9)).toBeLessThanOrEqual(DURATION_SLACK_NS);
        expect(e.aboveThreshold).toBe(e.valueSeconds > 0.256);
      }
      // A trace no exemplar names is a 404 that says why, in words.
      const missing = await call(traceRoute.GET, { params: { traceId: "0123456789abcdef0123456789abcdef" }, query: { datasource: ds.body.id } });
      expect(missing.status).toBe(404);
      expect(missing.body.detail).toMatch(/sampled out|retention/);
    },
    30_000,
  );
});
