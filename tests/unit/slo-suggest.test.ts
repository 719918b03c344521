import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { suggestTargets } from "@/lib/slo/suggest";
import type { SuggestEngineInput, SuggestIntent } from "@/lib/schemas/suggest";

const H = 3600;
const DAY = 86_400;
const START = Date.UTC(2026, 9, 26) / 1000; // Mon 26 Oct 2026 00:00 UTC
const day = (d: number) => START + d * DAY;
const BOUNDS = [0.256, 0.512, 1.024];

// The ground truth, per hour, 10,000 requests:
//   normal hours:        good 9,900 / 9,980 / 9,996 at 256 / 512 / 1,024 ms (99 %, 99.8 %, 99.96 %)
//   degraded week 9–15 Nov (days 14–20): 9,000 / 9,800 / 9,950
//   scrape gap 3 Nov 10:00–13:00 (day 8): no sample (null); zero-traffic day 20 Nov (day 25): 0 requests.
const DEGRADED = (d: number) => d >= 14 && d <= 20;
const GAP = (h: number) => h >= 8 * 24 + 10 && h < 8 * 24 + 13;
const ZERO = (d: number) => d === 25;

function world(days = 28, start = START): SuggestEngineInput {
  const n = days * 24;
  const total: (number | null)[] = [];
  const goods: (number | null)[][] = BOUNDS.map(() => []);
  for (let h = 0; h < n; h++) {
    const d = Math.floor(h / 24);
    if (GAP(h)) {
      total.push(null);
      goods.forEach((g) => g.push(null));
      continue;
    }
    const t = ZERO(d) ? 0 : 10_000;
    total.push(t);
    const g = DEGRADED(d) ? [9000, 9800, 9950] : [9900, 9980, 9996];
    goods.forEach((arr, k) => arr.push(t === 0 ? 0 : g[k]));
  }
  return {
    baseline: { startSeconds: start, endSeconds: start + n * H },
    stepSeconds: H,
    total,
    candidates: BOUNDS.map((b, k) => ({ boundarySeconds: b, good: goods[k] })),
    window: { kind: "rolling", days: 28 },
    selection: { label: "checkout PlaceOrder", seriesCount: 3, layoutCount: 1 },
  };
}
const degradedWeekExcluded = (over: Partial<SuggestEngineInput> = {}): SuggestEngineInput => ({
  ...world(),
  exclusions: [{ startSeconds: day(14), endSeconds: day(21), note: "regression" }],
  ...over,
});

describe("suggestTargets: a degraded week excluded from the baseline", () => {
  const r = suggestTargets(degradedWeekExcluded());
  // Included: 672 h − 168 excluded − 3 gap = 501 h; 24 of them zero traffic → 477 h × 10,000 requests.
  it.each([
    [0.256, 477 * 9900, 0.99],
    [0.512, 477 * 9980, 0.998],
    [1.024, 477 * 9996, 0.9996],
  ])("at %d s: event-weighted SLI over the included hours", (b, good, sli) => {
    const c = r.candidates.find((x) => x.boundarySeconds === b)!;
    expect(c).toMatchObject({ good, total: 4_770_000 });
    expect(c.sli).toBeCloseTo(sli, 12);
    // Every judged day has the same ratio, so min = p5 = median.
    expect(c.daySli!.min).toBeCloseTo(sli, 12);
    expect(c.daySli!.median).toBeCloseTo(sli, 12);
    expect(c.worstWindow).toMatchObject({ kind: "slo", seconds: 28 * DAY, startSeconds: START, endSeconds: day(28), total: 4_770_000 });
  });

  it("days: excluded, gap and zero-traffic days are told apart; judged = traffic and ≥ 12 h included", () => {
    expect(r.days).toHaveLength(28);
    expect(r.days[8]).toMatchObject({ includedSeconds: 21 * H, gapSeconds: 3 * H, total: 210_000, judged: true });
    expect(r.days[14]).toMatchObject({ includedSeconds: 0, excludedSeconds: DAY, total: 0, judged: false });
    expect(r.days[25]).toMatchObject({ includedSeconds: DAY, total: 0, judged: false });
    expect(r.days.filter((d) => d.judged)).toHaveLength(20);
    expect(r.includedSeconds).toBe(501 * H);
    expect(r.candidates[1].dailyGood[0]).toBe(24 * 9980);
    expect(r.candidates[1].dailyGood[14]).toBe(0);
  });

  it.each([
    // objective, days met, budget left = 1 − (1 − SLI) / (1 − objective)
    [0.99, 20, 0.8],
    [0.995, 20, 0.6],
    [0.999, 0, -1],
    [0.9995, 0, -3],
  ])("at 512 ms, objective %d: met on %d of 20 days, budget %d", (objective, met, budget) => {
    const o = r.candidates[1].objectives.find((x) => x.objective === objective)!;
    expect(o).toMatchObject({ daysMet: met, daysJudged: 20, enoughTraffic: true });
    expect(o.budgetRemaining).toBeCloseTo(budget, 9);
    expect(o.worstWindowBudgetRemaining).toBeCloseTo(budget, 9);
  });

  it("suggests tight = first pair keeping ≥ 25 % in the worst window, comfortable = looser with ≥ 50 %", () => {
    expect(r.suggestions.map((s) => [s.kind, s.thresholdSeconds, s.objective])).toEqual([
      ["tight", 0.512, 0.995],
      ["comfortable", 0.512, 0.99],
    ]);
    expect(r.suggestions[0].reasoning).toBe(
      "Over the 28 days 26 Oct – 22 Nov 2026, excluding 9–15 Nov, 99.80 % of checkout PlaceOrder requests finished within 512 ms; " +
        "the worst 28-day window reached 99.80 %; an objective of 99.5 % would have been met on 20 of 20 judged days " +
        "and left 60 % of its budget (60 % in the worst window).",
    );
    expect(r.suggestions[0].facts).toMatchObject({ baselineDays: 28, daysMet: 20, daysJudged: 20, excluded: [{ startSeconds: day(14), endSeconds: day(21) }] });
  });

  it("warns about the gap, the zero-traffic day and a reported counter reset; flags no unusual day once excluded", () => {
    const withReset = suggestTargets(degradedWeekExcluded({ resetsAtSeconds: [day(10) + 4 * H] }));
    expect(withReset.warnings).toEqual([
      { code: "gaps", seconds: 3 * H, ranges: [{ startSeconds: day(8) + 10 * H, endSeconds: day(8) + 13 * H }] },
      { code: "counter_resets", atSeconds: [day(10) + 4 * H] },
      { code: "zero_traffic_days", daysStartSeconds: [day(25)] },
    ]);
    expect(withReset.unusualDays).toEqual([]);
    expect(withReset.referenceBoundarySeconds).toBe(0.512);
  });
});

