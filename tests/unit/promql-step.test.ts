import { describe, expect, it } from "vitest";
import { MAX_POINTS, planRange } from "@/lib/promql/step";
import { planCounts, planSteps, readParts, pairOf } from "@/lib/server/sli-data/plan";
import { decideFit, layoutFromSeries } from "@/lib/promql/buckets";
import { TEMPO } from "@/lib/promql/profiles";
import { BURN_WINDOWS } from "@/lib/slo/types";
import { resolveWindow } from "@/lib/slo/window";
import { countNodes, parsePromql } from "./promql-lezer";

const DAY = 86_400;

describe("planRange", () => {
  it.each([
    // start, end, requested step → step, aligned start, aligned end, points
    [0, 3600, undefined, 15, 0, 3600, 241],
    [1000, 4600, 60, 60, 960, 4620, 62],
    [0, 30 * DAY, undefined, 10800, 0, 30 * DAY, 241],
    [0, 30 * DAY, 60, 300, 0, 30 * DAY, 8641],
    [5, 90 * DAY + 5, 1, 900, 0, 90 * DAY + 900, 8642],
  ])("[%d, %d] step %s → %d", (start, end, step, wantStep, s, e, points) => {
    const p = planRange(start, end, step);
    expect(p).toMatchObject({ stepSeconds: wantStep, startSeconds: s, endSeconds: e, points });
    expect(p.points).toBeLessThanOrEqual(MAX_POINTS);
  });

  it("keeps unaligned bounds when asked and flags a raised step", () => {
    expect(planRange(1001, 1601, 60, false)).toEqual({ startSeconds: 1001, endSeconds: 1601, stepSeconds: 60, points: 11, raised: false });
    expect(planRange(0, 90 * DAY, 1).raised).toBe(true);
    for (let days = 1; days <= 90; days += 7) expect(planRange(7, days * DAY + 13, 1).points).toBeLessThanOrEqual(MAX_POINTS);
  });
});

describe("planSteps", () => {
  it.each([
    [DAY, 600, 144, 0],
    [DAY, 1380, 62, 840],
    [DAY, 100_000, 0, DAY],
  ])("window %d s, step %d → %d full steps, head %d s", (duration, step, full, head) => {
    const p = planSteps({ startSeconds: 0, endSeconds: duration, durationSeconds: duration, label: "" }, step);
    expect(p).toMatchObject({ fullSteps: full, headSeconds: head });
    expect(p.fullSteps * p.stepSeconds + p.headSeconds).toBe(duration);
  });
  it("raises steps that would exceed the point limit", () => {
    const p = planSteps(resolveWindow({ kind: "rolling", days: 90 }, 90 * DAY), 60);
    expect(p.raised).toBe(true);
    expect(p.fullSteps).toBeLessThanOrEqual(MAX_POINTS);
  });
});

describe("planCounts", () => {
  const slo = { service: "s", operation: "op", operationMatch: "exact" as const, spanKind: null, extraMatchers: [], countErrorsAsBad: false };
  const layout = layoutFromSeries(["0.25", "0.5", "1", "+Inf"].map((le) => ({ service: "s", span_name: "op", le })));
  const window = resolveWindow({ kind: "rolling", days: 28 }, 100 * DAY);

  it("batches window, upper, burn windows and freshness into one valid instant query", () => {
    const plan = planCounts(slo, TEMPO, layout, decideFit(layout, 0.3, "seconds"), window, planSteps(window, 3600));
    const p = parsePromql(plan.instant);
    expect(p.errors).toEqual([]);
    // last + total/good/upper over the window + total/good per burn window
    expect(countNodes(p, "LabelReplace")).toBe(1 + 3 + 2 * BURN_WINDOWS.length);
    expect(plan.instant).toContain('le="0.25"}[28d]');
    expect(plan.instant).toContain('le="0.5"}[28d]');
    expect(plan.range).not.toBeNull();
    expect(parsePromql(plan.range!).errors).toEqual([]);
  });

  it("has no good parts when no boundary lies below the threshold, and no window parts for an empty window", () => {
    const low = planCounts(slo, TEMPO, layout, decideFit(layout, 0.1, "seconds"), window, null);
    expect(low.instant).not.toContain('"good_');
    expect(low.range).toBeNull();
    const empty = planCounts(slo, TEMPO, layout, decideFit(layout, 1, "seconds"), resolveWindow({ kind: "calendar", unit: "month" }, Date.UTC(2026, 1, 1) / 1000), null);
    expect(empty.instant).not.toContain("_window");
  });

  it("reads tagged answers, treating missing parts as zero and non-finite values as warnings", () => {
    const tag = (t: string, value: number) => ({ labels: { sightline_part: t }, value, timestamp: 0 });
    const { values, warnings } = readParts([tag("good_window", 5), tag("total_window", 7), tag("total_5m", NaN), { labels: {}, value: 1, timestamp: 0 }]);
    expect(pairOf(values, "window")).toEqual({ good: 5, total: 7 });
    expect(pairOf(values, "5m")).toEqual({ good: 0, total: 0 });
    expect(warnings).toEqual(["total_5m came back as NaN; counted as 0"]);
  });
});
