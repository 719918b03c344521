import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { burnRateTiers } from "@/lib/slo/burn-tiers";
import { errorRatioThreshold, firingIntervals, minEventsGuard, tierFiring, tierId, type TierVerdict } from "@/lib/slo/tier-firing";

const R30 = { kind: "rolling" as const, days: 30 };
const page1h = burnRateTiers(R30)[0]; // factor 14.4
const ctx = { objective: 0.999, minEvents: 0 };

describe("errorRatioThreshold: factor × (1 − objective), printed clean", () => {
  it.each([
    ["30 d page 1h at 99.9 %", R30, 0, 0.999, 0.0144],
    ["30 d page 6h at 99.9 %", R30, 1, 0.999, 0.006],
    ["30 d ticket 3d at 99 %", R30, 3, 0.99, 0.01],
    ["28 d page 1h at 99.9 %", { kind: "rolling" as const, days: 28 }, 0, 0.999, 0.01344],
    // The tier table's factor is already 12 digits (0.933333333333), so the product ends in …666.
    ["28 d ticket 3d at 99.5 %", { kind: "rolling" as const, days: 28 }, 3, 0.995, 0.00466666666666],
  ])("%s", (_n, window, index, objective, expected) => {
    expect(errorRatioThreshold(burnRateTiers(window)[index], objective)).toBe(expected);
  });

  it("names tiers by severity and long window", () => {
    expect(burnRateTiers(R30).map(tierId)).toEqual(["page-1h", "page-6h", "ticket-1d", "ticket-3d"]);
  });
});

describe("tierFiring: both windows strictly above the threshold, long window guarded", () => {
  // threshold 0.0144: 144 bad of 10,000 is exactly at it (not above); 150 is above.
  it.each([
    ["both above", { good: 9850, total: 10_000 }, { good: 985, total: 1000 }, 0, { firing: true, quiet: null, longBurn: 15 }],
    ["long exactly at the threshold", { good: 9856, total: 10_000 }, { good: 900, total: 1000 }, 0, { firing: false, quiet: "below_threshold" }],
    ["short below", { good: 9850, total: 10_000 }, { good: 990, total: 1000 }, 0, { firing: false, quiet: "below_threshold", shortBurn: 10 }],
    ["long without samples", null, { good: 0, total: 10 }, 0, { firing: false, quiet: "no_samples", longBurn: null, shortBurn: 1000 }],
    ["short without traffic", { good: 0, total: 10 }, { good: 0, total: 0 }, 0, { firing: false, quiet: "no_traffic", shortBurn: null }],
    ["below minEvents", { good: 9850, total: 10_000 }, { good: 985, total: 1000 }, 10_001, { firing: false, quiet: "below_min_events" }],
    ["exactly minEvents fires", { good: 9850, total: 10_000 }, { good: 985, total: 1000 }, 10_000, { firing: true, quiet: null }],
    ["good above total is clamped: no bad request", { good: 9850, total: 10_000 }, { good: 1005, total: 1000 }, 0, { firing: false, quiet: "below_threshold", shortBurn: 0 }],
    ["NaN from the backend", { good: NaN, total: 10_000 }, { good: 985, total: 1000 }, 0, { firing: false, quiet: "inconsistent" }],
  ])("%s", (_n, long, short, minEvents, expected) => {
    const v = tierFiring(page1h, { long, short }, { objective: 0.999, minEvents });
    expect(v).toMatchObject(expected);
    const longBurn = (expected as { longBurn?: number | null }).longBurn;
    if (typeof longBurn === "number") expect(v.longBurn).toBeCloseTo(longBurn, 9);
  });

  it("guards with at least one request even when minEvents is 0", () => expect(minEventsGuard(0)).toBe(1));

  it("fires exactly when both error ratios exceed the printed threshold (property)", () => {
    const pair = fc.integer({ min: 1, max: 1_000_000 }).chain((total) => fc.record({ total: fc.constant(total), good: fc.integer({ min: 0, max: total }) }));
    fc.assert(
      fc.property(pair, pair, (long, short) => {
        const v = tierFiring(page1h, { long, short }, ctx);
        const th = errorRatioThreshold(page1h, 0.999);
        expect(v.firing).toBe((long.total - long.good) / long.total > th && (short.total - short.good) / short.total > th);
      }),
    );
  });
});

describe("firingIntervals: pending, `for`, resolution", () => {
  const v = (firing: boolean, burn = 20): TierVerdict => ({ firing, longBurn: burn, shortBurn: burn + 1, quiet: firing ? null : "below_threshold" });
  // Moments every 60 s: F F T T F T T T F T
  const pattern = [false, false, true, true, false, true, true, true, false, true];
  const moments = pattern.map((f, i) => ({ t: i * 60, verdict: v(f, 10 + i) }));

  it("for = 0: from the first moment true to the first moment false; still open at the end", () => {
    expect(firingIntervals(moments).map((iv) => [iv.startSeconds, iv.endSeconds, iv.peakLongBurn])).toEqual([
      [120, 240, 13],
      [300, 480, 17],
      [540, null, 19],
    ]);
  });

  it("for = 120 s: fires once the condition held 120 s; shorter runs never fire", () => {
    expect(firingIntervals(moments, 120)).toEqual([{ startSeconds: 420, endSeconds: 480, pendingSinceSeconds: 300, peakLongBurn: 17, peakShortBurn: 18 }]);
  });

  it("refuses moments out of order", () => expect(() => firingIntervals([moments[1], moments[0]])).toThrow(RangeError));
});
