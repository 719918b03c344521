import { describe, expect, it } from "vitest";
import { burnRateTiers, burnRateTiersForSeconds, NOMINAL_MONTH_SECONDS } from "@/lib/slo/burn-tiers";

const rolling = (days: number) => ({ kind: "rolling" as const, days });
const factors = (w: Parameters<typeof burnRateTiers>[0]) => burnRateTiers(w).map((t) => t.factor);

describe("burnRateTiers", () => {
  // factor = budget fraction × window ÷ long window (SRE workbook), computed by hand per row.
  it.each([
    ["30 days (the workbook's table)", rolling(30), [14.4, 6, 3, 1]],
    ["28 days (Sloth's 28 d table)", rolling(28), [13.44, 5.6, 2.8, 0.933333333333]],
    ["7 days", rolling(7), [3.36, 1.4, 0.7, 0.233333333333]],
    ["90 days", rolling(90), [43.2, 18, 9, 3]],
    ["calendar month (nominal 30 days)", { kind: "calendar" as const, unit: "month" as const }, [14.4, 6, 3, 1]],
  ])("%s", (_name, window, expected) => {
    expect(factors(window)).toEqual(expected);
  });

  it("pairs each long window with a short window 1/12 as long, pages before tickets", () => {
    const tiers = burnRateTiers(rolling(30));
    expect(tiers.map((t) => [t.severity, t.longWindow, t.shortWindow, t.budgetFraction])).toEqual([
      ["page", "1h", "5m", 0.02],
      ["page", "6h", "30m", 0.05],
      ["ticket", "1d", "2h", 0.1],
      ["ticket", "3d", "6h", 0.1],
    ]);
    for (const t of tiers) expect(t.shortWindowSeconds * 12).toBe(t.longWindowSeconds);
  });

  it("spends exactly the tier's budget fraction when the factor burns for the whole long window", () => {
    for (const days of [1, 3, 7, 14, 28, 30, 31, 90]) {
      const w = days * 86_400;
      for (const t of burnRateTiersForSeconds(w)) expect((t.factor * t.longWindowSeconds) / w).toBeCloseTo(t.budgetFraction, 10);
    }
  });

  it.each([
    [1, ["1h", "6h", "1d"]],
    [2, ["1h", "6h", "1d"]],
    [3, ["1h", "6h", "1d", "3d"]],
  ])("a %d-day window keeps only tiers whose long window fits in it", (days, longs) => {
    expect(burnRateTiers(rolling(days)).map((t) => t.longWindow)).toEqual(longs);
  });

  it("uses the same factors for February and a 31-day month (rules are static)", () => {
    expect(NOMINAL_MONTH_SECONDS).toBe(30 * 86_400);
    expect(burnRateTiersForSeconds(NOMINAL_MONTH_SECONDS)).toEqual(burnRateTiers({ kind: "calendar", unit: "month" }));
  });

  it.each([0, -1, NaN])("refuses window length %d", (s) => expect(() => burnRateTiersForSeconds(s)).toThrow(RangeError));
});
