// The demo's past exemplars: written by remote write into a real Prometheus 2.42 with exemplar
// storage (the backfill carries none), after the world server's first scrape and before its first
// live exemplar; query_exemplars returns them at their past times, every one's trace resolves on
// the world server's Tempo API, and live exemplars keep arriving after the seeded ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAggregator } from "@/lib/demo/aggregate";
import { boundsInMs, historyFamilies, newSeriesBank, sampleInstants } from "@/lib/demo/history";
import { LiveWorld } from "@/lib/demo/live";
import { buildModels } from "@/lib/demo/model";
import { HANDY_SITE_CORP } from "@/lib/demo/world";
import { TEMPO } from "@/lib/promql/profiles";
import { renderOpenMetricsBackfill } from "@/lib/spanmetrics/render";
import { seedPastExemplars, type SeedExemplarsResult } from "@/scripts/demo/seed-exemplars";
import { startWorldServer, type WorldServer } from "@/scripts/demo/world-server";
import { startPrometheus, type TestPrometheus } from "../helpers/prometheus";

const MIN = 60_000;
const world = HANDY_SITE_CORP;
const now = Date.now();
const start = Math.floor(now / MIN) * MIN - 4 * 60 * MIN;
const seedFrom = start + 30 * MIN;
const seedTo = start + 150 * MIN;
let server: WorldServer;
let prom: TestPrometheus;
let seeded: SeedExemplarsResult;

beforeAll(async () => {
  const models = buildModels(world, { seed: "seed-it", samplesPerEntry: 500 });
  const agg = createAggregator(world, { seed: "seed-it", anchorMs: now, boundsMs: boundsInMs(TEMPO), models });
  const bank = newSeriesBank(TEMPO, agg.keys, start);
  const instants = [start, ...sampleInstants(start, now - MIN, { fineStepMs: 5 * MIN, coarseStepMs: 5 * MIN, fineSpanMs: 0 })];
  const history = [...renderOpenMetricsBackfill(historyFamilies(agg, bank, instants))].join("");
  const live = new LiveWorld(bank, { world, seed: "seed-it", anchorMs: now, holdExemplars: true });
  server = await startWorldServer({ live, resource: { serviceVersions: world.serviceVersions, scope: { name: "demo", version: "1" } } });
  const target = new URL(server.url).host;
  prom = await startPrometheus({ openMetrics: history, scrapeTargets: [target], extraFlags: ["--web.enable-remote-write-receiver"] });
  seeded = await seedPastExemplars({ live, prometheusUrl: prom.url, targetLabels: { job: "target0", instance: target }, seed: "seed-it", world, anchorMs: now, fromMs: seedFrom, toMs: seedTo, stepMs: 5 * MIN, eventStepMs: MIN, entries: ["frontend/POST /checkout"] });
}, 300_000);

afterAll(async () => {
  await prom?.stop();
  await server?.close();
});

type Ex = { seriesLabels: Record<string, string>; exemplars: { labels: Record<string, string>; value: string; timestamp: number }[] }[];
const exemplars = async (query: string, fromS: number, toS: number) => {
  const r = (await (await fetch(`${prom.url}/api/v1/query_exemplars?${new URLSearchParams({ query, start: String(fromS), end: String(toS) })}`)).json()) as { data: Ex };
  return r.data.flatMap((s) => s.exemplars.map((e) => ({ ...e, series: s.seriesLabels })));
};

describe("seeded past exemplars", () => {
  it("are in Prometheus at their past times, on the series of their spans", async () => {
    expect(seeded.traces).toBe(24);
    const past = await exemplars(`traces_spanmetrics_latency_bucket{service="checkout", span_name="PlaceOrder"}`, seedFrom / 1000, seedTo / 1000 + 60);
    // One POST /checkout request every 5 minutes for two hours: every one runs PlaceOrder.
    expect(past.length).toBeGreaterThanOrEqual(20);
    for (const e of past) {
      expect(e.timestamp * 1000).toBeGreaterThanOrEqual(seedFrom - MIN);
      expect(e.timestamp * 1000).toBeLessThanOrEqual(seedTo + MIN);
      const le = e.series.le === "+Inf" ? Infinity : Number(e.series.le);
      expect(Number(e.value)).toBeLessThanOrEqual(le);
    }
  });

  it("every seeded trace resolves on the world server (ids padded back to 32 digits)", async () => {
    const past = await exemplars(`traces_spanmetrics_latency_bucket{service="checkout"}`, seedFrom / 1000, seedTo / 1000 + 60);
    const ids = [...new Set(past.map((e) => e.labels.traceID))];
    expect(ids.length).toBeGreaterThanOrEqual(20);
    for (const id of ids.slice(0, 10)) {
      const res = await fetch(`${server.url}/api/v2/traces/${id.padStart(32, "0")}`);
      expect(res.status, id).toBe(200);
      const body = (await res.json()) as { trace: { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] } }[] } };
      expect(body.trace.resourceSpans.map((r) => r.resource.attributes.find((a) => a.key === "service.name")?.value.stringValue)).toContain("checkout");
    }
  });

  it("live exemplars arrive after the seeded ones", async () => {
    const deadline = Date.now() + 20_000;
    let live: Awaited<ReturnType<typeof exemplars>> = [];
    while (Date.now() < deadline && live.length === 0) {
      live = await exemplars(`traces_spanmetrics_latency_bucket{service="frontend"}`, Date.now() / 1000 - 30, Date.now() / 1000 + 5);
      if (live.length === 0) await new Promise((r) => setTimeout(r, 500));
    }
    expect(live.length).toBeGreaterThan(0);
  });
});
