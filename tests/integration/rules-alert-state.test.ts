// GET /api/slos/:id/alerts (issue 18, part 3's data): each generated alert's state and firing
// history, read from a real Prometheus's ALERTS series (backfilled as Prometheus itself writes them).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as alertsRoute from "@/app/api/slos/[id]/alerts/route";
import * as collection from "@/app/api/slos/route";
import * as datasources from "@/app/api/datasources/route";
import { call, datasourceInput, sloInput, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";

setupCatalogueDatabase();
const T = 1_790_000_100; // a multiple of 300: the 28-day history is read at 5-minute steps ending here
let prom: TestPrometheus;
let dsId: string;

function alertsHistory(): string {
  const lines = ["# TYPE ALERTS gauge"];
  const series = (tier: string, severity: string, state: string) =>
    `ALERTS{alertname="SightlineErrorBudgetBurn",alertstate="${state}",service="checkout",severity="${severity}",sightline_slo="checkout-latency",sightline_tier="${tier}",team="payments"}`;
  const run = (name: string, from: number, to: number) => {
    for (let t = from; t <= to; t += 60) lines.push(`${name} 1 ${t}`);
  };
  run(series("page-1h", "page", "firing"), T - 3 * 3600, T - 2 * 3600); // fired and resolved
  run(series("page-1h", "page", "firing"), T - 600, T); // firing again now
  run(series("page-6h", "page", "pending"), T - 120, T); // pending now
  // Another SLO's alert must not show up.
  run(series("page-1h", "page", "firing").replace('sightline_slo="checkout-latency"', 'sightline_slo="other"'), T - 600, T);
  return `${lines.sort((a, b) => Number(a.split(" ").at(-1)) - Number(b.split(" ").at(-1)) || (a < b ? -1 : 1)).join("\n")}\n# EOF\n`;
}

beforeAll(async () => {
  prom = await startPrometheus({ openMetrics: alertsHistory() });
}, 60_000);
afterAll(async () => {
  await prom?.stop();
});
beforeEach(async () => {
  dsId = (await call(datasources.POST, { json: datasourceInput({ prometheusUrl: prom.url, producerProfile: "tempo" }) })).body.id;
});

describe("GET /api/slos/:id/alerts", () => {
  it("state per alert at `at`, firing history over the window, disabled tiers and alerts named", async () => {
    const slo = (await call(collection.POST, { json: sloInput(dsId, { alerting: { disabledTiers: ["ticket-3d"] } }) })).body;
    const r = await call(alertsRoute.GET, { params: { id: slo.id }, query: { at: String(T) } });
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.alerts.map((a: { tier: string }) => [a.tier, a]));
    expect(Object.keys(by)).toEqual(["page-1h", "page-6h", "ticket-1d", "ticket-3d", "latency-deviation", "data-absent"]);
    expect(Object.fromEntries(Object.entries(by).map(([k, v]) => [k, (v as { state: string }).state]))).toEqual({
      "page-1h": "firing",
      "page-6h": "pending",
      "ticket-1d": "inactive",
      "ticket-3d": "disabled",
      "latency-deviation": "disabled",
      "data-absent": "inactive",
    });
    expect(r.body.firingCount).toBe(1);
    expect(r.body.stepSeconds).toBe(300);
    const [past, current] = by["page-1h"].history;
    expect(past.startSeconds).toBe(T - 3 * 3600);
    // Sampled at the step: the end is the first step without a firing sample in Prometheus' 5-minute lookback.
    expect(past.endSeconds).toBeGreaterThanOrEqual(T - 2 * 3600 + 300);
    expect(past.endSeconds).toBeLessThanOrEqual(T - 2 * 3600 + 600);
    expect(current).toEqual({ startSeconds: T - 600, endSeconds: null });
    expect(by["page-6h"].history).toEqual([]);
    expect(r.body.source.queries).toEqual(['ALERTS{sightline_slo="checkout-latency"}', 'ALERTS{sightline_slo="checkout-latency", alertstate="firing"}']);
  });

  it("an unreachable backend is a 502 in words; a bad `at` a 400", async () => {
    const ds = (await call(datasources.POST, { json: datasourceInput({ slug: "down", prometheusUrl: "http://127.0.0.1:1" }) })).body;
    const slo = (await call(collection.POST, { json: sloInput(ds.id, { slug: "down-slo" }) })).body;
    const r = await call(alertsRoute.GET, { params: { id: slo.id } });
    expect(r.status).toBe(502);
    expect((await call(alertsRoute.GET, { params: { id: slo.id }, query: { at: "yesterday" } })).status).toBe(400);
  });
});
