import { describe, expect, it } from "vitest";
import { evaluateSli, type SloTarget } from "@/lib/slo/evaluate";
import type { SliStatus } from "@/lib/slo/status";
import { BURN_WINDOWS, type SliInputs } from "@/lib/slo/types";
import { resolveWindow } from "@/lib/slo/window";
import type { SloWindow } from "@/lib/schemas/slo";
import { mulberry32 } from "@/tests/fixtures/prng";

const DAY = 86_400;
const AT = Date.UTC(2026, 10, 15, 12) / 1000;
const R28: SloWindow = { kind: "rolling", days: 28 };
const MONTH: SloWindow = { kind: "calendar", unit: "month" };

function inputs(over: Partial<SliInputs> = {}, window: SloWindow = R28, at = AT): SliInputs {
  return {
    evaluatedAt: at,
    window: resolveWindow(window, at),
    objective: 0.999,
    minEvents: 0,
    thresholdFit: { kind: "exact", boundarySeconds: 0.512 },
    counts: { good: 999_500, total: 1_000_000 },
    countsUpper: null,
    burnWindows: {},
    steps: null,
    lastSampleAt: at - 30,
    ...over,
  };
}
const slo = (over: Partial<SloTarget> = {}): SloTarget => ({ objective: 0.999, window: R28, minEvents: 0, ...over });

describe("evaluateSli: SLI and budget from the window's counts", () => {
  // Expected values worked out by hand: bad = total − good, allowed = (1 − objective) × total,
  // consumed = bad / allowed, remaining = 1 − consumed, remainingRequests = floor(allowed − bad).
  it.each([
    ["half the budget spent", 0.999, 999_500, 1_000_000, { sli: 0.9995, bad: 500, allowed: 1000, consumed: 0.5, remaining: 0.5, left: 500 }],
    ["overspent: remaining goes negative", 0.999, 997_000, 1_000_000, { sli: 0.997, bad: 3000, allowed: 1000, consumed: 3, remaining: -2, left: -2000 }],
    ["0 < good = total", 0.999, 5000, 5000, { sli: 1, bad: 0, allowed: 5, consumed: 0, remaining: 1, left: 5 }],
    ["every request bad", 0.99, 0, 200, { sli: 0, bad: 200, allowed: 2, consumed: 100, remaining: -99, left: -198 }],
    ["fractional allowance rounds whole requests down", 0.999, 1499, 1500, { sli: 1499 / 1500, bad: 1, allowed: 1.5, consumed: 1 / 1.5, remaining: 1 - 1 / 1.5, left: 0 }],
    ["tiny objective 0.01 %", 0.0001, 200, 1_000_000, { sli: 0.0002, bad: 999_800, allowed: 999_900, consumed: 0.9998 / 0.9999, remaining: 1 - 0.9998 / 0.9999, left: 100 }],
    ["objective 0.999999 over 1e12 requests", 0.999999, 1e12 - 500_000, 1e12, { sli: 0.9999995, bad: 500_000, allowed: 1_000_000, consumed: 0.5, remaining: 0.5, left: 500_000 }],
    ["1e12 requests at 99.9 %", 0.999, 1e12 - 2e9, 1e12, { sli: 0.998, bad: 2e9, allowed: 1e9, consumed: 2, remaining: -1, left: -1e9 }],
  ])("%s", (_name, objective, good, total, e) => {
    const s = evaluateSli(inputs({ counts: { good, total } }), slo({ objective }));
    expect(s.state).toBe("ok");
    expect(s.sli).toBeCloseTo(e.sli, 12);
    expect(s.budget!.badEvents).toBe(e.bad);
    expect(s.budget!.allowedBadEvents).toBeCloseTo(e.allowed, 6);
    expect(s.budget!.consumed).toBeCloseTo(e.consumed, 12);
    expect(s.budget!.remaining).toBeCloseTo(e.remaining, 12);
    expect(s.budget!.remainingRequests).toBe(e.left);
    expect(s.budget!.allowedBadFraction).toBe(Number((1 - objective).toFixed(15)));
    expect(s.warnings).toEqual([]);
  });
});

