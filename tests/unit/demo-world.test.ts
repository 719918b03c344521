// The demo world's simulator: determinism, traffic shape, and the events the demo relies on
// (checkout regression, payment incident, the quiet nightly batch).
import { beforeAll, describe, expect, it } from "vitest";
import { createAggregator, sampleInterval, type Aggregator, type SeriesIncrement } from "@/lib/demo/aggregate";
import { boundsInMs } from "@/lib/demo/history";
import { buildModels, fractionAtOrBelow, type RegimeModel } from "@/lib/demo/model";
import { createRng } from "@/lib/demo/random";
import { simulateOperation, walkSpans } from "@/lib/demo/traces";
import { diurnalFactor, entryRate, eventWindows, weeklyFactor } from "@/lib/demo/traffic";
import { HANDY_SITE_CORP } from "@/lib/demo/world";
import { TEMPO } from "@/lib/promql/profiles";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// A Wednesday, 12:00 UTC.
const ANCHOR = Date.UTC(2026, 10, 25, 12, 0);
const world = HANDY_SITE_CORP;

let models: Map<string, RegimeModel>;
let agg: Aggregator;
beforeAll(() => {
  models = buildModels(world, { seed: "test", samplesPerEntry: 3000 });
  agg = createAggregator(world, { seed: "test", anchorMs: ANCHOR, boundsMs: boundsInMs(TEMPO), models });
});

const find = (incs: SeriesIncrement[], service: string, spanName: string, status = "STATUS_CODE_UNSET", kind = "SPAN_KIND_SERVER") =>
  incs.find((i) => {
    const k = agg.keys[i.series];
    return k.service === service && k.spanName === spanName && k.statusCode === status && k.spanKind === kind;
  });

/** Share of an interval's observations above a bound (Tempo bucket boundary), in ms. */
function shareAbove(inc: SeriesIncrement | undefined, boundMs: number): number {
  if (!inc) return 0;
  const idx = boundsInMs(TEMPO).findIndex((b) => Math.abs(b - boundMs) < 1e-9);
  const atOrBelow = inc.perBucket.slice(0, idx + 1).reduce((a, b) => a + b, 0);
  return 1 - atOrBelow / inc.count;
}

describe("determinism", () => {
  it("the same seed gives the same trees and the same intervals", () => {
    const tree = (seed: string) => simulateOperation({ world, rng: createRng(seed), overrides: {}, scale: 1 }, "frontend/POST /checkout", 0);
    expect(tree("a")).toEqual(tree("a"));
    expect(tree("a")).not.toEqual(tree("b"));
    const t = ANCHOR - 2 * HOUR;
    expect(sampleInterval(agg, t, t + MIN)).toEqual(sampleInterval(agg, t, t + MIN));
    const other = createAggregator(world, { seed: "other", anchorMs: ANCHOR, boundsMs: boundsInMs(TEMPO), models });
    expect(sampleInterval(other, t, t + MIN)).not.toEqual(sampleInterval(agg, t, t + MIN));
  });
});

describe("request trees", () => {
  it("checkout calls payment, cart, orders, shipping and email, with CLIENT spans around remote calls", () => {
    const root = simulateOperation({ world, rng: createRng("tree"), overrides: {}, scale: 1 }, "frontend/POST /checkout", 0);
    const spans = [...walkSpans(root)];
    const names = spans.map((s) => `${s.service}:${s.name}:${s.kind}`);
    for (const n of ["checkout:PlaceOrder:SPAN_KIND_SERVER", "payment:Charge:SPAN_KIND_SERVER", "checkout:Charge:SPAN_KIND_CLIENT", "orders:CreateOrder:SPAN_KIND_SERVER", "shipping:Quote:SPAN_KIND_SERVER", "email:SendConfirmation:SPAN_KIND_SERVER", "cart:GetCart:SPAN_KIND_SERVER", "auth:ValidateSession:SPAN_KIND_SERVER"])
      expect(names).toContain(n);
    // Children sit inside their parents.
    for (const s of spans)
      for (const c of s.children) {
        expect(c.startMs).toBeGreaterThanOrEqual(s.startMs);
        expect(c.startMs + c.durationMs).toBeLessThanOrEqual(s.startMs + s.durationMs + 1e-9);
      }
  });
});

