import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { attributeBudget, type SeriesCounts } from "@/lib/slo/attribution";

const labels = { operation: "span_name", spanKind: "span_kind", statusCode: "status_code" };
const s = (span_name: string, span_kind: string, status_code: string, good: number, total: number, extra: Record<string, string> = {}): SeriesCounts => ({
  labels: { service: "checkout", span_name, span_kind, status_code, ...extra },
  good,
  total,
});
const run = (series: SeriesCounts[], allowedBadFraction = 0.01, topN?: number) =>
  attributeBudget({ series, allowedBadFraction, labels, ignore: ["service"], topN });

describe("attributeBudget: known answers", () => {
  // 10,000 requests at 99 %: 100 bad allowed. 30 bad on /checkout OK, 50 on /checkout ERROR (errors
  // as bad: no good count), 20 on SELECT orders: 100 bad, the whole budget.
  const series = [
    s("POST /checkout", "SPAN_KIND_SERVER", "STATUS_CODE_UNSET", 4970, 5000),
    s("POST /checkout", "SPAN_KIND_SERVER", "STATUS_CODE_ERROR", 0, 50),
    s("SELECT orders", "SPAN_KIND_CLIENT", "STATUS_CODE_UNSET", 4930, 4950),
  ];
  const a = run(series);

  it("totals equal the window's counts and budget", () => {
    expect(a.totals).toEqual({ good: 9900, total: 10_000, bad: 100, allowedBadEvents: 100, budgetConsumed: 1 });
    expect(a.seriesWithTraffic).toBe(3);
  });

  it.each([
    ["operation", "span_name", [["POST /checkout", 80, 0.8, 0.8], ["SELECT orders", 20, 0.2, 0.2]]],
    ["span_kind", "span_kind", [["SPAN_KIND_SERVER", 80, 0.8, 0.8], ["SPAN_KIND_CLIENT", 20, 0.2, 0.2]]],
    ["status_code", "status_code", [["STATUS_CODE_UNSET", 50, 0.5, 0.5], ["STATUS_CODE_ERROR", 50, 0.5, 0.5]]],
  ] as const)("%s ranked by bad requests", (kind, label, expected) => {
    const d = a.dimensions.find((x) => x.kind === kind)!;
    expect(d.label).toBe(label);
    expect(d.values.map((v) => [v.value, v.bad, v.budgetShare, v.badShare])).toEqual(expected);
    expect(d.other).toBeNull();
  });

  it("ties in bad are broken by traffic (UNSET has 9,950 requests, ERROR 50)", () => {
    expect(a.dimensions.find((x) => x.kind === "status_code")!.values.map((v) => v.total)).toEqual([9950, 50]);
  });

  it("budget shares are of the allowed bad requests, not of all bad: half the budget spent", () => {
    const half = run([s("a", "K", "S", 990, 1000), s("b", "K", "S", 1000, 1000), s("a", "K", "T", 997, 1000), s("b", "K", "T", 993, 1000)]);
    // 4,000 requests, 40 allowed; 20 bad.
    expect(half.totals.budgetConsumed).toBe(0.5);
    const op = half.dimensions.find((d) => d.kind === "operation")!;
    expect(op.values.map((v) => [v.value, v.bad, v.budgetShare, v.badShare])).toEqual([["a", 13, 0.325, 0.65], ["b", 7, 0.175, 0.35]]);
    // span_kind has one value: listed as fixed, not as bars.
    expect(half.fixed).toEqual([{ kind: "span_kind", label: "span_kind", value: "K" }]);
  });
});