describe("evaluateSli: states", () => {
  it("zero traffic is no_data for the whole window, never 100 %", () => {
    const s = evaluateSli(inputs({ counts: { good: 0, total: 0 } }), slo());
    expect(s).toMatchObject({ state: "no_data", sli: null, budget: null, sliBounds: null });
    expect(s.noData).toEqual({ seconds: 28 * DAY, sinceSeconds: AT - 28 * DAY, samplesSeen: true });
  });
  it("zero traffic measures the quiet span from the last step with traffic", () => {
    const steps = [
      { t: AT - 5 * 3600, good: 3, total: 4 },
      { t: AT - 4 * 3600, good: 0, total: 0 },
      { t: AT, good: 0, total: 0 },
    ];
    const s = evaluateSli(inputs({ counts: { good: 0, total: 0 }, steps }), slo());
    expect(s.noData).toEqual({ seconds: 5 * 3600, sinceSeconds: AT - 5 * 3600, samplesSeen: true });
  });
  it("tells 'no series at all' from 'flat counters'", () => {
    const s = evaluateSli(inputs({ counts: { good: 0, total: 0 }, lastSampleAt: null }), slo());
    expect(s.noData!.samplesSeen).toBe(false);
  });
  it.each([
    ["good > total", { good: 1005, total: 1000 }, 1, { code: "good_exceeds_total", good: 1005, total: 1000, excess: 5, scope: "window" }],
    ["good on no total", { good: 3, total: 0 }, null, { code: "good_exceeds_total", good: 3, total: 0, excess: 3, scope: "window" }],
    ["NaN from the backend", { good: NaN, total: 1000 }, null, { code: "invalid_counts", good: NaN, total: 1000, scope: "window" }],
  ])("%s is inconsistent, reported with the amounts, never above 100 %%", (_n, counts, sli, warning) => {
    const s = evaluateSli(inputs({ counts }), slo());
    expect(s.state).toBe("inconsistent");
    expect(s.sli).toBe(sli);
    expect(s.warnings).toContainEqual(warning);
    if (s.budget) expect(s.budget.consumed).toBe(0);
  });
  it.each([
    [99, 100, "insufficient_data"],
    [100, 100, "ok"],
    [5, 0, "ok"],
  ])("%d requests with minEvents %d → %s", (total, minEvents, state) => {
    const s = evaluateSli(inputs({ counts: { good: total - 1, total } }), slo({ minEvents }));
    expect(s.state).toBe(state);
    expect(s.sli).toBe((total - 1) / total);
    expect(s.warnings.some((w) => w.code === "below_min_events")).toBe(state === "insufficient_data");
  });
  it("reads objective and minEvents from the SLO, not from the inputs' copies", () => {
    const s = evaluateSli(inputs({ objective: 0.5, minEvents: 10_000_000 }), slo({ objective: 0.999 }));
    expect(s.state).toBe("ok");
    expect(s.budget!.consumed).toBeCloseTo(0.5, 12);
  });
});

describe("evaluateSli: threshold between bucket boundaries", () => {
  const between = { kind: "between" as const, lowerSeconds: 0.256, upperSeconds: 0.512 };
  it.each([
    ["both neighbours", { good: 900, total: 1000 }, { good: 950, total: 1000 }, { lower: 0.9, upper: 0.95 }, []],
    ["upper neighbour is +Inf", { good: 900, total: 1000 }, null, { lower: 0.9, upper: 1 }, []],
    ["skewed upper counts", { good: 900, total: 1000 }, { good: 850, total: 1000 }, { lower: 0.9, upper: 0.9 }, [{ code: "bounds_inverted", lower: 0.9, upper: 0.85 }]],
    ["upper good > total", { good: 900, total: 1000 }, { good: 1001, total: 1000 }, { lower: 0.9, upper: 1 }, [{ code: "good_exceeds_total", good: 1001, total: 1000, excess: 1, scope: "upper_bound" }]],
  ])("%s", (_n, counts, countsUpper, bounds, warnings) => {
    const s = evaluateSli(inputs({ thresholdFit: between, counts, countsUpper }), slo({ objective: 0.8 }));
    expect(s.sliBounds).toEqual(bounds);
    expect(s.sli).toBe(bounds.lower); // the headline and the budget use the conservative bound
    expect(s.budget!.badEvents).toBe(100);
    expect(s.warnings).toEqual(warnings);
  });
  it("has no bounds for an exact boundary", () => expect(evaluateSli(inputs(), slo()).sliBounds).toBeNull());
});

describe("evaluateSli: burn rates and exhaustion", () => {
  it("reports every BURN_WINDOWS entry, with a reason where there is no rate", () => {
    const s = evaluateSli(
      inputs({ burnWindows: { "5m": { good: 0, total: 0 }, "1h": { good: 990, total: 1000 }, "6h": { good: 6000, total: 6000 }, "1d": { good: 101, total: 100 } } }),
      slo(),
    );
    expect(s.burnRates.map((b) => b.window)).toEqual([...BURN_WINDOWS]);
    const by = Object.fromEntries(s.burnRates.map((b) => [b.window, b]));
    expect(by["5m"]).toMatchObject({ rate: null, errorRatio: null, reason: "no_traffic" });
    expect(by["30m"]).toMatchObject({ rate: null, reason: "not_measured" });
    expect(by["1h"].errorRatio).toBeCloseTo(0.01, 12);
    expect(by["1h"].rate).toBeCloseTo(10, 10); // 1 % errors against a 0.1 % allowance
    expect(by["6h"]).toMatchObject({ rate: 0, reason: null });
    expect(by["1d"]).toMatchObject({ rate: 0, good: 100, total: 100 });
    expect(s.warnings).toContainEqual({ code: "good_exceeds_total", good: 101, total: 100, excess: 1, scope: "1d" });
    expect(s.state).toBe("ok"); // a skewed burn window does not make the window's SLI inconsistent
    // remaining 0.5 of a 28-day budget at 10× lasts 0.5 × 28 d / 10 = 1.4 d.
    expect(s.budget!.secondsToExhaustion).toBeCloseTo(1.4 * DAY, 6);
    expect(s.budget!.exhaustion).toBe("burning");
  });
  it.each([
    ["not burning", { good: 100, total: 100 }, null, "not_burning"],
    ["no traffic in the last hour", { good: 0, total: 0 }, null, "no_recent_traffic"],
    ["1 h not measured", undefined, null, "unknown"],
  ])("%s → no exhaustion time", (_n, h1, seconds, why) => {
    const s = evaluateSli(inputs({ burnWindows: h1 ? { "1h": h1 } : {} }), slo());
    expect(s.budget!.secondsToExhaustion).toBe(seconds);
    expect(s.budget!.exhaustion).toBe(why);
  });
  it("an exhausted budget has 0 seconds left", () => {
    const s = evaluateSli(inputs({ counts: { good: 990, total: 1000 }, burnWindows: { "1h": { good: 0, total: 10 } } }), slo());
    expect(s.budget).toMatchObject({ secondsToExhaustion: 0, exhaustion: "exhausted" });
  });
});

