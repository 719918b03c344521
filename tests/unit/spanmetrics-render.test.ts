import { describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import {
  newHistogramState,
  observe,
  OPENMETRICS_CONTENT_TYPE,
  renderOpenMetricsBackfill,
  renderOpenMetricsScrape,
  renderPrometheusImport,
  resetHistogram,
  snapshot,
  spanLabels,
  bucketIndex,
  type HistogramFamily,
  type HistogramPoint,
  type MetricFamily,
} from "@/lib/spanmetrics";

const labels = { service: "cart", span_name: 'GET /cart/{id} "x" \\ ü' };
const hist = (points: HistogramPoint[]): HistogramFamily => ({
  type: "histogram",
  name: "lat",
  bounds: [0.5, 1],
  series: [{ labels, points }],
});
const text = (it: Iterable<string>) => [...it].join("");

describe("renderOpenMetricsBackfill", () => {
  const families: MetricFamily[] = [
    hist([
      { timestampSeconds: 100, buckets: [1, 2], count: 3, sum: 2.5 },
      { timestampSeconds: 160, buckets: [4, 4], count: 5, sum: 4.25 },
    ]),
    { type: "counter", name: "calls_total", series: [{ labels: { service: "cart" }, points: [{ timestampSeconds: 100, value: 3 }] }] },
  ];
  const out = text(renderOpenMetricsBackfill(families));
  const lines = out.trimEnd().split("\n");

  it("writes a TYPE header per family, second timestamps, +Inf = count, and ends with # EOF", () => {
    expect(lines[0]).toBe("# TYPE lat histogram");
    expect(lines[1]).toBe('lat_bucket{service="cart",span_name="GET /cart/{id} \\"x\\" \\\\ ü",le="0.5"} 1 100');
    expect(lines[3]).toBe('lat_bucket{service="cart",span_name="GET /cart/{id} \\"x\\" \\\\ ü",le="+Inf"} 3 100');
    expect(lines[4]).toBe('lat_count{service="cart",span_name="GET /cart/{id} \\"x\\" \\\\ ü"} 3 100');
    expect(lines[5]).toBe('lat_sum{service="cart",span_name="GET /cart/{id} \\"x\\" \\\\ ü"} 2.5 100');
    expect(lines).toContain("# TYPE calls counter"); // OpenMetrics family name drops _total
    expect(lines).toContain('calls_total{service="cart"} 3 100');
    expect(lines[lines.length - 1]).toBe("# EOF");
    expect(out.endsWith("# EOF\n")).toBe(true);
  });
  it("writes no UNIT line (promtool rejects it for histograms)", () => expect(out).not.toMatch(/# UNIT/));
  it("has 5 lines per point per histogram series", () => expect(lines.filter((l) => l.startsWith("lat_")).length).toBe(10));

  it("can spell le the Prometheus 3 way", () => {
    const p3 = text(renderOpenMetricsBackfill([families[0]], { leSpelling: "prometheus3" }));
    expect(p3).toContain('le="1.0"} 2 100');
    expect(p3).toContain('le="0.5"} 1 100');
  });

  it.each([
    ["missing timestamp", [{ buckets: [1, 1], count: 1, sum: 1 }], /need timestamps/],
    ["timestamps going back", [{ timestampSeconds: 5, buckets: [0, 0], count: 0, sum: 0 }, { timestampSeconds: 5, buckets: [0, 0], count: 0, sum: 0 }], /must increase/],
    ["non-cumulative buckets", [{ timestampSeconds: 5, buckets: [2, 1], count: 2, sum: 0 }], /cumulative/],
    ["count below last bucket", [{ timestampSeconds: 5, buckets: [1, 2], count: 1, sum: 0 }], /count/],
    ["wrong bucket arity", [{ timestampSeconds: 5, buckets: [1], count: 1, sum: 0 }], /bounds/],
  ])("refuses %s", (_name, points, err) => {
    expect(() => text(renderOpenMetricsBackfill([hist(points)]))).toThrow(err);
  });
});

describe("renderPrometheusImport", () => {
  it("uses millisecond timestamps, names the counter with _total and writes no # EOF", () => {
    const out = text(
      renderPrometheusImport([
        hist([{ timestampSeconds: 1795552938.5, buckets: [0, 1], count: 1, sum: 0.7 }]),
        { type: "counter", name: "calls_total", help: 'a "b"\\', series: [{ labels: {}, points: [{ timestampSeconds: 1, value: 7 }] }] },
      ]),
    );
    expect(out).toContain('lat_bucket{service="cart",span_name="GET /cart/{id} \\"x\\" \\\\ ü",le="1"} 1 1795552938500\n');
    expect(out).toContain("# HELP calls_total a \"b\"\\\\\n# TYPE calls_total counter\ncalls_total 7 1000\n");
    expect(out).not.toContain("# EOF");
  });
});

describe("renderOpenMetricsScrape", () => {
  it.each([
    [TEMPO, "traceID", "0.512", "0.31"],
    [OTEL_MS, "trace_id", "400", "310"],
  ])("%s: exemplar label %s on the bucket the observation fell in, no timestamps", (profile, traceLabel, le, value) => {
    const state = newHistogramState(profile.defaultBuckets);
    observe(state, Number(value) / 100); // a fast one without exemplar
    observe(state, Number(value), { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", timestampSeconds: 1795552938.309 });
    const id = { service: "checkout", spanName: "POST /checkout", spanKind: "SPAN_KIND_SERVER", statusCode: "STATUS_CODE_UNSET" };
    const out = renderOpenMetricsScrape(
      [{ type: "histogram", name: profile.histogram, bounds: profile.defaultBuckets, series: [{ labels: spanLabels(profile, id), points: [snapshot(state, 123, true)] }] }],
      { exemplarTraceLabel: profile.exemplarTraceLabel },
    );
    const bucketLine = out.split("\n").find((l) => l.includes(`le="${le}"`))!;
    expect(bucketLine).toMatch(new RegExp(`} 2 # \\{${traceLabel}="4bf92f3577b34da6a3ce929d0e0e4736"\\} ${value} 1795552938\\.309$`));
    expect(out.match(/ # \{/g)).toHaveLength(1);
    expect(out).not.toMatch(/ 123\n/);
    expect(out.endsWith("# EOF\n")).toBe(true);
    expect(out).toContain(`${profile.labels.service}="checkout"`);
  });
  it("advertises the OpenMetrics 1.0 content type Prometheus needs for exemplars", () => {
    expect(OPENMETRICS_CONTENT_TYPE).toBe("application/openmetrics-text; version=1.0.0; charset=utf-8");
  });
});

describe("histogram state", () => {
  it.each([
    [0.5, 0],
    [0.5000001, 1],
    [1, 1],
    [0, 0],
    [2, 2],
  ])("value %d falls in bucket %d of [0.5, 1] (le inclusive)", (v, i) => expect(bucketIndex([0.5, 1], v)).toBe(i));
  it("snapshots cumulative counts and resets to zero", () => {
    const s = newHistogramState([0.5, 1]);
    for (const v of [0.1, 0.7, 0.9, 3]) observe(s, v);
    expect(snapshot(s)).toEqual({ buckets: [1, 3], count: 4, sum: 4.7 });
    resetHistogram(s);
    expect(snapshot(s)).toEqual({ buckets: [0, 0], count: 0, sum: 0 });
  });
  it("refuses non-increasing bounds", () => expect(() => newHistogramState([1, 1])).toThrow());
});

describe("exemplar labels per family", () => {
  const fam = (exemplarTraceLabel?: string): HistogramFamily => ({
    type: "histogram",
    name: "lat",
    bounds: [1],
    exemplarTraceLabel,
    series: [{ labels: {}, points: [{ buckets: [1], count: 1, sum: 0.5, exemplars: [{ traceId: "abc", value: 0.5 }] }] }],
  });
  it.each([
    ["the family's label wins over the option", "trace_id", "traceID", '{trace_id="abc"} 0.5'],
    ["the option applies when the family names none", undefined, "traceID", '{traceID="abc"} 0.5'],
  ])("%s", (_n, familyLabel, optionLabel, expected) => {
    expect(renderOpenMetricsScrape([fam(familyLabel)], { exemplarTraceLabel: optionLabel })).toContain(`lat_bucket{le="1"} 1 # ${expected}\n`);
  });
  it("refuses an exemplar without any trace label", () => expect(() => renderOpenMetricsScrape([fam()])).toThrow(/trace label/));
  it("never writes exemplars into backfill files", () => {
    const fam1 = fam("traceID");
    (fam1.series as { points: HistogramPoint[] }[])[0].points[0].timestampSeconds = 10;
    expect([...renderOpenMetricsBackfill([fam1])].join("")).not.toContain(" # {");
  });
});
