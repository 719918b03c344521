// The overview's grouping and assignment (lib/slo/overview-assign.ts), its state rules
// (lib/slo/overview-state.ts) and its PromQL (lib/promql/overview-queries.ts). Table-driven.
import { describe, expect, it } from "vitest";
import { matcher } from "@/lib/promql/ast";
import { contextSelectors, groupedGood, groupedTotal, recordedPerSlug, recordedWorstBurn, firingBurnAlerts, serviceUnion } from "@/lib/promql/overview-queries";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { selectionMatchers, type SloSelection } from "@/lib/promql/slo-queries";
import { burnRateTiers } from "@/lib/slo/burn-tiers";
import { allMatch, assignSums, assignSumsIndexed, groupingLabels, labelMatches, type GroupedSample } from "@/lib/slo/overview-assign";
import { overviewState, worstBurnRate } from "@/lib/slo/overview-state";
import type { BurnRate } from "@/lib/slo/status";
import { parsePromql } from "./promql-lezer";

const ODD = 'GET /cart/{id} "x" \\ ü';

describe("labelMatches: Prometheus matcher semantics", () => {
  const cases: [string, Parameters<typeof labelMatches>[0], Record<string, string>, boolean][] = [
    ["= equal", { label: "a", op: "=", value: "x" }, { a: "x" }, true],
    ["= differs", { label: "a", op: "=", value: "x" }, { a: "xy" }, false],
    ["= empty matches a missing label", { label: "a", op: "=", value: "" }, {}, true],
    ["!= on a missing label (reads as empty)", { label: "region", op: "!=", value: "eu" }, {}, true],
    ["!= equal", { label: "a", op: "!=", value: "x" }, { a: "x" }, false],
    ["=~ is fully anchored: prefix does not match", { label: "a", op: "=~", value: "POST" }, { a: "POST /checkout" }, false],
    ["=~ is fully anchored: suffix does not match", { label: "a", op: "=~", value: "checkout" }, { a: "POST /checkout" }, false],
    ["=~ alternation anchors each branch", { label: "a", op: "=~", value: "a|b" }, { a: "ab" }, false],
    ["=~ alternation", { label: "a", op: "=~", value: "POST /.*|SELECT .*" }, { a: "SELECT orders" }, true],
    ["=~ .* matches a missing label", { label: "a", op: "=~", value: ".*" }, {}, true],
    ["=~ .+ does not match a missing label", { label: "a", op: "=~", value: ".+" }, {}, false],
    ["=~ RE2 (?i) flag", { label: "a", op: "=~", value: "(?i)post /INVOICES" }, { a: "POST /invoices" }, true],
    ["=~ escaped braces and quotes (odd value)", { label: "a", op: "=~", value: 'GET /cart/\\{id\\} ".*' }, { a: ODD }, true],
    ["=~ . does not match a newline (RE2 default)", { label: "a", op: "=~", value: "a.b" }, { a: "a\nb" }, false],
    ["!~ negates the anchored match", { label: "a", op: "!~", value: "STATUS_CODE_ERROR" }, { a: "STATUS_CODE_ERROR_X" }, true],
    ["!~ on a match", { label: "a", op: "!~", value: "STATUS_CODE_(ERROR)" }, { a: "STATUS_CODE_ERROR" }, false],
    ["= with non-ASCII and backslash", { label: "a", op: "=", value: ODD }, { a: ODD }, true],
  ];
  it.each(cases)("%s", (_n, m, labels, want) => expect(labelMatches(m, labels)).toBe(want));
});

const slo = (over: Partial<SloSelection>): SloSelection => ({
  service: "checkout", operation: "POST /checkout", operationMatch: "exact", spanKind: null, extraMatchers: [], countErrorsAsBad: false, ...over,
});
const s = (labels: Record<string, string>, value: number): GroupedSample => ({ labels, value });
// Grouped answers (as `sum by (service, span_name, span_kind, status_code, region)` returns them).
const samples: GroupedSample[] = [
  s({ service: "checkout", span_name: "POST /checkout", span_kind: "SPAN_KIND_SERVER", status_code: "STATUS_CODE_UNSET" }, 100),
  s({ service: "checkout", span_name: "POST /checkout", span_kind: "SPAN_KIND_SERVER", status_code: "STATUS_CODE_ERROR" }, 5),
  s({ service: "checkout", span_name: "POST /checkout", span_kind: "SPAN_KIND_CLIENT", status_code: "STATUS_CODE_UNSET", region: "eu" }, 7),
  s({ service: "checkout", span_name: "SELECT orders", span_kind: "SPAN_KIND_CLIENT", status_code: "STATUS_CODE_OK" }, 40),
  s({ service: "cart", span_name: ODD, span_kind: "SPAN_KIND_SERVER", status_code: "STATUS_CODE_UNSET" }, 9),
  s({ service: "cart", span_name: "POST /checkout", span_kind: "SPAN_KIND_SERVER", status_code: "STATUS_CODE_UNSET" }, 1000),
  s({ service: "checkout", span_name: "POST /checkout", span_kind: "SPAN_KIND_SERVER", status_code: "STATUS_CODE_UNSET", region: "us" }, NaN),
];