describe("suggestTargets: the same history without the exclusion", () => {
  const r = suggestTargets(world());
  it("counts the degraded week: SLI at 512 ms = (477 × 9,980 + 168 × 9,800) ÷ 6,450,000", () => {
    expect(r.candidates[1]).toMatchObject({ good: 477 * 9980 + 168 * 9800, total: 6_450_000 });
    expect(r.candidates[1].daySli).toEqual({ min: 0.98, p5: 0.98, median: 0.998 });
  });

  // Bad ratios at 512 ms: 20 days at 0.002, 7 at 0.02 → median 0.002, MAD 0; cut max(0, 0.001);
  // excess 0.018 × 240,000 = 4,320 bad requests per degraded day.
  it("flags the 7 degraded days as unusual (median/MAD rule)", () => {
    expect(r.suggestions[0]).toMatchObject({ kind: "tight", thresholdSeconds: 0.512, objective: 0.99 });
    expect(r.unusualDays.map((d) => d.dayStartSeconds)).toEqual([14, 15, 16, 17, 18, 19, 20].map(day));
    expect(r.unusualDays[0].medianBadRatio).toBeCloseTo(0.002, 12);
    expect(r.unusualDays[0].excessBad).toBeCloseTo(4320, 6);
  });

  it("a 7-day SLO slides 7-day windows by the hour: the worst is exactly the degraded week", () => {
    const w7 = suggestTargets({ ...world(), window: { kind: "rolling", days: 7 } });
    expect(w7.candidates[1].worstWindow).toMatchObject({ kind: "slo", startSeconds: day(14), endSeconds: day(21), sli: 0.98, total: 1_680_000 });
  });
});

