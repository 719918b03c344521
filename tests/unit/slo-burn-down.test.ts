import { describe, expect, it } from "vitest";
import { burnDown } from "@/lib/slo/burn-down";
import { evaluateSli } from "@/lib/slo/evaluate";
import { resolveWindow } from "@/lib/slo/window";
import { OTEL_MS } from "@/lib/promql/profiles";
import { generateTruthHistory } from "@/tests/fixtures/truth-history";

describe("burnDown", () => {
  it("weights by events: a busy good hour and a quiet bad hour are not averaged", () => {
    const pts = burnDown(
      [
        { t: 3600, good: 990, total: 1000 },
        { t: 7200, good: 0, total: 10 },
      ],
      0.99,
    );
    // Cumulative 990 / 1010, not the mean of 0.99 and 0 (0.495).
    expect(pts[1].sli).toBeCloseTo(990 / 1010, 12);
    // allowed = 0.01 × 1010 = 10.1 bad, spent 20 → remaining 1 − 20 / 10.1.
    expect(pts[1].budgetRemaining).toBeCloseTo(1 - 20 / 10.1, 12);
    expect(pts[0].budgetRemaining).toBeCloseTo(0, 12); // 10 bad of 10 allowed
  });

  it.each([
    ["leading zero-traffic steps have no SLI yet", [{ t: 60, good: 0, total: 0 }, { t: 120, good: 4, total: 4 }], [null, 1], [null, 1], [true, false]],
    ["a zero-traffic step keeps the cumulative values and is marked", [{ t: 60, good: 9, total: 10 }, { t: 120, good: 0, total: 0 }], [0.9, 0.9], [0, 0], [false, true]],
  ])("%s", (_n, steps, slis, remaining, zero) => {
    const pts = burnDown(steps, 0.9);
    expect(pts.map((p) => p.sli)).toEqual(slis);
    pts.forEach((p, i) => (remaining[i] === null ? expect(p.budgetRemaining).toBeNull() : expect(p.budgetRemaining).toBeCloseTo(remaining[i]!, 12)));
    expect(pts.map((p) => p.zeroTraffic)).toEqual(zero);
  });

  it("clamps a skewed step (good > total) and marks it, never above 100 %", () => {
    const pts = burnDown([{ t: 60, good: 12, total: 10 }, { t: 120, good: 5, total: 10 }], 0.5);
    expect(pts[0]).toMatchObject({ good: 10, total: 10, sli: 1, inconsistent: true });
    expect(pts[1]).toMatchObject({ cumulativeGood: 15, cumulativeTotal: 20, sli: 0.75, inconsistent: false });
  });

  it("refuses steps out of time order", () => {
    expect(() => burnDown([{ t: 120, good: 1, total: 1 }, { t: 60, good: 1, total: 1 }], 0.9)).toThrow(RangeError);
  });

  it("ends at the window's own SLI when its steps tile the window (truth fixture, hourly steps over 4 days)", () => {
    const h = generateTruthHistory({ profile: OTEL_MS, days: 4 });
    const end = h.ticks[h.ticks.length - 1];
    const le = 0.4;
    const selector = { service: "checkout", spanName: "POST /checkout", excludeErrors: true };
    const steps = Array.from({ length: 96 }, (_, i) => {
      const t = end - 4 * 86_400 + (i + 1) * 3600;
      return { t, ...h.truthCounts({ selector, leSeconds: le, startSeconds: t - 3600, endSeconds: t }) };
    });
    const counts = h.truthCounts({ selector, leSeconds: le, startSeconds: end - 4 * 86_400, endSeconds: end });
    const pts = burnDown(steps, 0.99);
    const status = evaluateSli(
      {
        evaluatedAt: end,
        window: resolveWindow({ kind: "rolling", days: 4 }, end),
        objective: 0.99,
        minEvents: 0,
        thresholdFit: { kind: "exact", boundarySeconds: le },
        counts,
        countsUpper: null,
        burnWindows: {},
        steps,
        lastSampleAt: end,
      },
      { objective: 0.99, window: { kind: "rolling", days: 4 }, minEvents: 0 },
    );
    const last = pts[pts.length - 1];
    expect(last.cumulativeTotal).toBe(counts.total);
    expect(last.sli).toBeCloseTo(status.sli!, 12);
    expect(last.budgetRemaining).toBeCloseTo(status.budget!.remaining, 9);
    // The incident hour burns visibly: budget remaining drops in the steps that cover it.
    const { fromSeconds, toSeconds } = h.anomalies.incident;
    const during = pts.filter((p) => p.t > fromSeconds && p.t <= toSeconds + 3600);
    expect(during.length).toBeGreaterThan(0);
    expect(Math.min(...during.map((p) => p.good / p.total))).toBeLessThan(0.9);
  });
});
