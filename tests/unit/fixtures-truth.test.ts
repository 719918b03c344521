import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { renderOpenMetricsBackfill } from "@/lib/spanmetrics/render";
import type { HistogramFamily, HistogramPoint } from "@/lib/spanmetrics/types";
import { generateTruthHistory, type TruthHistory } from "@/tests/fixtures/truth-history";
import { truthFamilies } from "@/tests/fixtures/truth-render";
import { DAY, DEFAULT_END_SECONDS, HOUR, ODD_SPAN_NAME, SERIES } from "@/tests/fixtures/truth-scenario";

// Short histories keep these tests fast; every anomaly sits in the last 4 days.
const small = (profile = TEMPO, seed?: number) => generateTruthHistory({ profile, days: 4, seed });
const tempo = small(TEMPO);
const otel = small(OTEL_MS);
const END = DEFAULT_END_SECONDS;
const services = [...new Set(SERIES.map((s) => s.service))];

const sha = (h: TruthHistory) => {
  const hash = createHash("sha256");
  for (const chunk of renderOpenMetricsBackfill(truthFamilies(h))) hash.update(chunk);
  return hash.digest("hex");
};

/** What `increase()` reports between two samples of one series: positive deltas, a drop counted from 0. */
function counterIncrease(points: { t: number; v: number }[], from: number, to: number): number {
  const sel = points.filter((p) => p.t >= from && p.t <= to);
  let inc = 0;
  for (let i = 1; i < sel.length; i++) inc += sel[i].v >= sel[i - 1].v ? sel[i].v - sel[i - 1].v : sel[i].v;
  return inc;
}

function renderedSeries(h: TruthHistory) {
  const fam = truthFamilies(h)[0] as HistogramFamily;
  return [...fam.series].map((s) => ({ labels: s.labels, points: [...s.points] as HistogramPoint[] }));
}