describe("suggestTargets: intent", () => {
  const evalIntent = (intent: SuggestIntent) => suggestTargets(degradedWeekExcluded({ intent })).intent!;

  it("99.5 % under 300 ms: not a boundary, measured at 256 ms (conservative), bounded by 512 ms: uncertain", () => {
    const e = evalIntent({ kind: "objective", objective: 0.995, thresholdSeconds: 0.3 });
    expect(e).toMatchObject({
      phrasing: "99.5 % under 300 ms",
      fit: { kind: "between", lowerSeconds: 0.256, upperSeconds: 0.512 },
      measuredBySeconds: 0.256,
      verdict: "uncertain",
      daysBreached: 20,
      daysJudged: 20,
      windowsBreached: 1,
      windowsEvaluated: 1,
    });
    expect(e.worstWindowSli!.lower).toBeCloseTo(0.99, 12);
    expect(e.worstWindowSli!.upper).toBeCloseTo(0.998, 12);
    // Same objective: 512 ms keeps 60 %; same threshold (256 ms): 98 % keeps 1 − 0.01/0.02 = 50 %.
    expect(e.alternatives.sameObjective).toMatchObject({ thresholdSeconds: 0.512 });
    expect(e.alternatives.sameThreshold).toMatchObject({ objective: 0.98 });
    expect(e.alternatives.sameThreshold!.worstWindowBudgetRemaining).toBeCloseTo(0.5, 9);
    expect(e.reasoning).toBe(
      "History may support it: the answer lies inside the bucket that straddles the threshold (99.5 % under 300 ms): " +
        "300 ms is not a bucket boundary; it is measured at 256 ms (the boundary below, never overstating) and bounded by 512 ms; " +
        "the worst 28-day window reached between 99.00 % and 99.80 %; it would have been missed on 20 of 20 days and in 1 of 1 rolling windows. " +
        "Nearest realistic: 99.5 % within 512 ms (worst window 99.80 %), or 98 % within 256 ms (worst window 99.00 %).",
    );
  });

  it.each([
    ["p99 ≤ 512 ms is the same as 99 % within 512 ms: supported", { kind: "percentile", percentile: 0.99, thresholdSeconds: 0.512 }, "p99 ≤ 512 ms", "supported", 0.512, 0],
    ["99.9 % under 512 ms: exact and not supported", { kind: "objective", objective: 0.999, thresholdSeconds: 0.512 }, "99.9 % under 512 ms", "not_supported", 0.512, 20],
    ["below every boundary: not measurable", { kind: "objective", objective: 0.99, thresholdSeconds: 0.1 }, "99 % under 100 ms", "not_measurable", null, 0],
    ["above every boundary: measured at the largest, bounded by +Inf", { kind: "objective", objective: 0.999, thresholdSeconds: 2 }, "99.9 % under 2,000 ms", "supported", 1.024, 0],
  ] as const)("%s", (_n, intent, phrasing, verdict, measuredBy, breached) => {
    const e = evalIntent(intent);
    expect(e).toMatchObject({ phrasing, verdict, measuredBySeconds: measuredBy, daysBreached: breached });
  });

  it("99.9 % under 512 ms offers 1,024 ms at 99.9 % or 99.5 % at 512 ms", () => {
    const e = evalIntent({ kind: "objective", objective: 0.999, thresholdSeconds: 0.512 });
    expect(e.alternatives.sameObjective!.thresholdSeconds).toBe(1.024);
    expect(e.alternatives.sameThreshold!.objective).toBe(0.995);
  });
});

