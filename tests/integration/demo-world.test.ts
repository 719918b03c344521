// The demo world server against a real Prometheus: backfilled history plus live scrapes with
// exemplars, and every exemplar's trace resolving through the Tempo-shaped trace-by-ID API and
// the Jaeger-shaped one on the second listener.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAggregator } from "@/lib/demo/aggregate";
import { boundsInMs, historyFamilies, newSeriesBank, sampleInstants } from "@/lib/demo/history";
import { LiveWorld } from "@/lib/demo/live";
import { buildModels } from "@/lib/demo/model";
import { HANDY_SITE_CORP } from "@/lib/demo/world";
import { TEMPO } from "@/lib/promql/profiles";
import { OPENMETRICS_CONTENT_TYPE, renderOpenMetricsBackfill } from "@/lib/spanmetrics/render";
import { startWorldServer, type WorldServer } from "@/scripts/demo/world-server";
import { startPrometheus, type TestPrometheus } from "../helpers/prometheus";

const MIN = 60_000;
const world = HANDY_SITE_CORP;
const resource = { serviceVersions: world.serviceVersions, scope: { name: "demo", version: "1" } };

let server: WorldServer;
let tenantServer: WorldServer;
let prom: TestPrometheus;

beforeAll(async () => {
  const now = Date.now();
  const start = Math.floor(now / MIN) * MIN - 30 * MIN;
  const models = buildModels(world, { seed: "it", samplesPerEntry: 1000 });
  const agg = createAggregator(world, { seed: "it", anchorMs: now, boundsMs: boundsInMs(TEMPO), models });
  const bank = newSeriesBank(TEMPO, agg.keys, start);
  const instants = [start, ...sampleInstants(start, start + 29 * MIN, { fineStepMs: MIN, coarseStepMs: MIN, fineSpanMs: 0 })];
  const history = [...renderOpenMetricsBackfill(historyFamilies(agg, bank, instants))].join("");

  // The live producer continues the backfilled counters from the last backfilled minute.
  const live = new LiveWorld(bank, { world, seed: "it", anchorMs: now });
  server = await startWorldServer({ live, resource, jaegerPort: 0 });
  tenantServer = await startWorldServer({ live, resource, tenant: "acme" });
  prom = await startPrometheus({ openMetrics: history, scrapeTargets: [new URL(server.url).host] });
});

afterAll(async () => {
  await prom?.stop();
  await server?.close();
  await tenantServer?.close();
});

async function promQuery(path: string, params: Record<string, string>) {
  const res = await fetch(`${prom.url}${path}?${new URLSearchParams(params)}`);
  const body = (await res.json()) as { status: string; data: unknown };
  expect(body.status).toBe("success");
  return body.data;
}

type ExemplarResult = { seriesLabels: Record<string, string>; exemplars: { labels: Record<string, string>; value: string }[] }[];

async function exemplarsFromPrometheus(): Promise<ExemplarResult> {
  const end = Date.now() / 1000 + 5;
  return (await promQuery("/api/v1/query_exemplars", {
    query: "traces_spanmetrics_latency_bucket",
    start: String(end - 600),
    end: String(end),
  })) as ExemplarResult;
}

