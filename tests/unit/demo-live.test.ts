// The live producer and its history join: counters continue, exemplars resolve to held traces,
// memory stays bounded; Tempo's trace JSON and ID parsing; the seeded SLOs.
import { describe, expect, it } from "vitest";
import { createAggregator } from "@/lib/demo/aggregate";
import { advanceBank, boundsInMs, historyFamilies, newSeriesBank, sampleInstants } from "@/lib/demo/history";
import { LiveWorld } from "@/lib/demo/live";
import { buildModels } from "@/lib/demo/model";
import { demoSlos } from "@/lib/demo/seed";
import { exemplarTraceId, parseTraceId, tempoV1Body, tempoV2Body } from "@/lib/demo/tempo-json";
import { HANDY_SITE_CORP } from "@/lib/demo/world";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { renderOpenMetricsBackfill, renderOpenMetricsScrape } from "@/lib/spanmetrics/render";
import { snapshot } from "@/lib/spanmetrics/state";
import type { HistogramFamily } from "@/lib/spanmetrics/types";

const MIN = 60_000;
const ANCHOR = Date.UTC(2026, 10, 25, 18, 0);
const world = HANDY_SITE_CORP;
const models = buildModels(world, { seed: "t", samplesPerEntry: 1000 });
const agg = createAggregator(world, { seed: "t", anchorMs: ANCHOR, boundsMs: boundsInMs(TEMPO), models });
const resource = { serviceVersions: world.serviceVersions, scope: { name: "demo", version: "1" } };

describe("history", () => {
  it("writes coarse steps first and fine steps at the end", () => {
    const plan = { fineStepMs: MIN, coarseStepMs: 5 * MIN, fineSpanMs: 60 * MIN };
    const t = sampleInstants(ANCHOR - 180 * MIN, ANCHOR, plan);
    expect(t[0]).toBe(ANCHOR - 175 * MIN);
    expect(t.at(-1)).toBe(ANCHOR);
    expect(t.length).toBe(24 + 60);
  });

  it("produces cumulative, non-decreasing points that continue across chunks", () => {
    const bank = newSeriesBank(TEMPO, agg.keys, ANCHOR - 30 * MIN);
    const first = historyFamilies(agg, bank, [ANCHOR - 30 * MIN, ANCHOR - 20 * MIN]);
    const second = historyFamilies(agg, bank, [ANCHOR - 10 * MIN, ANCHOR]);
    const counts = (fams: ReturnType<typeof historyFamilies>) =>
      [...(fams[0] as HistogramFamily).series].map((s) => [...s.points].map((p) => p.count));
    const a = counts(first);
    const b = counts(second);
    a.forEach((pts, k) => {
      expect(pts[0]).toBe(0);
      expect(b[k][0]).toBeGreaterThanOrEqual(pts[1]);
      expect(b[k][1]).toBeGreaterThanOrEqual(b[k][0]);
    });
    expect(b.reduce((s, p) => s + p[1], 0)).toBeGreaterThan(1000);
  });
});

describe("live producer", () => {
  function liveAfterHistory(opts: { maxTraces?: number } = {}) {
    const bank = newSeriesBank(TEMPO, agg.keys, ANCHOR - 10 * MIN);
    advanceBank(agg, bank, ANCHOR);
    const before = bank.states.map((s) => snapshot(s).count);
    const live = new LiveWorld(bank, { world, seed: "t", anchorMs: ANCHOR, ...opts });
    return { live, before };
  }

  it("continues the backfilled counters without a reset and records concrete traces", () => {
    const { live, before } = liveAfterHistory();
    live.advanceTo(ANCHOR + 30_000);
    const after = live.bank.states.map((s) => snapshot(s).count);
    before.forEach((c, i) => expect(after[i]).toBeGreaterThanOrEqual(c));
    expect(after.reduce((a, b) => a + b, 0)).toBeGreaterThan(before.reduce((a, b) => a + b, 0));
    expect(live.stats().generated).toBeGreaterThan(100);
  });

  it("every exemplar points at a trace it holds, even when the ring is tiny", () => {
    const { live } = liveAfterHistory({ maxTraces: 20 });
    live.advanceTo(ANCHOR + 60_000);
    const stats = live.stats();
    expect(stats.traces).toBeLessThanOrEqual(20);
    let exemplars = 0;
    for (const s of live.bank.states)
      for (const e of s.exemplars) {
        if (!e) continue;
        exemplars++;
        expect(live.trace(e.traceId.padStart(32, "0")), e.traceId).toBeDefined();
      }
    expect(exemplars).toBeGreaterThan(50);
    // Held traces are bounded by the ring plus one per exemplar slot.
    expect(stats.traces + stats.pinned).toBeLessThanOrEqual(20 + exemplars);
  });

  it("renders Tempo's v1 and v2 trace shapes with base64 ids and parent links", () => {
    const { live } = liveAfterHistory();
    live.advanceTo(ANCHOR + 10_000);
    const ex = live.bank.states.flatMap((s) => s.exemplars).find((e) => e && e.traceId.length >= 30)!;
    const trace = live.trace(ex.traceId.padStart(32, "0"))!;
    const v1 = tempoV1Body(trace, resource);
    const spans = v1.batches.flatMap((b) => b.scopeSpans.flatMap((s) => s.spans));
    expect(spans).toHaveLength(trace.spans.length);
    const hex = (b64: string) => Buffer.from(b64, "base64").toString("hex");
    const ids = new Set(spans.map((s) => hex(s.spanId)));
    for (const s of spans) {
      expect(hex(s.traceId)).toBe(trace.traceId);
      expect(s.startTimeUnixNano).toMatch(/^\d{19}$/);
      expect(BigInt(s.endTimeUnixNano)).toBeGreaterThan(BigInt(s.startTimeUnixNano));
      expect(s.kind).toMatch(/^SPAN_KIND_(SERVER|CLIENT|INTERNAL)$/);
      if (s.parentSpanId) expect(ids.has(hex(s.parentSpanId))).toBe(true);
    }
    expect(spans.filter((s) => !s.parentSpanId)).toHaveLength(1);
    for (const b of v1.batches) expect(b.resource.attributes[0]).toEqual({ key: "service.name", value: { stringValue: expect.any(String) } });
    expect(tempoV2Body(trace, resource).trace.resourceSpans).toEqual(v1.batches);
  });
});

