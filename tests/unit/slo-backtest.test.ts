import { describe, expect, it } from "vitest";
import { backtest } from "@/lib/slo/backtest";
import { evaluateSli } from "@/lib/slo/evaluate";
import { resolveWindow } from "@/lib/slo/window";
import type { BacktestEngineInput } from "@/lib/schemas/backtest";

const STEP = 300;
const T0 = Date.UTC(2026, 9, 1) / 1000; // first step end, a UTC midnight
const R30 = { kind: "rolling" as const, days: 30 };
const at = (i: number) => T0 + i * STEP;

/** 1,000 requests per 5-minute step; `bad(i)` of them slow; `gap(i)`: no sample. */
function series(n: number, bad: (i: number) => number, gap: (i: number) => boolean = () => false) {
  const good: (number | null)[] = [];
  const total: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    good.push(gap(i) ? null : 1000 - bad(i));
    total.push(gap(i) ? null : 1000);
  }
  return { good, total };
}

const input = (over: Partial<BacktestEngineInput> & { good: (number | null)[]; total: (number | null)[] }): BacktestEngineInput => ({
  range: { startSeconds: at(990), endSeconds: at(1120) },
  stepSeconds: STEP,
  firstStepEndSeconds: T0,
  target: { thresholdSeconds: 0.512, objective: 0.99, window: R30 },
  ...over,
});

// A burn: steps B … B+23 (two hours) have 500 bad of 1,000 (error ratio 0.5), everything else is good.
// At 99 % over 30 d the thresholds are 14.4 × 0.01 = 0.144 (page 1h/5m), 6 × 0.01 = 0.06 (page 6h/30m),
// 3 × 0.01 = 0.03 (ticket 1d/2h), 1 × 0.01 = 0.01 (ticket 3d/6h). With k burning steps in a window of
// n steps the error ratio is 500k / 1000n, so by hand:
//   page-1h:   long k/12·0.5 > 0.144 ⇔ k ≥ 4 → from B+3; short (1 step) burning → until B+23: [B+3, B+24)
//   page-6h:   long k/72·0.5 > 0.06 ⇔ k ≥ 9 → from B+8; short (6 steps) k ≥ 1 → until B+28: [B+8, B+29)
//   ticket-1d: long k/288·0.5 > 0.03 ⇔ k ≥ 18 → from B+17; short (24 steps) k ≥ 2 → until B+45: [B+17, B+46)
//   ticket-3d: long k/864·0.5 > 0.01 ⇔ k ≥ 18 → from B+17; short (72 steps) k ≥ 2 → until B+93: [B+17, B+94)
// The history starts 1,000 steps (> 3 d = 864 steps) before B, so every tier window is fully covered.
const B = 1000;
const burn = series(1200, (i) => (i >= B && i < B + 24 ? 500 : 0));