describe.each([
  ["tempo", tempo],
  ["otel", otel],
])("truth history (%s)", (_name, h) => {
  const rendered = renderedSeries(h);
  const le = h.boundsSeconds[8];

  it("aligns every tick to its step: coarse 300 s, then 60 s over the last 2 days", () => {
    for (const t of h.ticks) expect(t % (t <= END - 2 * DAY ? 300 : 60)).toBe(0);
    expect(h.ticks[h.ticks.length - 1]).toBe(END);
  });

  it.each(services)("good ≤ total and both are additive over adjacent ranges (%s)", (service) => {
    const cuts = [h.ticks[0], END - 3.2 * DAY, END - 2 * DAY + 5 * HOUR + 7 * 60, END - 1 * DAY + 10 * HOUR + 17 * 60, END];
    let sum = { good: 0, total: 0 };
    for (let i = 1; i < cuts.length; i++) {
      const c = h.truthCounts({ selector: { service }, leSeconds: le, startSeconds: cuts[i - 1], endSeconds: cuts[i] });
      expect(c.good).toBeLessThanOrEqual(c.total);
      sum = { good: sum.good + c.good, total: sum.total + c.total };
    }
    expect(h.truthCounts({ selector: { service }, leSeconds: le, startSeconds: cuts[0], endSeconds: END })).toEqual(sum);
  });

  it("matches the counter increase of the rendered samples at sample moments, across the reset and the gap", () => {
    const { reset, gap } = h.anomalies;
    const windows: [number, number][] = [
      [h.ticks[0], END],
      [reset.atSeconds - 300, reset.atSeconds + 600],
      [gap.lastSampleBefore, gap.firstSampleAfter],
      [END - DAY, END],
    ];
    for (const [from, to] of windows) {
      for (const spec of SERIES) {
        const s = rendered.find((r) => r.labels.span_name === spec.spanName && r.labels.status_code === spec.status)!;
        const i = h.boundsSeconds.indexOf(le);
        const good = counterIncrease(s.points.map((p) => ({ t: p.timestampSeconds!, v: p.buckets[i] })), from, to);
        const total = counterIncrease(s.points.map((p) => ({ t: p.timestampSeconds!, v: p.count })), from, to);
        const truth = h.truthCounts({ selector: { service: spec.service, spanName: spec.spanName }, leSeconds: le, startSeconds: from, endSeconds: to });
        const sibling = SERIES.filter((x) => x !== spec && x.service === spec.service && x.spanName === spec.spanName);
        if (sibling.length === 0) expect({ good, total }).toEqual(truth);
        else expect(total).toBeLessThanOrEqual(truth.total); // the selector also sums the error-status sibling
      }
    }
  });

  it("restarts the reset service: every counter drops at the reset sample and truth counts it from 0", () => {
    const { reset } = h.anomalies;
    for (const s of rendered.filter((r) => r.labels[h.profile.labels.service] === reset.service)) {
      const k = s.points.findIndex((p) => p.timestampSeconds === reset.atSeconds);
      const [before, after] = [s.points[k - 1], s.points[k]];
      expect(after.count).toBeLessThan(before.count);
      expect(after.sum).toBeLessThan(before.sum);
      after.buckets.forEach((b, i) => expect(b === 0 || b < before.buckets[i]).toBe(true));
      const spec = SERIES.find((x) => x.spanName === s.labels.span_name && x.status === s.labels.status_code)!;
      const truth = h.truthCounts({ selector: { service: reset.service, spanName: spec.spanName }, leSeconds: Infinity, startSeconds: before.timestampSeconds!, endSeconds: reset.atSeconds });
      if (spec.status !== "STATUS_CODE_ERROR" && !SERIES.some((x) => x !== spec && x.spanName === spec.spanName)) expect(truth.total).toBe(after.count);
    }
  });

  it("drops the gap's samples for one service only, while counting goes on", () => {
    const { gap } = h.anomalies;
    expect(gap.firstSampleAfter - gap.lastSampleBefore).toBe(40 * 60);
    const inGap = h.ticks.filter((t) => t > gap.lastSampleBefore && t < gap.firstSampleAfter);
    expect(inGap.length).toBe(39);
    for (const t of inGap) {
      expect(h.isSampleMoment(gap.service, t)).toBe(false);
      expect(h.isSampleMoment("checkout", t)).toBe(true);
    }
    const during = h.truthCounts({ selector: { service: gap.service }, leSeconds: Infinity, startSeconds: gap.lastSampleBefore, endSeconds: gap.firstSampleAfter });
    expect(during.total).toBeGreaterThan(1000);
    const s = rendered.find((r) => r.labels[h.profile.labels.service] === gap.service)!;
    expect(s.points.some((p) => inGap.includes(p.timestampSeconds!))).toBe(false);
  });

  it("keeps sampling a zero-traffic day with flat values", () => {
    const z = h.anomalies.zeroTraffic;
    expect(z.toSeconds - z.fromSeconds).toBe(DAY);
    expect(h.truthCounts({ selector: { service: z.service }, leSeconds: Infinity, startSeconds: z.fromSeconds, endSeconds: z.toSeconds })).toEqual({ good: 0, total: 0 });
    expect(h.truthCounts({ selector: { service: z.service }, leSeconds: Infinity, startSeconds: z.toSeconds, endSeconds: z.toSeconds + DAY }).total).toBeGreaterThan(0);
    const s = rendered.find((r) => r.labels[h.profile.labels.service] === z.service)!;
    const day = s.points.filter((p) => p.timestampSeconds! >= z.fromSeconds && p.timestampSeconds! <= z.toSeconds);
    expect(day.length).toBe(DAY / 300 + 1);
    expect(new Set(day.map((p) => p.count)).size).toBe(1);
  });

  it("counts error-status requests as bad with excludeErrors, and in the total either way", () => {
    const q = { leSeconds: le, startSeconds: END - DAY, endSeconds: END };
    const all = h.truthCounts({ ...q, selector: { service: "checkout", spanName: "POST /checkout" } });
    const strict = h.truthCounts({ ...q, selector: { service: "checkout", spanName: "POST /checkout", excludeErrors: true } });
    const errors = h.truthCounts({ ...q, leSeconds: Infinity, selector: { service: "checkout", spanName: "POST /checkout" } }).total -
      h.truthCounts({ ...q, leSeconds: Infinity, selector: { service: "checkout", spanName: "POST /checkout", excludeErrors: true } }).good;
    expect(strict.total).toBe(all.total);
    expect(errors).toBeGreaterThan(0);
    expect(all.good - strict.good).toBeGreaterThan(0);
    expect(all.good - strict.good).toBeLessThanOrEqual(errors);
  });

  it("filters by span kind", () => {
    const q = { leSeconds: Infinity, startSeconds: END - DAY, endSeconds: END };
    const server = h.truthCounts({ ...q, selector: { service: "checkout", spanKind: "SPAN_KIND_SERVER" } }).total;
    const client = h.truthCounts({ ...q, selector: { service: "checkout", spanKind: "SPAN_KIND_CLIENT" } }).total;
    expect(server + client).toBe(h.truthCounts({ ...q, selector: { service: "checkout" } }).total);
    expect(server).toBeGreaterThan(0);
    expect(client).toBeGreaterThan(0);
  });

  it("has diurnal traffic: the 14:00 UTC hour is much busier than the 02:00 hour", () => {
    const day = END - DAY;
    const hour = (hh: number) => h.truthCounts({ selector: { service: "checkout" }, leSeconds: Infinity, startSeconds: day + hh * HOUR, endSeconds: day + (hh + 1) * HOUR }).total;
    expect(hour(14) / hour(2)).toBeGreaterThan(2.5);
  });

  it("refuses thresholds that are not bucket bounds and ranges outside the history", () => {
    expect(() => h.truthCounts({ selector: { service: "cart" }, leSeconds: 0.3, startSeconds: END - DAY, endSeconds: END })).toThrow(/not a bucket bound/);
    expect(() => h.truthCounts({ selector: { service: "cart" }, leSeconds: le, startSeconds: h.ticks[0] - 1, endSeconds: END })).toThrow(/outside/);
  });
});