describe("assignSums: each SLO gets the sum of the groups its selection matches", () => {
  const table: [string, SloSelection, "total" | "good", number][] = [
    ["exact operation, any span kind", slo({}), "total", 112],
    ["span kind", slo({ spanKind: "SPAN_KIND_SERVER" }), "total", 105],
    ["errors as bad: good leaves error groups out", slo({ countErrorsAsBad: true }), "good", 107],
    ["errors as bad: total keeps them", slo({ countErrorsAsBad: true }), "total", 112],
    ["regex over operations (service level)", slo({ operation: ".*", operationMatch: "regex" }), "total", 152],
    ["regex anchoring: 'POST' matches nothing", slo({ operation: "POST", operationMatch: "regex" }), "total", 0],
    ["extra matcher on a label some groups lack (missing reads empty)", slo({ extraMatchers: [{ label: "region", op: "!=", value: "eu" }] }), "total", 105],
    ["extra matcher =", slo({ extraMatchers: [{ label: "region", op: "=", value: "eu" }] }), "total", 7],
    ["extra regex on status", slo({ operation: ".+", operationMatch: "regex", extraMatchers: [{ label: "status_code", op: "=~", value: "STATUS_CODE_(OK|UNSET)" }] }), "total", 147],
    ["odd label value, exact", slo({ service: "cart", operation: ODD }), "total", 9],
    ["same operation in another service is not mixed in", slo({ service: "cart", operation: "POST /checkout" }), "total", 1000],
    ["no series: zero traffic", slo({ service: "nowhere" }), "total", 0],
  ];
  const matchersOf = (x: SloSelection, kind: "total" | "good") => [
    ...selectionMatchers(x, TEMPO),
    ...(kind === "good" && x.countErrorsAsBad ? [matcher("status_code", "!=", TEMPO.statusError)] : []),
  ];
  it.each(table)("%s", (_n, x, kind, want) => {
    const plain = assignSums(samples, [{ matchers: matchersOf(x, kind) }]);
    const indexed = assignSumsIndexed(samples, [{ matchers: matchersOf(x, kind) }], "service");
    expect(plain.sums).toEqual([want]);
    expect(indexed.sums).toEqual([want]);
    expect(plain.nonFinite).toBe(1);
  });

  it("many SLOs at once: indexed and plain agree, and each equals its own filter-and-sum", () => {
    const all = table.map(([, x, kind]) => ({ matchers: matchersOf(x, kind) }));
    const plain = assignSums(samples, all).sums;
    expect(assignSumsIndexed(samples, all, "service").sums).toEqual(plain);
    expect(plain).toEqual(all.map((a) => samples.filter((x) => Number.isFinite(x.value) && allMatch(a.matchers, x.labels)).reduce((t, x) => t + x.value, 0)));
  });

  it("one assignee object given for several SLOs, in any order among others: each place gets its sum", () => {
    const all = table.map(([, x, kind]) => ({ matchers: matchersOf(x, kind) }));
    const shared = [all[3], all[0], all[3], all[9], all[0], all[3], all[11], all[9]];
    const copies = shared.map((a) => ({ matchers: [...a.matchers] }));
    const got = assignSumsIndexed(samples, shared, "service");
    expect(got.sums).toEqual(assignSumsIndexed(samples, copies, "service").sums);
    expect(got.sums).toEqual([table[3][3], table[0][3], table[3][3], table[9][3], table[0][3], table[3][3], table[11][3], table[9][3]]);
    expect(got.nonFinite).toBe(1);
  });

  it("an assignee without an exact service matcher is tested against every sample", () => {
    const any = { matchers: [matcher("span_name", "=", "POST /checkout")] };
    expect(assignSumsIndexed(samples, [any], "service").sums).toEqual([1112]);
  });

  it("groupingLabels: the profile's labels plus every label a matcher reads, sorted", () => {
    const a = { matchers: selectionMatchers(slo({ extraMatchers: [{ label: "region", op: "=", value: "eu" }] }), OTEL_MS) };
    expect(groupingLabels(["service_name", "span_name", "span_kind", "status_code"], [a])).toEqual(["region", "service_name", "span_kind", "span_name", "status_code"]);
  });
});