describe("suggestTargets: warnings and edges", () => {
  it("widens a brushed exclusion to whole hours and names the effective range", () => {
    const r = suggestTargets({ ...world(), exclusions: [{ startSeconds: day(27) + 13.5 * H, endSeconds: day(27) + 17.5 * H }] });
    expect(r.excluded).toEqual([{ startSeconds: day(27) + 13 * H, endSeconds: day(27) + 18 * H }]);
    expect(r.warnings).toContainEqual({
      code: "exclusion_widened",
      requested: { startSeconds: day(27) + 13.5 * H, endSeconds: day(27) + 17.5 * H },
      effective: { startSeconds: day(27) + 13 * H, endSeconds: day(27) + 18 * H },
    });
    expect(r.suggestions[0].reasoning).toContain("excluding 22 Nov 13:00–18:00 UTC,");
    // A day with 19 of 24 hours left is still judged.
    expect(r.days[27]).toMatchObject({ includedSeconds: 19 * H, excludedSeconds: 5 * H, judged: true });
  });

  it("too little traffic: need k ÷ (1 − objective) = 10 ÷ 0.01 = 1,000 requests per window for 99 %", () => {
    const w = world();
    const r = suggestTargets({
      ...w,
      total: w.total.map((t) => (t === null ? null : t && 1)),
      candidates: w.candidates.map((c) => ({ ...c, good: c.good.map((g) => (g === null ? null : g && 1)) })),
    });
    // 645 requests over 669 included hours (3 are a gap) → 645 × 672 / 669 ≈ 647.9 per 28 days.
    const low = r.warnings.filter((x) => x.code === "low_traffic");
    expect(low.map((x) => x.code === "low_traffic" && [x.objective, x.neededEvents])).toEqual([
      [0.99, 1000],
      [0.995, 2000],
      [0.999, 10_000],
      [0.9995, 20_000],
    ]);
    expect(r.traffic.eventsPerWindow).toBeCloseTo((645 * 672) / 669, 9);
    expect(r.suggestions).toEqual([]);
    expect(suggestTargets({ ...w, total: w.total.map((t) => (t === null ? null : t && 1)), candidates: w.candidates.map((c) => ({ ...c, good: c.good.map((g) => (g === null ? null : g && 1)) })), intent: { kind: "objective", objective: 0.99, thresholdSeconds: 0.512 } }).intent!.verdict).toBe("too_little_traffic");
  });

  it("a baseline shorter than the SLO window falls back to 7-day windows, then to the whole baseline, and says so", () => {
    const ten = suggestTargets(world(10));
    expect(ten.candidates[1].worstWindow!.kind).toBe("seven_days");
    expect(ten.warnings).toContainEqual({ code: "short_baseline", worstWindowKind: "seven_days", wantedSeconds: 28 * DAY, baselineSeconds: 10 * DAY });
    expect(ten.suggestions[0].reasoning).toContain("the worst 7-day window (the baseline is shorter than the SLO's 28 days) reached");
    const five = suggestTargets(world(5));
    expect(five.candidates[1].worstWindow).toMatchObject({ kind: "whole_baseline", startSeconds: START, endSeconds: day(5) });
  });

  it("warns about mixed layouts, many series, skewed reads", () => {
    const w = world(2);
    w.candidates[0].good[0] = 10_001; // good above total at 256 ms in hour 0
    w.candidates[1].good[1] = 9000; // 512 ms below 256 ms's 9,900 in hour 1
    const r = suggestTargets({ ...w, selection: { label: "x", seriesCount: 250, layoutCount: 2 } });
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        { code: "good_exceeds_total", boundarySeconds: 0.256, steps: 1, excess: 1 },
        { code: "mixed_layouts", layoutCount: 2 },
        { code: "many_series", seriesCount: 250, limit: 200 },
        // Hour 0 (256 ms clamped to 10,000 > 512 ms's 9,980) and hour 1 (9,000 < 9,900).
        { code: "non_monotonic", boundarySeconds: 0.512, steps: 2 },
      ]),
    );
    expect(r.candidates[0].good).toBe(48 * 9900 + 100); // the skewed hour clamped to its 10,000
  });

  it("refuses misaligned input", () => {
    const w = world(2);
    expect(() => suggestTargets({ ...w, baseline: { startSeconds: START + 60, endSeconds: START + 48 * H + 60 } })).toThrow(RangeError);
    expect(() => suggestTargets({ ...w, total: w.total.slice(1) })).toThrow(RangeError);
    expect(() => suggestTargets({ ...w, candidates: [{ boundarySeconds: 0.5, good: w.total.slice(1) }] })).toThrow(RangeError);
    const gappy = world(9); // day 8 has a 3-hour gap: good must be null there too
    expect(() => suggestTargets({ ...gappy, candidates: [{ boundarySeconds: 0.5, good: gappy.total.map(() => 1) }] })).toThrow(RangeError);
  });
});

describe("suggestTargets: properties", () => {
  const grid = fc.integer({ min: 1, max: 72 }).chain((n) =>
    fc.record({
      totals: fc.array(fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null, freq: 8 }), { minLength: n, maxLength: n }),
      frac: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      cuts: fc.array(fc.tuple(fc.integer({ min: 0, max: n * H }), fc.integer({ min: 1, max: n * H })), { maxLength: 3 }),
    }),
  );
  const build = (g: { totals: (number | null)[]; frac: number[] }, exclusions: { startSeconds: number; endSeconds: number }[] = []): SuggestEngineInput => ({
    baseline: { startSeconds: START, endSeconds: START + g.totals.length * H },
    stepSeconds: H,
    total: g.totals,
    candidates: [{ boundarySeconds: 0.5, good: g.totals.map((t, i) => (t === null ? null : Math.floor(t * g.frac[i]))) }],
    exclusions,
    window: { kind: "rolling", days: 1 },
    selection: { label: "p", seriesCount: 1, layoutCount: 1 },
  });

  it("excluding nothing gives the plain SLI; SLIs stay in [0, 1]; more exclusion never adds events", () => {
    fc.assert(
      fc.property(grid, (g) => {
        const plain = suggestTargets(build(g));
        const good = g.totals.reduce<number>((a, t, i) => a + (t === null ? 0 : Math.floor(t * g.frac[i])), 0);
        const total = g.totals.reduce<number>((a, t) => a + (t ?? 0), 0);
        expect(plain.candidates[0].good).toBe(good);
        expect(plain.candidates[0].total).toBe(total);
        expect(plain.candidates[0].sli).toBe(total > 0 ? good / total : null);
        const ranges = g.cuts.map(([s, len]) => ({ startSeconds: START + s, endSeconds: START + s + len }));
        let previous = total;
        for (let k = 1; k <= ranges.length; k++) {
          const r = suggestTargets(build(g, ranges.slice(0, k)));
          const c = r.candidates[0];
          expect(c.total).toBeLessThanOrEqual(previous);
          previous = c.total;
          for (const x of [c.sli, c.worstWindow?.sli, c.daySli?.min]) if (x != null) expect(x >= 0 && x <= 1).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