describe("traffic shape", () => {
  it("is diurnal: the evening peak carries several times the early-morning trough", () => {
    const day = Date.UTC(2026, 10, 25);
    expect(diurnalFactor(day + 19 * HOUR)).toBeCloseTo(1, 5);
    expect(diurnalFactor(day + 7 * HOUR)).toBeCloseTo(0.2, 5);
    const count = (t: number) => sampleInterval(agg, t, t + 10 * MIN).reduce((a, i) => a + i.count, 0);
    expect(count(day + 19 * HOUR)).toBeGreaterThan(3 * count(day + 7 * HOUR));
  });

  it("is weekly: weekends are quieter than weekdays", () => {
    expect(weeklyFactor(Date.UTC(2026, 10, 29, 12))).toBeLessThan(0.7); // Sunday
    expect(weeklyFactor(Date.UTC(2026, 10, 23, 12))).toBe(1); // Monday
  });

  it("has quiet periods: the nightly reconciliation runs 02:00–02:40 UTC and nowhere else", () => {
    const day = Date.UTC(2026, 10, 24);
    const entry = world.entries.find((e) => e.op === "orders/ReconcileOrders")!;
    expect(entryRate(entry, day + 2 * HOUR + 10 * MIN)).toBeGreaterThan(0);
    expect(entryRate(entry, day + 2 * HOUR + 41 * MIN)).toBe(0);
    for (const h of [0, 1, 3, 9, 15, 21]) {
      const incs = sampleInterval(agg, day + h * HOUR, day + h * HOUR + 5 * MIN);
      expect(find(incs, "orders", "ReconcileOrders", "STATUS_CODE_UNSET", "SPAN_KIND_INTERNAL")).toBeUndefined();
      expect(find(incs, "payment", "GetSettlement")).toBeUndefined();
    }
    const batch = sampleInterval(agg, day + 2 * HOUR, day + 2 * HOUR + 5 * MIN);
    expect(find(batch, "orders", "ReconcileOrders", "STATUS_CODE_UNSET", "SPAN_KIND_INTERNAL")?.count).toBeGreaterThan(20);
  });
});

describe("events", () => {
  const windows = () => Object.fromEntries(eventWindows(world, ANCHOR).map((e) => [e.id, e]));

  it("places the regression about 9 days and the incident about 3 days before the anchor", () => {
    const w = windows();
    expect((ANCHOR - w["checkout-regression"].startMs) / DAY).toBeGreaterThan(8);
    expect((ANCHOR - w["checkout-regression"].startMs) / DAY).toBeLessThan(10);
    expect((ANCHOR - w["payment-incident"].startMs) / DAY).toBeGreaterThan(2);
    expect((ANCHOR - w["payment-incident"].startMs) / DAY).toBeLessThan(4);
  });

  it("the deploy regression raises checkout PlaceOrder p99 well above 512 ms, then it recovers", () => {
    const p99 = (m: RegimeModel) => {
      const a = m.operations.get("checkout/PlaceOrder")!.ok;
      return a[Math.floor(0.99 * a.length)];
    };
    expect(p99(models.get("")!)).toBeLessThan(512);
    expect(p99(models.get("checkout-regression")!)).toBeGreaterThan(2 * p99(models.get("")!));

    const { startMs, endMs } = windows()["checkout-regression"];
    const slow = (t: number) => shareAbove(find(sampleInterval(agg, t, t + 15 * MIN), "checkout", "PlaceOrder"), 512);
    expect(slow(startMs + HOUR)).toBeGreaterThan(0.2);
    expect(slow(startMs - DAY + HOUR)).toBeLessThan(0.03);
    expect(slow(endMs + HOUR)).toBeLessThan(0.03);
  });

  it("the payment incident fails about a quarter of charges and propagates to checkout", () => {
    const { startMs } = windows()["payment-incident"];
    const during = sampleInterval(agg, startMs + 10 * MIN, startMs + 40 * MIN);
    const before = sampleInterval(agg, startMs - 40 * MIN, startMs - 10 * MIN);
    const errShare = (incs: SeriesIncrement[], service: string, name: string) => {
      const err = find(incs, service, name, "STATUS_CODE_ERROR")?.count ?? 0;
      return err / (err + (find(incs, service, name)?.count ?? 0));
    };
    expect(errShare(during, "payment", "Charge")).toBeGreaterThan(0.15);
    expect(errShare(during, "payment", "Charge")).toBeLessThan(0.35);
    expect(errShare(during, "checkout", "PlaceOrder")).toBeGreaterThan(0.15);
    expect(errShare(before, "payment", "Charge")).toBeLessThan(0.01);
    expect(fractionAtOrBelow(models.get("payment-incident")!.operations.get("payment/Charge")!.error, 256)).toBeLessThan(0.9);
  });
});