describe("backtest: tier intervals equal the hand-computed crossings", () => {
  const r = backtest(input(burn));
  it.each([
    ["page-1h", B + 3, B + 24, 500 / 12 / 1000 / 0.01 * 12, 50],
    ["page-6h", B + 8, B + 29, (500 * 24) / 72_000 / 0.01, 50],
    ["ticket-1d", B + 17, B + 46, (500 * 24) / 288_000 / 0.01, (500 * 24) / 24_000 / 0.01],
    ["ticket-3d", B + 17, B + 94, (500 * 24) / 864_000 / 0.01, (500 * 24) / 72_000 / 0.01],
  ])("%s fires from step %d to %d", (id, from, to, peakLong, peakShort) => {
    const tier = r.tiers.find((t) => t.id === id)!;
    expect(tier.evaluable).toBe(true);
    expect(tier.intervals.map((iv) => [iv.startSeconds, iv.endSeconds])).toEqual([[at(from), at(to)]]);
    expect(tier.firingCount).toBe(1);
    expect(tier.firingSeconds).toBe((to - from) * STEP);
    expect(tier.intervals[0].peakLongBurn).toBeCloseTo(peakLong, 9);
    expect(tier.intervals[0].peakShortBurn).toBeCloseTo(peakShort, 9);
  });

  it("lists the firing tiers at each point", () => {
    expect(r.points.find((p) => p.t === at(B + 17))!.firing).toEqual(["page-1h", "page-6h", "ticket-1d", "ticket-3d"]);
    expect(r.points.find((p) => p.t === at(B + 2))!.firing).toEqual([]);
  });

  // 30-day window, but only steps 0 … i exist: good and total are the covered steps' sums.
  // Budget runs out when 500k ≥ 0.01·1000·(B+k), i.e. k ≥ 20.41: at step B+20. After the burn the
  // 12,000 bad requests stay in the window while the total grows: still exhausted at the range end.
  it("reports when the budget ran out and when the SLO was out of objective", () => {
    expect(r.budget.firstExhaustedAtSeconds).toBe(at(B + 20));
    expect(r.budget.exhausted).toEqual([{ startSeconds: at(B + 20), endSeconds: null }]);
    expect(r.outOfObjective).toEqual([{ startSeconds: at(B + 20), endSeconds: null }]);
    const p = r.points.find((x) => x.t === at(B + 23))!;
    expect(p).toMatchObject({ good: 1_024_000 - 12_000, total: 1_024_000, state: "ok" });
    expect(p.budgetRemaining).toBeCloseTo(1 - 12_000 / 1_024_000 / 0.01, 12);
    expect(p.uncoveredSeconds).toBe(30 * 86_400 - (B + 24) * STEP);
    expect(r.warnings).toContainEqual({ code: "history_short", moments: r.points.length });
  });

  it("shows what the status page would have shown: evaluateSli at that moment", () => {
    const i = B + 10;
    const p = r.points.find((x) => x.t === at(i))!;
    const s = evaluateSli(
      {
        evaluatedAt: at(i),
        window: resolveWindow(R30, at(i)),
        objective: 0.99,
        minEvents: 0,
        thresholdFit: { kind: "exact", boundarySeconds: 0.512 },
        counts: { good: (i + 1) * 1000 - 11 * 500, total: (i + 1) * 1000 },
        countsUpper: null,
        burnWindows: {},
        steps: null,
        lastSampleAt: at(i),
      },
      { objective: 0.99, window: R30, minEvents: 0 },
    );
    expect(p.sli).toBe(s.sli);
    expect(p.budgetRemaining).toBe(s.budget!.remaining);
    expect(p.burnRates["5m"]).toBeCloseTo(0.5 / 0.01, 12);
    expect(p.burnRates["1h"]).toBeCloseTo((11 * 500) / 12_000 / 0.01, 12);
  });

  it("honours the rules' `for` (10 minutes = 2 steps later) and switched-off tiers", () => {
    const t = backtest(input({ ...burn, target: { thresholdSeconds: 0.512, objective: 0.99, window: R30, forSeconds: 600, disabledTiers: ["ticket-3d"] } }));
    expect(t.tiers.find((x) => x.id === "page-1h")!.intervals).toEqual([
      { startSeconds: at(B + 5), endSeconds: at(B + 24), pendingSinceSeconds: at(B + 3), peakLongBurn: expect.any(Number), peakShortBurn: 50 },
    ]);
    const off = t.tiers.find((x) => x.id === "ticket-3d")!;
    expect(off).toMatchObject({ enabled: false, intervals: [], firingCount: 0 });
  });

  it("the minEvents guard (long window ≥ minEvents) keeps page-1h quiet: its hour holds 12,000", () => {
    const t = backtest(input({ ...burn, target: { thresholdSeconds: 0.512, objective: 0.99, window: R30, minEvents: 12_001 } }));
    expect(t.tiers.find((x) => x.id === "page-1h")!.intervals).toEqual([]);
    expect(t.tiers.find((x) => x.id === "page-6h")!.intervals).toHaveLength(1);
  });
});