describe("overview PromQL: grouped, escaped, valid", () => {
  it("grouped total and good (golden)", () => {
    expect(groupedTotal(TEMPO, ["checkout", "cart"], ["service", "span_name"], 28 * 86_400)).toBe(
      'sum by (service, span_name) (increase(traces_spanmetrics_latency_count{service=~"cart|checkout"}[28d]))',
    );
    expect(groupedGood(OTEL_MS, ["check.out"], ["200", "200.0"], ["service_name"], 3600)).toBe(
      'sum by (service_name) (increase(traces_span_metrics_duration_milliseconds_bucket{service_name="check.out", le=~"200|200\\\\.0"}[1h]))',
    );
  });
  it("service union escapes regex metacharacters and quotes", () => {
    expect(serviceUnion(TEMPO, ['a.b', 'c"d', "a.b"])).toEqual({ label: "service", op: "=~", value: 'a\\.b|c"d' });
  });
  it.each([
    ["total", groupedTotal(TEMPO, [ODD, "x|y"], ["service", "span_name", "span_kind", "status_code"], 300)],
    ["good", groupedGood(TEMPO, [ODD], ["+Inf"], ["service"], 86_400)],
    ["context", contextSelectors([TEMPO, OTEL_MS], [ODD]).join(" or ")],
    ["recorded", recordedPerSlug("sightline_slo:total:increase28d")],
    ["worst", recordedWorstBurn()],
    ["alerts", firingBurnAlerts()],
  ])("%s parses", (_n, q) => expect(parsePromql(q).errors).toEqual([]));
  it("recorded series: one per slug (max, so an HA pair of rule evaluators does not double counts)", () => {
    expect(recordedPerSlug("sightline_slo:good:increase1h")).toBe("max by (sightline_slo) (sightline_slo:good:increase1h)");
    expect(recordedWorstBurn()).toBe("max by (sightline_slo, burn_window, burn_severity) (sightline_slo:burn_rate:worst)");
  });
});

describe("overview state and worst burn", () => {
  const tiers = burnRateTiers({ kind: "rolling", days: 30 });
  const rate = (window: BurnRate["window"], r: number | null): BurnRate => ({ window, windowSeconds: 0, good: 0, total: r === null ? 0 : 1, errorRatio: null, rate: r, reason: r === null ? "no_traffic" : null });
  const rates = (o: Partial<Record<BurnRate["window"], number | null>>) => (["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const).map((w) => rate(w, o[w] ?? 0));
  const budget = (remaining: number) => ({ remaining }) as never;
  const table: [string, { total: number; budget: unknown; burnRates: BurnRate[] }, string][] = [
    ["no traffic", { total: 0, budget: null, burnRates: rates({}) }, "no_data"],
    ["budget spent exactly", { total: 10, budget: budget(0), burnRates: rates({}) }, "exhausted"],
    ["overspent", { total: 10, budget: budget(-0.4), burnRates: rates({ "1h": 20, "5m": 20 }) }, "exhausted"],
    ["below a quarter left", { total: 10, budget: budget(0.2), burnRates: rates({}) }, "at_risk"],
    ["page tier exceeded (1h and 5m ≥ 14.4)", { total: 10, budget: budget(0.9), burnRates: rates({ "1h": 14.4, "5m": 15 }) }, "at_risk"],
    ["long window only: not exceeded", { total: 10, budget: budget(0.9), burnRates: rates({ "1h": 20, "5m": 2 }) }, "ok"],
    ["ticket tier exceeded (3d and 6h ≥ 1)", { total: 10, budget: budget(0.9), burnRates: rates({ "3d": 1.2, "6h": 1 }) }, "at_risk"],
    ["healthy", { total: 10, budget: budget(0.25), burnRates: rates({ "1h": 0.5 }) }, "ok"],
  ];
  it.each(table)("%s → %s", (_n, st, want) => expect(overviewState(st as never, tiers)).toBe(want));

  it("worst burn: the exceeded page tier's long window before a higher unexceeded rate", () => {
    expect(worstBurnRate(rates({ "1h": 15, "5m": 16, "3d": 40 }), tiers)).toEqual({ window: "1h", rate: 15, severity: "page" });
    expect(worstBurnRate(rates({ "6h": 2, "1d": 0.5 }), tiers)).toEqual({ window: "6h", rate: 2, severity: null });
    expect(worstBurnRate(["5m", "1h"].map((w) => rate(w as BurnRate["window"], null)), tiers)).toBeNull();
  });
});
