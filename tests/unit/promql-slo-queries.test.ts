import { describe, expect, it } from "vitest";
import { render, rangeFn, selector, sum, countByLe, binary, num, matcher } from "@/lib/promql/ast";
import { formatDuration, parseDuration } from "@/lib/promql/duration";
import { TEMPO, OTEL_MS, OTEL_SECONDS, type ProducerProfile } from "@/lib/promql/profiles";
import { goodQuery, totalQuery, lastSampleQuery, lastSampleWithinQuery, taggedUnion, type SloSelection } from "@/lib/promql/slo-queries";
import { trafficByQuery } from "@/lib/promql/discovery-queries";
import { leSpellings } from "@/lib/promql/buckets";
import { parsePromql } from "./promql-lezer";
import { cartSelection } from "@/tests/fixtures/slo-selection";

const checkoutSlo = cartSelection;

const DAY = 86_400;

describe("durations", () => {
  it.each([
    [300, "5m"],
    [5400, "1h30m"],
    [28 * DAY, "28d"],
    [1_234_567, "14d6h56m7s"],
    [0.25, "250ms"],
    [90061.5, "1d1h1m1s500ms"],
  ])("%d s → %s and back", (s, text) => {
    expect(formatDuration(s)).toBe(text);
    expect(parseDuration(text)).toBe(s);
  });
  it.each([0, -5, NaN, Infinity, 0.0001])("rejects %d", (s) => expect(() => formatDuration(s)).toThrow());
});

describe("le spellings", () => {
  it.each([
    [1, ["1", "1.0"]],
    [512, ["512", "512.0"]],
    [0.512, ["0.512"]],
    [Infinity, ["+Inf"]],
  ])("%d → %j", (v, want) => expect(leSpellings(v)).toEqual(want));
  it("adds observed spellings once", () => expect(leSpellings(1, ["1.0", "1e+00"])).toEqual(["1", "1.0", "1e+00"]));
});

// Golden queries: the exact text each SLO kind produces for each profile.
const GOLDEN: { name: string; profile: ProducerProfile; slo: SloSelection; le: [string, ...string[]]; good: string; total: string }[] = [
  {
    name: "tempo, exact operation, seconds boundary",
    profile: TEMPO,
    slo: checkoutSlo(),
    le: ["0.512"],
    good: 'sum(increase(traces_spanmetrics_latency_bucket{service="checkout", span_name="GET /cart", span_kind="SPAN_KIND_SERVER", le="0.512"}[28d]))',
    total: 'sum(increase(traces_spanmetrics_latency_count{service="checkout", span_name="GET /cart", span_kind="SPAN_KIND_SERVER"}[28d]))',
  },
  {
    name: "tempo, errors count as bad, integer boundary in both spellings",
    profile: TEMPO,
    slo: checkoutSlo({ countErrorsAsBad: true }),
    le: leSpellings(1),
    good: 'sum(increase(traces_spanmetrics_latency_bucket{service="checkout", span_name="GET /cart", span_kind="SPAN_KIND_SERVER", status_code!="STATUS_CODE_ERROR", le=~"1|1\\\\.0"}[28d]))',
    total: 'sum(increase(traces_spanmetrics_latency_count{service="checkout", span_name="GET /cart", span_kind="SPAN_KIND_SERVER"}[28d]))',
  },
  {
    name: "otel ms, regex operation, any kind, extra matchers",
    profile: OTEL_MS,
    slo: checkoutSlo({
      operationMatch: "regex",
      operation: "GET /api/.*",
      spanKind: null,
      extraMatchers: [
        { label: "deployment_environment", op: "=", value: "prod" },
        { label: "http_route", op: "!~", value: "/health|/ready" },
      ],
    }),
    le: leSpellings(400),
    good: 'sum(increase(traces_span_metrics_duration_milliseconds_bucket{service_name="checkout", span_name=~"GET /api/.*", deployment_environment="prod", http_route!~"/health|/ready", le=~"400|400\\\\.0"}[28d]))',
    total: 'sum(increase(traces_span_metrics_duration_milliseconds_count{service_name="checkout", span_name=~"GET /api/.*", deployment_environment="prod", http_route!~"/health|/ready"}[28d]))',
  },
  {
    name: "otel seconds, errors bad, odd service name",
    profile: OTEL_SECONDS,
    slo: checkoutSlo({ service: 'pay"ments\\eu', countErrorsAsBad: true }),
    le: leSpellings(0.4),
    good: 'sum(increase(traces_span_metrics_duration_seconds_bucket{service_name="pay\\"ments\\\\eu", span_name="GET /cart", span_kind="SPAN_KIND_SERVER", status_code!="STATUS_CODE_ERROR", le="0.4"}[28d]))',
    total: 'sum(increase(traces_span_metrics_duration_seconds_count{service_name="pay\\"ments\\\\eu", span_name="GET /cart", span_kind="SPAN_KIND_SERVER"}[28d]))',
  },
];