describe("attributeBudget: edges", () => {
  it("zero traffic: no dimensions, no shares (never NaN)", () => {
    const a = run([s("a", "K", "S", 0, 0), s("b", "K", "S", 0, 0)]);
    expect(a.totals).toEqual({ good: 0, total: 0, bad: 0, allowedBadEvents: 0, budgetConsumed: null });
    expect(a.dimensions).toEqual([]);
    expect(a.seriesWithTraffic).toBe(0);
  });

  it("no bad requests: budget shares 0, bad shares null", () => {
    const a = run([s("a", "K", "S", 10, 10), s("b", "K", "S", 5, 5)]);
    const op = a.dimensions[0];
    expect(op.values.map((v) => [v.value, v.bad, v.budgetShare, v.badShare])).toEqual([["a", 0, 0, null], ["b", 0, 0, null]]);
  });

  it("a series without traffic does not make a dimension vary", () => {
    const a = run([s("a", "K", "S", 90, 100), s("b", "K", "S", 0, 0)]);
    expect(a.dimensions).toEqual([]);
    expect(a.fixed.map((f) => [f.kind, f.value])).toEqual([["operation", "a"], ["span_kind", "K"], ["status_code", "S"]]);
  });

  it("many values: top N listed, the rest summed into other", () => {
    const series = Array.from({ length: 12 }, (_, i) => s(`op${String(i).padStart(2, "0")}`, "K", "S", 1000 - (i + 1), 1000));
    const a = run(series, 0.01, 5);
    const op = a.dimensions[0];
    // op11 has 12 bad, op10 11, … op00 1.
    expect(op.values.map((v) => v.value)).toEqual(["op11", "op10", "op09", "op08", "op07"]);
    expect(op.valueCount).toBe(12);
    expect(op.other).toMatchObject({ valueCount: 7, bad: 1 + 2 + 3 + 4 + 5 + 6 + 7, total: 7000 });
    expect(op.other!.budgetShare).toBeCloseTo(28 / 120, 12);
    const listed = op.values.reduce((x, v) => x + v.bad, 0) + op.other!.bad;
    expect(listed).toBe(a.totals.bad);
  });

  it("extra labels the series vary on become dimensions; constant ones are fixed; absent values are ''", () => {
    const a = run([s("a", "K", "S", 90, 100, { region: "eu", tier: "gold" }), s("a", "K", "S", 99, 100, { region: "us", tier: "gold" }), s("a", "K", "S", 80, 100, { tier: "gold" })]);
    const region = a.dimensions.find((d) => d.label === "region")!;
    expect(region.kind).toBe("label");
    expect(region.values.map((v) => [v.value, v.bad])).toEqual([["", 20], ["eu", 10], ["us", 1]]);
    expect(a.fixed.find((f) => f.label === "tier")).toEqual({ kind: "label", label: "tier", value: "gold" });
    // The pinned service label is ignored.
    expect(a.dimensions.concat().some((d) => d.label === "service")).toBe(false);
  });

  it("good above total is clamped per series and counted", () => {
    const a = run([s("a", "K", "S", 105, 100), s("b", "K", "S", 90, 100)]);
    expect(a.clampedSeries).toBe(1);
    expect(a.totals.bad).toBe(10);
    expect(a.dimensions[0].values[0]).toMatchObject({ value: "b", bad: 10 });
  });

  it("a threshold between boundaries brackets bad: counted at the lower boundary, with the lower bound at the upper one", () => {
    const a = run([
      { labels: { span_name: "a", span_kind: "K", status_code: "S" }, good: 80, goodUpper: 95, total: 100 },
      { labels: { span_name: "b", span_kind: "K", status_code: "S" }, good: 90, goodUpper: 91, total: 100 },
    ]);
    expect(a.totals).toMatchObject({ bad: 30, badLowerBound: 14 });
    expect(a.dimensions[0].values.map((v) => [v.value, v.bad, v.badLowerBound])).toEqual([["a", 20, 5], ["b", 10, 9]]);
  });

  it("refuses an impossible budget", () => {
    expect(() => attributeBudget({ series: [], allowedBadFraction: 0, labels })).toThrow(RangeError);
  });
});

describe("attributeBudget: properties", () => {
  it("every dimension's values (with other) add up to the window's bad and total", () => {
    const arb = fc.array(
      fc.record({ op: fc.constantFrom("a", "b", "c", "d"), kind: fc.constantFrom("K1", "K2"), code: fc.constantFrom("S1", "S2", "S3"), good: fc.nat(1000), extraBad: fc.nat(50) }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 4 }), (rows, topN) => {
        const a = run(rows.map((r) => s(r.op, r.kind, r.code, r.good, r.good + r.extraBad)), 0.001, topN);
        for (const d of a.dimensions) {
          expect(d.values.reduce((x, v) => x + v.bad, 0) + (d.other?.bad ?? 0)).toBe(a.totals.bad);
          expect(d.values.reduce((x, v) => x + v.total, 0) + (d.other?.total ?? 0)).toBe(a.totals.total);
          expect(d.values.length).toBeLessThanOrEqual(topN);
          for (let i = 1; i < d.values.length; i++) expect(d.values[i - 1].bad).toBeGreaterThanOrEqual(d.values[i].bad);
        }
      }),
    );
  });
});
