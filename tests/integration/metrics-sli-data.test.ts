// fetchSliInputs, profile detection and discovery against real Prometheus (and VictoriaMetrics)
// holding the small history of metrics-history.ts, where every exact answer is minutes × increment.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMetricsSource, type MetricsSource } from "@/lib/server/metrics/client";
import { fetchSliInputs, type SloForSli } from "@/lib/server/sli-data";
import { detectProfile } from "@/lib/server/metrics/profile";
import { listOperations, listServices, listSpanKinds } from "@/lib/server/metrics/discovery";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { BURN_WINDOWS } from "@/lib/slo/types";
import { startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";
import { startVictoria, type TestVictoria } from "@/tests/helpers/victoria";
import { expected, HISTORY, ODD_SERVICE, ODD_SPAN, openMetrics, prometheusText, T0, T_END, TEMPO_BASE, type HistSeries } from "./metrics-history";
import { parsePromql } from "../unit/promql-lezer";
import { cartSelection } from "@/tests/fixtures/slo-selection";
import { clearReadContextCache } from "@/lib/server/sli-data/read-context";

// Each test pins the requests one evaluation sends: start without the shared read-context cache.
beforeEach(() => clearReadContextCache());

const cartSlo = (over: Partial<SloForSli> = {}): SloForSli => ({
  ...cartSelection(),
  thresholdSeconds: 1,
  objective: 0.99,
  window: { kind: "rolling", days: 1 },
  minEvents: 0,
  ...over,
});
const isCart = (s: HistSeries) => s.base === TEMPO_BASE && s.labels.service === "checkout" && s.labels.span_name === "GET /cart";
const isCartOk = (s: HistSeries) => isCart(s) && s.labels.status_code !== "STATUS_CODE_ERROR";
const pair = (good: number, total: number) => ({ good, total });
const MIN = { "5m": 5, "30m": 30, "1h": 60, "2h": 60, "6h": 60, "1d": 60, "3d": 60 } as const;

async function sli(src: MetricsSource, slo: SloForSli, opts: Partial<Parameters<typeof fetchSliInputs>[2]> = {}) {
  const r = await fetchSliInputs(src, slo, { atSeconds: T_END, ...opts });
  if (!r.ok) throw new Error(r.error.message);
  for (const q of r.meta.queries) expect(parsePromql(q).errors, q).toEqual([]);
  return r;
}

let prom: TestPrometheus;
let src: MetricsSource;
beforeAll(async () => {
  prom = await startPrometheus({ openMetrics: openMetrics() });
  src = createMetricsSource({ baseUrl: prom.url });
});
afterAll(async () => prom?.stop());

describe("fetchSliInputs on Prometheus", () => {
  it("exact threshold: good/total over the window and every burn window, freshness, one layout", async () => {
    const r = await sli(src, cartSlo());
    const v = r.value;
    expect(v.thresholdFit).toEqual({ kind: "exact", boundarySeconds: 1 });
    expect(v.counts).toEqual(pair(expected(isCart, 1), expected(isCart, Infinity)));
    expect(v.counts).toEqual(pair(840, 1020));
    expect(v.countsUpper).toBeNull();
    for (const w of BURN_WINDOWS) expect(v.burnWindows[w], w).toEqual(pair(expected(isCart, 1, MIN[w]), expected(isCart, Infinity, MIN[w])));
    expect(v.lastSampleAt).toBe(T_END);
    expect(v.steps).toBeNull();
    expect(v.window).toMatchObject({ startSeconds: T_END - 86_400, endSeconds: T_END });
    expect(r.meta.profile).toEqual({ id: "tempo", histogram: TEMPO.histogram, unit: "seconds" });
    expect(r.meta.layout).toMatchObject({ seriesCount: 3, mixed: false, assumed: false });
    expect(r.meta.layout.layouts[0].boundariesSeconds).toEqual([0.25, 0.5, 1, null]);
    // profile detection + series lookup + one batched instant query
    expect(r.meta.queries).toHaveLength(3);
    expect(r.meta.queries[0]).toContain(`${TEMPO.histogram}_count{service="checkout"} or `);
    expect(r.meta.queries[2]).toContain('le=~"1|1\\\\.0"');
    expect(r.meta.warnings).toEqual([]);
  });

  it("errors count as bad: error spans leave the good count only", async () => {
    const r = await sli(src, cartSlo({ countErrorsAsBad: true }));
    expect(r.value.counts).toEqual(pair(expected(isCartOk, 1), expected(isCart, Infinity)));
    expect(r.value.counts).toEqual(pair(720, 1020));
  });

  it.each([
    { threshold: 0.3, fit: { kind: "between", lowerSeconds: 0.25, upperSeconds: 0.5 }, low: 0.25, up: 0.5 },
    { threshold: 0.1, fit: { kind: "between", lowerSeconds: null, upperSeconds: 0.25 }, low: null, up: 0.25 },
    { threshold: 2, fit: { kind: "between", lowerSeconds: 1, upperSeconds: null }, low: 1, up: Infinity },
  ])("threshold $threshold s between boundaries: lower and upper counts", async ({ threshold, fit, low, up }) => {
    const r = await sli(src, cartSlo({ thresholdSeconds: threshold }));
    const total = expected(isCart, Infinity);
    expect(r.value.thresholdFit).toEqual(fit);
    expect(r.value.counts).toEqual(pair(low === null ? 0 : expected(isCart, low), total));
    expect(r.value.countsUpper).toEqual(pair(expected(isCart, up), total));
    expect(r.value.burnWindows["5m"]).toEqual(pair(low === null ? 0 : expected(isCart, low, 5), expected(isCart, Infinity, 5)));
    expect(r.meta.layout.decision.offerSeconds).toEqual([0.25, 0.5, 1]);
  });

  it("a repeat within the cache's minute sends neither detection nor the layout read again, and answers the same", async () => {
    const first = await sli(src, cartSlo());
    const again = await sli(src, cartSlo());
    expect(first.meta.queries).toHaveLength(3);
    expect(again.meta.queries).toEqual([first.meta.queries[2]]);
    expect(again.value).toEqual(first.value);
    expect(again.meta.layout).toEqual(first.meta.layout);
  });

  it("per-step increases sum to the window increase when samples align", async () => {
    const r = await sli(src, cartSlo(), { steps: { stepSeconds: 600 } });
    const steps = r.value.steps!;
    expect(steps).toHaveLength(144);
    expect(steps.at(-1)!.t).toBe(T_END);
    expect(steps.slice(-6)).toEqual(Array.from({ length: 6 }, (_, i) => ({ t: T0 + 600 * (i + 1), ...pair(expected(isCart, 1, 10), expected(isCart, Infinity, 10)) })));
    const sum = steps.reduce((a, s) => pair(a.good + s.good, a.total + s.total), pair(0, 0));
    expect(sum).toEqual(r.value.counts);
    expect(r.meta.queries).toHaveLength(4);
  });

  it("a step that does not divide the window gets a partial head step, still summing exactly", async () => {
    // Window [T0, T0+1d]; 1380 s steps end on T_END, leaving a 840 s head: 14 + 23 + 23 minutes of data.
    const r = await sli(src, cartSlo(), { atSeconds: T0 + 86_400, steps: { stepSeconds: 1380 } });
    const steps = r.value.steps!;
    expect(steps).toHaveLength(63);
    const withData = steps.filter((s) => s.total > 0);
    expect(withData).toEqual([
      { t: T0 + 840, ...pair(expected(isCart, 1, 14), expected(isCart, Infinity, 14)) },
      { t: T0 + 2220, ...pair(expected(isCart, 1, 23), expected(isCart, Infinity, 23)) },
      { t: T0 + 3600, ...pair(expected(isCart, 1, 23), expected(isCart, Infinity, 23)) },
    ]);
    // Data ended 23 h before the evaluation, beyond the 5-minute lookback: the look-back query finds it.
    expect(r.value.lastSampleAt).toBe(T_END);
    expect(r.meta.warnings).toEqual([`no sample in the last 5 minutes; newest at ${new Date(T_END * 1000).toISOString()}`]);
  });

  it("quotes, backslashes, newlines and unicode in service and operation match exactly", async () => {
    const r = await sli(src, cartSlo({ service: ODD_SERVICE, operation: ODD_SPAN, spanKind: "SPAN_KIND_CLIENT", thresholdSeconds: 0.25 }));
    expect(r.value.counts).toEqual(pair(180, 180));
  });

  it("regex operations select every matching span name", async () => {
    const r = await sli(src, cartSlo({ operation: "(GET|POST) /.*", operationMatch: "regex", spanKind: null }));
    const sel = (s: HistSeries) => s.base === TEMPO_BASE && s.labels.service === "checkout";
    expect(r.value.counts).toEqual(pair(expected(sel, 1), expected(sel, Infinity)));
  });

  it("detects the OTel profile (milliseconds) for a service only it reports", async () => {
    const slo = cartSlo({ service: "inventory", operation: "GET /stock", thresholdSeconds: 0.2 });
    const r = await sli(src, slo);
    const inv = (s: HistSeries) => s.labels.service_name === "inventory";
    expect(r.meta.profile).toEqual({ id: "otel", histogram: OTEL_MS.histogram, unit: "milliseconds" });
    expect(r.value.thresholdFit).toEqual({ kind: "exact", boundarySeconds: 0.2 });
    expect(r.value.counts).toEqual(pair(expected(inv, 200), expected(inv, Infinity)));
    const between = await sli(src, { ...slo, thresholdSeconds: 0.25 });
    expect(between.value.thresholdFit).toEqual({ kind: "between", lowerSeconds: 0.2, upperSeconds: 0.4 });
    expect(between.value.countsUpper).toEqual(pair(expected(inv, 400), expected(inv, Infinity)));
  });

  it("no data is zero traffic, not an error, and says why", async () => {
    const r = await sli(src, cartSlo({ service: "nope" }));
    expect(r.value.counts).toEqual(pair(0, 0));
    expect(r.value.burnWindows["1h"]).toEqual(pair(0, 0));
    expect(r.value.lastSampleAt).toBeNull();
    expect(r.meta.layout.assumed).toBe(true);
    expect(r.meta.warnings.join("\n")).toMatch(/no span metrics for service "nope"[\s\S]*default buckets/);

    const pinned = await sli(src, cartSlo({ service: "inventory", operation: "GET /stock" }), { profile: "tempo" });
    expect(pinned.meta.profile.id).toBe("tempo");
    expect(pinned.value.counts).toEqual(pair(0, 0));
  });

  it("passes backend failures through as typed errors", async () => {
    const dead = createMetricsSource({ baseUrl: "http://127.0.0.1:9", maxRetries: 0 });
    const r = await fetchSliInputs(dead, cartSlo(), { atSeconds: T_END });
    expect(r).toMatchObject({ ok: false, error: { kind: "unavailable" } });
  });
});

describe("profile detection and discovery", () => {
  it("prefers the naming with data for the service, falls back to any present naming", async () => {
    const range = { startSeconds: T0, endSeconds: T_END };
    expect(await detectProfile(src, { setting: "auto", service: "inventory", ...range })).toMatchObject({ ok: true, value: { profile: OTEL_MS, basis: "service" } });
    expect(await detectProfile(src, { setting: "auto", service: "checkout", ...range })).toMatchObject({ ok: true, value: { profile: TEMPO, basis: "service" } });
    expect(await detectProfile(src, { setting: "auto", ...range })).toMatchObject({ ok: true, value: { profile: TEMPO, basis: "present" } });
    expect(await detectProfile(src, { setting: "otel", service: "checkout", ...range })).toMatchObject({ ok: true, value: { profile: OTEL_MS, basis: "present" } });
    expect(await detectProfile(src, { setting: "tempo", ...range })).toMatchObject({ ok: true, value: { profile: TEMPO, basis: "override" } });
  });

  it("lists services, operations and span kinds with their request rates, busiest first", async () => {
    const opts = { atSeconds: T_END, lookbackSeconds: 3600 };
    const perSecond = (pick: (s: HistSeries) => boolean) => expected(pick, Infinity) / 3600;
    const close = (items: { value: string; requestsPerSecond: number }[]) => items.map((i) => [i.value, Number(i.requestsPerSecond.toFixed(9))]);
    const r9 = (x: number) => Number(x.toFixed(9));
    const services = await listServices(src, TEMPO, opts);
    expect(services.ok && close(services.value)).toEqual([
      ["checkout", r9(perSecond((s) => s.labels.service === "checkout"))],
      [ODD_SERVICE, r9(perSecond((s) => s.labels.service === ODD_SERVICE))],
    ]);
    const ops = await listOperations(src, TEMPO, "checkout", opts);
    expect(ops.ok && close(ops.value)).toEqual([
      ["GET /cart", r9(perSecond(isCart))],
      ["POST /pay", r9(perSecond((s) => s.labels.span_name === "POST /pay"))],
    ]);
    const kinds = await listSpanKinds(src, TEMPO, "checkout", "GET /cart", opts);
    expect(kinds.ok && close(kinds.value)).toEqual([["SPAN_KIND_SERVER", r9(perSecond(isCart))]]);
    const otel = await listServices(src, OTEL_MS, opts);
    expect(otel.ok && otel.value.map((i) => i.value)).toEqual(["inventory"]);
    expect(HISTORY.length).toBeGreaterThan(0);
  });
});

describe("fetchSliInputs on VictoriaMetrics", () => {
  let vm: TestVictoria;
  beforeAll(async () => {
    vm = await startVictoria();
    await vm.importPrometheusText(prometheusText());
  });
  afterAll(async () => vm?.stop());

  it("gives the same exact counts as Prometheus for windows reaching back to the first sample", async () => {
    const vsrc = createMetricsSource({ baseUrl: vm.url, displayName: "VictoriaMetrics" });
    const [p, v] = [await sli(src, cartSlo({ thresholdSeconds: 0.3 })), await sli(vsrc, cartSlo({ thresholdSeconds: 0.3 }))];
    expect(v.value.counts).toEqual(p.value.counts);
    expect(v.value.countsUpper).toEqual(p.value.countsUpper);
    for (const w of ["1h", "1d", "3d"] as const) expect(v.value.burnWindows[w], w).toEqual(p.value.burnWindows[w]);
    expect(v.value.lastSampleAt).toBe(T_END);
  });
});