describe("trace ids", () => {
  it("parses like Tempo: pads stripped leading zeros, refuses non-hex and >128 bits", () => {
    expect(parseTraceId("abc")).toEqual({ ok: true, id: "00000000000000000000000000000abc" });
    expect(parseTraceId("ABCDEF0123456789ABCDEF0123456789")).toEqual({ ok: true, id: "abcdef0123456789abcdef0123456789" });
    expect(parseTraceId("xyz")).toEqual({ ok: false, message: "trace IDs can only contain hex characters: invalid character 'x' at position 1" });
    expect(parseTraceId("1".repeat(33)).ok).toBe(false);
    expect(exemplarTraceId("000a0b0000000000000000000000000c")).toBe("a0b0000000000000000000000000c");
  });
});

describe("seeded SLOs", () => {
  it("are valid, unique and include a threshold between bucket boundaries", () => {
    const slos = demoSlos("ds1");
    expect(new Set(slos.map((s) => s.slug)).size).toBe(slos.length);
    expect(slos.map((s) => s.slug)).toEqual(expect.arrayContaining(["checkout-latency", "payment-charge", "catalog-browse", "cart-read", "auth-login"]));
    const offBoundary = slos.filter((s) => !TEMPO.defaultBuckets.includes(s.thresholdSeconds));
    expect(offBoundary.map((s) => s.thresholdSeconds)).toContain(0.3);
    expect(slos.find((s) => s.slug === "payment-charge")?.countErrorsAsBad).toBe(true);
    expect(slos.find((s) => s.slug === "auth-login")?.window).toEqual({ kind: "calendar", unit: "month" });
  });
});

describe("OTel connector profile", () => {
  it("writes milliseconds, the connector's label names and trace_id exemplars", () => {
    const otelAgg = createAggregator(world, { seed: "t", anchorMs: ANCHOR, boundsMs: boundsInMs(OTEL_MS), models });
    const bank = newSeriesBank(OTEL_MS, otelAgg.keys, ANCHOR - 5 * MIN);
    const text = [...renderOpenMetricsBackfill(historyFamilies(otelAgg, bank, [ANCHOR - 5 * MIN, ANCHOR]))].join("");
    expect(text).toMatch(/^traces_span_metrics_duration_milliseconds_bucket\{service_name="checkout",span_name="PlaceOrder",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_UNSET",le="400"\} \d+ \d+$/m);
    expect(text).toMatch(/^traces_span_metrics_calls_total\{service_name="frontend",/m);

    const live = new LiveWorld(bank, { world, seed: "t", anchorMs: ANCHOR });
    live.advanceTo(ANCHOR + 20_000);
    const scrape = renderOpenMetricsScrape(live.families(), { exemplarTraceLabel: OTEL_MS.exemplarTraceLabel });
    expect(scrape).toMatch(/le="[0-9]+"\} \d+ # \{trace_id="[0-9a-f]+"\} [0-9.]+ [0-9.]+$/m);
    const placeOrder = live.bank.keys.findIndex((k) => k.service === "checkout" && k.spanName === "PlaceOrder" && k.spanKind === "SPAN_KIND_SERVER" && k.statusCode === "STATUS_CODE_UNSET");
    // Mean checkout latency in milliseconds, not seconds.
    const st = snapshot(live.bank.states[placeOrder]);
    expect(st.sum / st.count).toBeGreaterThan(50);
    expect(st.sum / st.count).toBeLessThan(1000);
  });
});