function expectTempoTrace(body: unknown, hexId: string) {
  const b = body as { batches: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
  expect(b.batches.length).toBeGreaterThan(0);
  for (const batch of b.batches) {
    expect(batch.resource.attributes.find((a) => a.key === "service.name")?.value.stringValue).toMatch(/^[a-z]+$/);
    for (const span of batch.scopeSpans.flatMap((s) => s.spans)) {
      expect(Buffer.from(span.traceId as string, "base64").toString("hex")).toBe(hexId);
      expect(Buffer.from(span.spanId as string, "base64")).toHaveLength(8);
      expect(span.startTimeUnixNano).toMatch(/^\d+$/);
      expect(span.endTimeUnixNano).toMatch(/^\d+$/);
      expect(span.kind).toMatch(/^SPAN_KIND_/);
      expect(typeof span.name).toBe("string");
    }
  }
}

describe("demo world server", () => {
  it("serves valid OpenMetrics with exemplars that Prometheus ingests", async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get("content-type")).toBe(OPENMETRICS_CONTENT_TYPE);
    const text = await res.text();
    expect(text.endsWith("# EOF\n")).toBe(true);
    expect(text).toMatch(/^traces_spanmetrics_latency_bucket\{service="checkout",span_name="PlaceOrder",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_UNSET",le="[0-9.]+"\} \d+ # \{traceID="[0-9a-f]{1,32}"\} [0-9.e-]+ \d+(\.\d+)?$/m);

    // Prometheus scrapes every second; exemplars show up after the first scrapes.
    let found: ExemplarResult = [];
    for (let i = 0; i < 40 && found.length < 20; i++) {
      await new Promise((r) => setTimeout(r, 500));
      found = await exemplarsFromPrometheus();
    }
    expect(found.length).toBeGreaterThanOrEqual(20);
    const targets = (await promQuery("/api/v1/targets", {})) as { activeTargets: { health: string; lastError: string }[] };
    expect(targets.activeTargets[0]).toMatchObject({ health: "up", lastError: "" });
  });

  it("continues the backfilled counters (live values are at least the last backfilled ones)", async () => {
    const q = async (query: string) => Number(((await promQuery("/api/v1/query", { query })) as { result: { value: [number, string] }[] }).result[0]?.value[1]);
    const backfilled = await q('sum(last_over_time(traces_spanmetrics_calls_total{job=""}[2h]))');
    const live = await q('sum(traces_spanmetrics_calls_total{job!=""})');
    expect(backfilled).toBeGreaterThan(1000);
    expect(live).toBeGreaterThanOrEqual(backfilled);
  });

  it("resolves the trace of every exemplar Prometheus stored, in Tempo's v1 and v2 shapes", async () => {
    const ids = new Set((await exemplarsFromPrometheus()).flatMap((s) => s.exemplars.map((e) => e.labels.traceID)));
    expect(ids.size).toBeGreaterThan(10);
    for (const id of ids) {
      const full = id.padStart(32, "0");
      const v1 = await fetch(`${server.url}/api/traces/${id}`);
      expect(v1.status, id).toBe(200);
      expect(v1.headers.get("content-type")).toBe("application/json");
      expectTempoTrace(await v1.json(), full);
    }
    const one = [...ids][0];
    const v2 = (await (await fetch(`${server.url}/api/v2/traces/${one}`)).json()) as { trace: { resourceSpans: unknown[] } };
    expectTempoTrace({ batches: v2.trace.resourceSpans }, one.padStart(32, "0"));
  });

  it("answers unknown ids with an empty 404 and malformed ids with a 400, like Tempo", async () => {
    for (const path of ["/api/traces/", "/api/v2/traces/"]) {
      const missing = await fetch(`${server.url}${path}0123456789abcdef0123456789abcdef`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toBe("");
      const bad = await fetch(`${server.url}${path}not-hex`);
      expect(bad.status).toBe(400);
    }
  });

  it("honours X-Scope-OrgID when a tenant is configured", async () => {
    const [ex] = await exemplarsFromPrometheus();
    const id = ex.exemplars[0].labels.traceID;
    expect((await fetch(`${tenantServer.url}/api/traces/${id}`)).status).toBe(401);
    expect((await fetch(`${tenantServer.url}/api/traces/${id}`, { headers: { "X-Scope-OrgID": "other" } })).status).toBe(404);
    expect((await fetch(`${tenantServer.url}/api/traces/${id}`, { headers: { "X-Scope-OrgID": "acme" } })).status).toBe(200);
  });

  describe("Jaeger stand-in", () => {
    type JaegerBody = {
      data: { traceID: string; spans: { spanID: string; operationName: string; startTime: number; duration: number; processID: string; references: { refType: string; spanID: string }[]; tags: { key: string; type: string }[] }[]; processes: Record<string, { serviceName: string }> }[] | null;
      errors: { code: number; msg: string }[] | null;
    };

    it("listens on its own port; Tempo's stays Tempo's", () => {
      expect(server.jaegerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.jaegerUrl).not.toBe(server.url);
      expect(tenantServer.jaegerUrl).toBeUndefined();
    });

    it("resolves every exemplar's trace in Jaeger's envelope, the same spans as Tempo's", async () => {
      const ids = new Set((await exemplarsFromPrometheus()).flatMap((s) => s.exemplars.map((e) => e.labels.traceID)));
      expect(ids.size).toBeGreaterThan(10);
      for (const id of ids) {
        const res = await fetch(`${server.jaegerUrl}/api/traces/${id}`);
        expect(res.status, id).toBe(200);
        expect(res.headers.get("content-type")).toBe("application/json");
        const body = (await res.json()) as JaegerBody;
        expect(body.errors).toBeNull();
        const [t] = body.data!;
        expect(t.traceID.padStart(32, "0")).toBe(id.padStart(32, "0"));
        const roots = t.spans.filter((s) => s.references.length === 0);
        expect(roots).toHaveLength(1);
        const spanIds = new Set(t.spans.map((s) => s.spanID));
        for (const s of t.spans) {
          expect(s.spanID).toMatch(/^[0-9a-f]{16}$/);
          expect(Number.isSafeInteger(s.startTime) && s.startTime > 1.7e15).toBe(true);
          expect(t.processes[s.processID]?.serviceName).toMatch(/^[a-z]+$/);
          for (const r of s.references) expect(r.refType === "CHILD_OF" && spanIds.has(r.spanID)).toBe(true);
          expect(s.tags.find((g) => g.key === "span.kind")).toBeDefined();
        }
      }
      // Same trace, two shapes: span count and the root's duration (µs vs ns) agree.
      const one = [...ids][0];
      const jaeger = ((await (await fetch(`${server.jaegerUrl}/api/traces/${one}`)).json()) as JaegerBody).data![0];
      const tempo = (await (await fetch(`${server.url}/api/traces/${one}`)).json()) as { batches: { scopeSpans: { spans: { parentSpanId?: string; startTimeUnixNano: string; endTimeUnixNano: string }[] }[] }[] };
      const tempoSpans = tempo.batches.flatMap((b) => b.scopeSpans.flatMap((s) => s.spans));
      expect(jaeger.spans).toHaveLength(tempoSpans.length);
      const tempoRoot = tempoSpans.find((s) => !s.parentSpanId)!;
      const rootNs = BigInt(tempoRoot.endTimeUnixNano) - BigInt(tempoRoot.startTimeUnixNano);
      const jaegerRoot = jaeger.spans.find((s) => s.references.length === 0)!;
      expect(Math.abs(jaegerRoot.duration - Number(rootNs / 1000n))).toBeLessThanOrEqual(1);
    });

    it("answers an unknown trace with Jaeger's 404 envelope and a malformed one with a 400", async () => {
      const missing = await fetch(`${server.jaegerUrl}/api/traces/0123456789abcdef0123456789abcdef`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: "trace not found" }] });
      const bad = await fetch(`${server.jaegerUrl}/api/traces/not-hex`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as JaegerBody).errors![0].code).toBe(400);
    });

    it("lists the services and knows nothing of Tempo's paths", async () => {
      const services = (await (await fetch(`${server.jaegerUrl}/api/services`)).json()) as { data: string[]; total: number; errors: null };
      expect(services.data).toContain("checkout");
      expect(services.total).toBe(services.data.length);
      expect([...services.data].sort()).toEqual(services.data);
      expect((await fetch(`${server.jaegerUrl}/api/echo`)).status).toBe(404);
      expect((await fetch(`${server.jaegerUrl}/metrics`)).status).toBe(404);
    });
  });
});