describe("evaluateSli: calendar months", () => {
  const feb29Noon = Date.UTC(2028, 1, 29, 12) / 1000; // leap year: February has 29 days
  it.each([
    // remaining 0.5 of February's 29-day budget; 12 h until March resets it.
    ["fast burn ends before the reset", 100, 0.5 * 29 * DAY / 100, "burning"],
    ["slow burn outlasts the month", 1, null, "outlasts_window"],
  ])("%s", (_n, rate, seconds, why) => {
    // rate = error ratio ÷ 0.001, so the 1 h error ratio is rate / 1000.
    const h1 = { good: 100_000 - rate * 100, total: 100_000 };
    const s = evaluateSli(inputs({ burnWindows: { "1h": h1 } }, MONTH, feb29Noon), slo({ window: MONTH }));
    expect(s.nominalWindowSeconds).toBe(29 * DAY);
    expect(s.window.startSeconds).toBe(Date.UTC(2028, 1, 1) / 1000);
    if (seconds === null) expect(s.budget!.secondsToExhaustion).toBeNull();
    else expect(s.budget!.secondsToExhaustion).toBeCloseTo(seconds, 3);
    expect(s.budget!.exhaustion).toBe(why);
  });
  it("the first second of a month is an empty window: no data for 0 s, the month's full length ahead", () => {
    const first = Date.UTC(2026, 10, 1) / 1000;
    const s = evaluateSli(inputs({ counts: { good: 0, total: 0 } }, MONTH, first), slo({ window: MONTH }));
    expect(s.state).toBe("no_data");
    expect(s.window.durationSeconds).toBe(0);
    expect(s.noData).toEqual({ seconds: 0, sinceSeconds: first, samplesSeen: true });
    expect(s.nominalWindowSeconds).toBe(30 * DAY);
  });
  it("the last second of a month still belongs to it", () => {
    const last = Date.UTC(2026, 11, 1) / 1000 - 1;
    const s = evaluateSli(inputs({}, MONTH, last), slo({ window: MONTH }));
    expect(s.window.startSeconds).toBe(Date.UTC(2026, 10, 1) / 1000);
    expect(s.nominalWindowSeconds).toBe(30 * DAY);
  });
});

describe("evaluateSli: properties over random inputs", () => {
  const noNaN = (v: unknown): boolean =>
    typeof v === "number" ? !Number.isNaN(v) : v && typeof v === "object" ? Object.values(v).every(noNaN) : true;
  it("keeps sli in [0, 1], consumed + remaining = 1 and no NaN anywhere", () => {
    const rng = mulberry32(42);
    const objectives = [0.5, 0.9, 0.99, 0.995, 0.999, 0.9999, 0.999999, 0.0001];
    for (let i = 0; i < 2000; i++) {
      const total = [0, 1, 7, 1e3, 1e6, 1e12][i % 6] * (rng() < 0.5 ? 1 : rng());
      const good = rng() < 0.1 ? total * (1 + rng() / 100) : total * (1 - rng() ** 8);
      const h1 = { good: rng() * 100, total: 100 };
      const s: SliStatus = evaluateSli(inputs({ counts: { good, total }, burnWindows: { "1h": h1 } }), slo({ objective: objectives[i % objectives.length], minEvents: 5 }));
      expect(noNaN(s)).toBe(true);
      if (s.sli !== null) expect(s.sli >= 0 && s.sli <= 1).toBe(true);
      if (s.budget) {
        expect(s.budget.consumed + s.budget.remaining).toBeCloseTo(1, 9);
        expect(s.budget.badEvents).toBeCloseTo(s.total - s.good, 6);
        const left = s.budget.allowedBadEvents - s.budget.badEvents;
        expect(s.budget.remainingRequests <= left && left < s.budget.remainingRequests + 1).toBe(true);
      }
      expect(s.state === "no_data").toBe(total === 0 && good === 0);
    }
  });
});
