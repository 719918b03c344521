// Golden PromQL for target suggestion and backtest (lib/promql/history-queries.ts), parsed back
// with the official lezer grammar so a typo in a builder cannot reach Prometheus.
import { describe, expect, it } from "vitest";
import { render } from "@/lib/promql/ast";
import { leSpellings } from "@/lib/promql/buckets";
import { backtestStepsQuery, bucketsByLeQuery, firstSampleWindowQuery, oldestSampleQuery, suggestStepsQuery, windowsBesideSteps } from "@/lib/promql/history-queries";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { DAY_STEPS, planDayStep } from "@/lib/promql/step";
import { countNodes, parsePromql, unquoteGo } from "./promql-lezer";
import { cartSelection } from "@/tests/fixtures/slo-selection";

const SEL = 'service="checkout", span_name="GET /cart", span_kind="SPAN_KIND_SERVER"';

describe("suggestion's range query", () => {
  it("total, every bucket by (le, status_code) with errors kept in, and resets, tagged", () => {
    const q = render(suggestStepsQuery(cartSelection({ countErrorsAsBad: true }), TEMPO, 3600));
    expect(q).toBe(
      `label_replace(sum(increase(traces_spanmetrics_latency_count{${SEL}}[1h])), "sightline_part", "total", "", "")` +
        ` or label_replace(sum by (le, status_code) (increase(traces_spanmetrics_latency_bucket{${SEL}}[1h])), "sightline_part", "buckets", "", "")` +
        ` or label_replace(sum(resets(traces_spanmetrics_latency_count{${SEL}}[1h])), "sightline_part", "resets", "", "")`,
    );
    const p = parsePromql(q);
    expect(p.errors).toEqual([]);
    expect(countNodes(p, "FunctionCall")).toBe(6);
  });

  it("otel names its labels its own way", () => {
    expect(render(bucketsByLeQuery(cartSelection(), OTEL_MS, 3600))).toBe(
      'sum by (le, status_code) (increase(traces_span_metrics_duration_milliseconds_bucket{service_name="checkout", span_name="GET /cart", span_kind="SPAN_KIND_SERVER"}[1h]))',
    );
  });

  it("an odd operation survives escaping both ways", () => {
    const odd = 'GET /x"y\\z\n🚀';
    const p = parsePromql(render(suggestStepsQuery(cartSelection({ operation: odd }), TEMPO, 3600)));
    expect(p.errors).toEqual([]);
    expect(p.strings.map(unquoteGo)).toContain(odd);
  });
});

describe("backtest's range query", () => {
  it("at hourly steps it reads 5m and 30m beside the steps, at the SLO's boundary", () => {
    expect(windowsBesideSteps(3600)).toEqual(["5m", "30m"]);
    const q = render(backtestStepsQuery(cartSelection(), TEMPO, leSpellings(0.512), 3600));
    const parts = q.split(" or ").map((x) => x.match(/"sightline_part", "([a-z0-9_]+)"/)![1]);
    expect(parts).toEqual(["total_step", "good_step", "total_5m", "good_5m", "total_30m", "good_30m", "resets"]);
    expect(q).toContain(`sum(increase(traces_spanmetrics_latency_bucket{${SEL}, le="0.512"}[5m]))`);
    expect(parsePromql(q).errors).toEqual([]);
  });
  it("at 5-minute steps every burn window is whole steps; without a boundary below there is no good part", () => {
    expect(windowsBesideSteps(300)).toEqual([]);
    const q = render(backtestStepsQuery(cartSelection(), TEMPO, null, 300));
    expect(q).not.toContain("good_");
    expect(parsePromql(q).errors).toEqual([]);
  });
  it("integer boundaries match both spellings", () => {
    expect(render(backtestStepsQuery(cartSelection(), OTEL_MS, leSpellings(512), 3600))).toContain('le=~"512|512\\\\.0"');
  });
});

describe("oldest sample", () => {
  it("the sample itself: min over a one-second subquery of timestamp()", () => {
    const q = render(oldestSampleQuery(cartSelection(), TEMPO, 60, 1));
    expect(q).toBe(`min(min_over_time(timestamp(traces_spanmetrics_latency_count{${SEL}})[1m:1s]))`);
    expect(parsePromql(q).errors).toEqual([]);
  });

  it("the coarse steps: first window holding a sample, from raw-sample counts tiled at the window", () => {
    const hour = render(firstSampleWindowQuery(cartSelection(), TEMPO, 90 * 86_400, 3600));
    expect(hour).toBe(`min(min_over_time(timestamp(count_over_time(traces_spanmetrics_latency_count{${SEL}}[1h]))[90d:1h]))`);
    const minute = render(firstSampleWindowQuery(cartSelection(), OTEL_MS, 3600, 60));
    expect(minute).toBe(
      'min(min_over_time(timestamp(count_over_time(traces_span_metrics_duration_milliseconds_count{service_name="checkout", span_name="GET /cart", span_kind="SPAN_KIND_SERVER"}[1m]))[1h:1m]))',
    );
    for (const q of [hour, minute]) expect(parsePromql(q).errors).toEqual([]);
  });
});

describe("day step planner", () => {
  it.each([
    // range, span read, requested → step, raised
    [90 * 86_400, 118 * 86_400, undefined, 3600, false],
    [28 * 86_400, 56 * 86_400, undefined, 1800, false],
    [7 * 86_400, 14 * 86_400, undefined, 300, false],
    [86_400, 29 * 86_400, undefined, 300, true],
    [90 * 86_400, 118 * 86_400, 60, 1800, true],
    [28 * 86_400, 28 * 86_400, 3600, 3600, false],
  ])("%d s over %d s, asked %s → %d s (raised %s)", (range, span, requested, step, raised) => {
    const p = planDayStep(range, span, { requested });
    expect(p).toEqual({ stepSeconds: step, raised });
    expect(DAY_STEPS).toContain(p.stepSeconds);
    expect(span / p.stepSeconds).toBeLessThanOrEqual(11_000);
  });
});
