import { describe, expect, it } from "vitest";
import { allowedBadFraction, checkCounts, errorRatio } from "@/lib/slo/ratio";

describe("allowedBadFraction", () => {
  it.each([
    [0.999, 0.001],
    [0.99, 0.01],
    [0.995, 0.005],
    [0.9999, 0.0001],
    [0.999999, 0.000001],
    [0.5, 0.5],
    [0.0001, 0.9999],
  ])("1 − %d is exactly the decimal %d", (objective, expected) => expect(allowedBadFraction(objective)).toBe(expected));
  it("stays positive for the largest double below 1", () => {
    const o = 1 - Number.EPSILON / 2;
    expect(allowedBadFraction(o)).toBeGreaterThan(0);
  });
  it.each([0, 1, -0.1, 1.5, NaN])("refuses objective %d", (o) => expect(() => allowedBadFraction(o)).toThrow(RangeError));
});

describe("checkCounts", () => {
  it.each([
    ["consistent", { good: 5, total: 10 }, { good: 5, total: 10, problem: null }],
    ["good = total", { good: 10, total: 10 }, { good: 10, total: 10, problem: null }],
    ["zero", { good: 0, total: 0 }, { good: 0, total: 0, problem: null }],
    ["good > total clamps to total", { good: 12.5, total: 10 }, { good: 10, total: 10, problem: { code: "good_exceeds_total", good: 12.5, total: 10, excess: 2.5 } }],
    ["NaN", { good: NaN, total: 10 }, { good: 0, total: 0, problem: { code: "invalid_counts", good: NaN, total: 10 } }],
    ["negative", { good: 1, total: -1 }, { good: 0, total: 0, problem: { code: "invalid_counts", good: 1, total: -1 } }],
    ["infinite", { good: 1, total: Infinity }, { good: 0, total: 0, problem: { code: "invalid_counts", good: 1, total: Infinity } }],
  ])("%s", (_n, pair, expected) => expect(checkCounts(pair)).toEqual(expected));
});

describe("errorRatio", () => {
  it.each([
    [{ good: 0, total: 0 }, null],
    [{ good: 9, total: 10 }, 0.1],
    [{ good: 10, total: 10 }, 0],
    [{ good: 0, total: 4 }, 1],
  ])("%j → %s", (pair, expected) => expect(errorRatio(pair)).toBe(expected));
});