describe("golden SLO queries", () => {
  it.each(GOLDEN)("$name", ({ profile, slo, le, good, total }) => {
    const g = render(goodQuery(slo, profile, le, 28 * DAY));
    const t = render(totalQuery(slo, profile, 28 * DAY));
    expect(g).toBe(good);
    expect(t).toBe(total);
    for (const q of [g, t]) expect(parsePromql(q).errors).toEqual([]);
  });

  it("renders calendar-month windows of arbitrary length as compound durations", () => {
    const q = render(totalQuery(checkoutSlo(), TEMPO, 1_234_567));
    expect(q).toContain("[14d6h56m7s]");
    expect(parsePromql(q).errors).toEqual([]);
  });

  it("freshness, count by le, traffic and tagged unions parse and read as pinned", () => {
    const cases: [string, string][] = [
      [
        render(lastSampleQuery(checkoutSlo(), TEMPO)),
        'max(timestamp(traces_spanmetrics_latency_count{service="checkout", span_name="GET /cart", span_kind="SPAN_KIND_SERVER"}))',
      ],
      [
        render(lastSampleWithinQuery(checkoutSlo(), TEMPO, 7 * DAY)),
        'max(max_over_time(timestamp(traces_spanmetrics_latency_count{service="checkout", span_name="GET /cart", span_kind="SPAN_KIND_SERVER"})[7d:4m]))',
      ],
      [render(countByLe(selector("traces_spanmetrics_latency_bucket", [matcher("service", "=", "a")]))), 'count by (le) (traces_spanmetrics_latency_bucket{service="a"})'],
      [
        render(trafficByQuery(OTEL_MS, "spanName", { service: "checkout" }, 300)),
        'sum by (span_name) (rate(traces_span_metrics_duration_milliseconds_count{service_name="checkout"}[5m]))',
      ],
      [render(trafficByQuery(TEMPO, "service", {}, DAY, "increase")), "sum by (service) (increase(traces_spanmetrics_latency_count[1d]))"],
      [
        render(taggedUnion([
          { tag: "good", expr: sum(rangeFn("increase", selector("a_bucket"), 300)) },
          { tag: "total", expr: sum(rangeFn("increase", selector("a_count"), 300)) },
          { tag: "ratio", expr: binary("/", num(1), binary("-", num(2), num(0.5))) },
        ])),
        'label_replace(sum(increase(a_bucket[5m])), "sightline_part", "good", "", "") or label_replace(sum(increase(a_count[5m])), "sightline_part", "total", "", "") or label_replace(1 / (2 - 0.5), "sightline_part", "ratio", "", "")',
      ],
    ];
    for (const [q, want] of cases) {
      expect(q).toBe(want);
      expect(parsePromql(q).errors).toEqual([]);
    }
  });

  it("refuses names that are not PromQL names", () => {
    expect(() => selector('x{a="1"}')).toThrow(/metric name/);
    expect(() => matcher("le}", "=", "1")).toThrow(/label name/);
    expect(() => sum(selector("a"), ["a b"])).toThrow(/label name/);
  });
});