describe("determinism and escaping", () => {
  it("renders the same bytes for the same seed and different bytes for another seed", () => {
    const coarse = (seed: number) => generateTruthHistory({ profile: TEMPO, days: 4, seed, fineTailSeconds: 0 });
    const a = sha(coarse(7));
    expect(sha(coarse(7))).toBe(a);
    expect(sha(coarse(8))).not.toBe(a);
  }, 20_000);
  it("carries the odd span name escaped, for both label layouts", () => {
    // Chunks are the family header, then one per series: the fourth series is the odd one.
    const first = (h: TruthHistory) => {
      const chunks = renderOpenMetricsBackfill(truthFamilies(h));
      return Array.from({ length: 5 }, () => chunks.next().value).join("");
    };
    expect(ODD_SPAN_NAME).toBe('GET /cart/{id} "x" \\ ü');
    const coarse = (profile: typeof TEMPO) => generateTruthHistory({ profile, days: 4, fineTailSeconds: 0 });
    expect(first(coarse(TEMPO))).toContain('{service="cart",span_name="GET /cart/{id} \\"x\\" \\\\ ü",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_UNSET",le="0.002"}');
    expect(first(coarse(OTEL_MS))).toContain('{service_name="cart",span_name="GET /cart/{id} \\"x\\" \\\\ ü",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_UNSET",le="2"}');
  });
  it("uses the profile's unit: OTel bounds are milliseconds and equal Tempo's seconds where shared", () => {
    expect(otel.bounds).toContain(400);
    expect(otel.boundsSeconds).toContain(0.4);
    expect(tempo.boundsSeconds).toContain(0.512);
  });
});