describe("backtest: gaps, zero traffic, resets, coarse steps, calendar months", () => {
  it("a scrape gap is not zero traffic: tiers see no samples, the window is uncovered, the budget is not refilled", () => {
    // Burn at 500/1000 in steps 1000–1023, but steps 1010–1015 have no sample.
    const gappy = series(1200, (i) => (i >= B && i < B + 24 ? 500 : 0), (i) => i >= B + 10 && i < B + 16);
    const r = backtest(input(gappy));
    const p = r.points.find((x) => x.t === at(B + 12))!;
    expect(p.uncoveredSeconds).toBe(30 * 86_400 - (B + 13) * STEP + 3 * STEP);
    expect(p.total).toBe((B + 13 - 3) * 1000);
    expect(p.state).toBe("ok");
    // page-1h: short window (one step) has no sample during the gap: quiet from B+10, back at B+16.
    expect(r.tiers.find((t) => t.id === "page-1h")!.intervals.map((iv) => [iv.startSeconds, iv.endSeconds])).toEqual([
      [at(B + 3), at(B + 10)],
      [at(B + 16), at(B + 24)],
    ]);
    expect(r.warnings).toContainEqual({ code: "gaps", seconds: 6 * STEP, ranges: [{ startSeconds: at(B + 9), endSeconds: at(B + 15) }] });
  });

  it("a window of gaps is no_samples; a window of zero traffic is no_data", () => {
    const oneDay = { kind: "rolling" as const, days: 1 };
    const n = 600;
    const gaps = backtest(input({ ...series(n, () => 0, (i) => i >= 200), range: { startSeconds: at(550), endSeconds: at(599) }, target: { thresholdSeconds: 0.5, objective: 0.99, window: oneDay } }));
    expect(gaps.points.every((p) => p.state === "no_samples" && p.sli === null)).toBe(true);
    const zeros = series(n, () => 0);
    for (let i = 200; i < n; i++) {
      zeros.good[i] = 0;
      zeros.total[i] = 0;
    }
    const quiet = backtest(input({ ...zeros, range: { startSeconds: at(550), endSeconds: at(599) }, target: { thresholdSeconds: 0.5, objective: 0.99, window: oneDay } }));
    expect(quiet.points.every((p) => p.state === "no_data" && p.sli === null && p.firing.length === 0)).toBe(true);
  });

  it("passes counter resets reported by the data layer on as a warning", () => {
    const r = backtest(input({ ...burn, resetsAtSeconds: [at(1100), at(1005)] }));
    expect(r.warnings).toContainEqual({ code: "counter_resets", atSeconds: [at(1005), at(1100)] });
  });

  it("hourly steps cannot measure 5m and 30m windows: page tiers are not evaluable unless the backend supplies them", () => {
    const n = 24 * 40;
    const hourly = { good: Array.from({ length: n }, () => 990), total: Array.from({ length: n }, () => 1000) };
    const base = { ...hourly, stepSeconds: 3600, firstStepEndSeconds: T0, range: { startSeconds: T0 + 3600 * 800, endSeconds: T0 + 3600 * 900 } };
    const r = backtest(input(base));
    expect(r.tiers.map((t) => [t.id, t.evaluable])).toEqual([["page-1h", false], ["page-6h", false], ["ticket-1d", true], ["ticket-3d", true]]);
    expect(r.warnings.filter((w) => w.code === "tier_not_evaluable")).toEqual([
      { code: "tier_not_evaluable", tier: "page-1h", window: "5m", stepSeconds: 3600 },
      { code: "tier_not_evaluable", tier: "page-6h", window: "30m", stepSeconds: 3600 },
    ]);
    // Error ratio 0.01 = burn 1 everywhere: ticket-3d's threshold is 0.01, not exceeded (strict >).
    expect(r.tiers.every((t) => t.intervals.length === 0)).toBe(true);
    const supplied = backtest(input({ ...base, windows: { "5m": { good: hourly.good.map(() => 80), total: hourly.total.map(() => 100) }, "30m": hourly } }));
    expect(supplied.tiers.map((t) => t.evaluable)).toEqual([true, true, true, true]);
    // 5m at 20 % bad (> 0.144) but the 1h window at 1 % (< 0.144): page-1h stays quiet.
    expect(supplied.tiers[0].intervals).toEqual([]);
  });

  it("calendar month: the window is the month so far, reset on the 1st", () => {
    const hourly = 3600;
    const first = Date.UTC(2026, 9, 31, 1) / 1000; // 31 Oct 01:00, the step (00:00, 01:00]
    const n = 48;
    const good = Array.from({ length: n }, (_, i) => (i < 24 ? 90 : 99));
    const total = Array.from({ length: n }, () => 100);
    const r = backtest({
      range: { startSeconds: first, endSeconds: first + (n - 1) * hourly },
      stepSeconds: hourly,
      firstStepEndSeconds: first,
      good,
      total,
      target: { thresholdSeconds: 0.5, objective: 0.95, window: { kind: "calendar", unit: "month" } },
    });
    const nov1 = Date.UTC(2026, 10, 1) / 1000;
    // 31 Oct 23:00 → 23 hours of October so far (the first hour of 31 Oct is the first step, but October began earlier: uncovered).
    expect(r.points.find((p) => p.t === nov1 - hourly)).toMatchObject({ good: 23 * 90, total: 2300, outOfObjective: true });
    // At midnight the status page already shows November, zero seconds of it: no data yet.
    expect(r.points.find((p) => p.t === nov1)).toMatchObject({ state: "no_data", total: 0, sli: null, outOfObjective: false });
    // 1 Nov 01:00: only the step (00:00, 01:00] of November.
    expect(r.points.find((p) => p.t === nov1 + hourly)).toMatchObject({ good: 99, total: 100, sli: 0.99, outOfObjective: false, uncoveredSeconds: 0 });
    expect(r.outOfObjective).toEqual([{ startSeconds: first, endSeconds: nov1 }]);
  });
});
