// The waterfall's rows, search, ticks, SLO matching and the Grafana Explore link.
import { describe, expect, it } from "vitest";
import { formatDurationNs } from "@/lib/traces/display";
import { grafanaExploreUrl } from "@/lib/traces/explore-url";
import { searchTrace } from "@/lib/traces/search";
import { sloSpanPredicate } from "@/lib/traces/slo-match";
import { timeTicks } from "@/lib/traces/ticks";
import { placeholderKey } from "@/lib/traces/tree";
import { collapseAll, collapseOneLevel, expandAll, expandOneLevel, fractionOf, layoutTrace, reveal, toggle, visibleRows } from "@/lib/traces/waterfall";
import { BASE_NS, generateTraceSpecs, sid, traceOf } from "@/tests/fixtures/trace-view";

const sample = traceOf([
  { id: 1, name: "GET /checkout", service: "frontend", startUs: 0, endUs: 1000 },
  { id: 2, parent: 1, name: "PlaceOrder", service: "checkout", startUs: 100, endUs: 900, attributes: { "http.route": "/order" } },
  { id: 3, parent: 2, name: "charge", service: "payments", startUs: 200, endUs: 800, error: true },
  { id: 4, parent: 2, name: "reserve", service: "inventory", startUs: 150, endUs: 190 },
  { id: 5, parent: 0xdead, name: "late callback", service: "email", startUs: 950, endUs: 1200 },
]);
const keys = (rows: { key: string }[]) => rows.map((r) => r.key);

describe("layoutTrace / visibleRows", () => {
  const layout = layoutTrace(sample, sloSpanPredicate({ service: "checkout", operation: "PlaceOrder", operationMatch: "exact" }));

  it("lays rows out as fractions of the trace duration with depth, colour, error, critical path and SLO flags", () => {
    const rows = visibleRows(layout, new Set());
    expect(keys(rows)).toEqual([sid(1), sid(2), sid(4), sid(3), placeholderKey(sid(0xdead)), sid(5)]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get(sid(2))).toMatchObject({ depth: 1, offset: 100 / 1200, width: 800 / 1200, matchesSlo: true, onCriticalPath: true, expanded: true, childCount: 2 });
    expect(byKey.get(sid(3))).toMatchObject({ depth: 2, error: true, onCriticalPath: true, serviceIndex: layout.services.indexOf("payments") });
    expect(byKey.get(sid(4))).toMatchObject({ onCriticalPath: true, matchesSlo: false });
    expect(byKey.get(placeholderKey(sid(0xdead)))).toMatchObject({ kind: "missing", depth: 0, serviceIndex: -1, offset: 950 / 1200 });
    expect(layout.services).toEqual(["checkout", "email", "frontend", "inventory", "payments"]);
    expect(byKey.get(sid(1))!.criticalSegments[0]).toEqual([0, 100 / 1200]);
  });

  it("computes fractions in BigInt: a 1 ns offset above 2^53 is not rounded away", () => {
    expect(fractionOf((BASE_NS + 1n).toString(), BASE_NS, 4)).toBe(0.25);
    expect(Number(BASE_NS + 1n) - Number(BASE_NS)).not.toBe(1);
  });

  it("collapses and expands one row, one level and everything", () => {
    expect(keys(visibleRows(layout, toggle(new Set(), sid(2))))).toEqual([sid(1), sid(2), placeholderKey(sid(0xdead)), sid(5)]);
    expect(toggle(toggle(new Set(), sid(2)), sid(2)).size).toBe(0);
    const all = collapseAll(layout);
    expect(keys(visibleRows(layout, all))).toEqual([sid(1), placeholderKey(sid(0xdead))]);
    const one = expandOneLevel(layout, all);
    expect(keys(visibleRows(layout, one))).toEqual([sid(1), sid(2), placeholderKey(sid(0xdead)), sid(5)]);
    const two = expandOneLevel(layout, one);
    expect(visibleRows(layout, two)).toHaveLength(6);
    expect(keys(visibleRows(layout, collapseOneLevel(layout, expandAll())))).toEqual([sid(1), sid(2), placeholderKey(sid(0xdead)), sid(5)]);
    expect(visibleRows(layout, all).every((r) => !r.expanded)).toBe(true);
    expect(keys(visibleRows(layout, reveal(layout, all, sid(3))))).toContain(sid(3));
  });

  it("lays out and flattens 5,000 spans without quadratic work", () => {
    const big = traceOf(generateTraceSpecs(5000));
    const t0 = performance.now();
    const l = layoutTrace(big);
    const t1 = performance.now();
    const rows = visibleRows(l, new Set());
    const rows2 = visibleRows(l, toggle(new Set(), sid(1)));
    const t2 = performance.now();
    expect(rows).toHaveLength(5000);
    expect(rows2).toHaveLength(1);
    expect(rows.every((r) => r.offset >= 0 && r.offset + r.width <= 1 + 1e-9)).toBe(true);
    // Guards against quadratic work on a shared, loaded machine, not a benchmark (bench:trace-render is).
    expect(t1 - t0).toBeLessThan(8000);
    expect(t2 - t1).toBeLessThan(2000);
  });
});

describe("searchTrace", () => {
  const layout = layoutTrace(sample);
  it("keeps matches and their ancestors; terms are ANDed", () => {
    const r = searchTrace(layout.tree, "service:payments")!;
    expect([...r.matches]).toEqual([sid(3)]);
    expect(keys(visibleRows(layout, collapseAll(layout), r.visible))).toEqual([sid(1), sid(2), sid(3)]);
    expect([...searchTrace(layout.tree, "http.route=/order")!.matches]).toEqual([sid(2)]);
    expect([...searchTrace(layout.tree, "http.route=")!.matches]).toEqual([sid(2)]);
    expect([...searchTrace(layout.tree, "callback")!.visible].sort()).toEqual([placeholderKey(sid(0xdead)), sid(5)].sort());
    expect(searchTrace(layout.tree, "name:charge service:frontend")!.matches.size).toBe(0);
    expect([...searchTrace(layout.tree, 'name:"GET /check"')!.matches]).toEqual([sid(1)]);
    expect(searchTrace(layout.tree, "   ")).toBeNull();
  });
});

describe("sloSpanPredicate", () => {
  it("matches service and operation exactly or as an anchored regex", () => {
    const exact = sloSpanPredicate({ service: "checkout", operation: "POST /checkout", operationMatch: "exact" });
    expect(exact("checkout", "POST /checkout")).toBe(true);
    expect(exact("cart", "POST /checkout")).toBe(false);
    const re = sloSpanPredicate({ service: "checkout", operation: "POST /check.*", operationMatch: "regex" });
    expect(re("checkout", "POST /checkout")).toBe(true);
    expect(re("checkout", "xPOST /checkout")).toBe(false);
    expect(sloSpanPredicate({ service: "s", operation: "(?i)get", operationMatch: "regex" })("s", "GET")).toBe(true);
    expect(sloSpanPredicate({ service: "s", operation: "(", operationMatch: "regex" })("s", "(")).toBe(false);
  });
});

describe("timeTicks and durations", () => {
  it("picks 1/2/5 steps and labels them in the unit of the step", () => {
    expect(timeTicks(1_200_000_000).map((t) => t.label)).toEqual(["0", "200 ms", "400 ms", "600 ms", "800 ms", "1000 ms", "1200 ms"]);
    expect(timeTicks(3_000).map((t) => t.label)).toEqual(["0", "500 ns", "1000 ns", "1500 ns", "2000 ns", "2500 ns", "3000 ns"]);
    expect(timeTicks(7_500_000).map((t) => t.label)).toEqual(["0", "2 ms", "4 ms", "6 ms"]);
    expect(timeTicks(50_000_000_000).map((t) => t.label)).toEqual(["0", "10 s", "20 s", "30 s", "40 s", "50 s"]);
    expect(timeTicks(0)).toEqual([{ ns: 0, fraction: 0, label: "0 ns" }]);
    const t = timeTicks(2_500_000);
    expect(t[t.length - 1].fraction).toBeLessThanOrEqual(1);
  });
  it("formats span durations with three significant digits", () => {
    expect(formatDurationNs(1_234_567)).toBe("1.23 ms");
    expect(formatDurationNs(999)).toBe("999 ns");
    expect(formatDurationNs(12_345_678_901)).toBe("12.3 s");
    expect(formatDurationNs(0)).toBe("0 ns");
  });
});

describe("grafanaExploreUrl", () => {
  it("builds a schemaVersion=1 Explore URL with a TraceQL Tempo query for the trace id", () => {
    const url = grafanaExploreUrl({ grafanaUrl: "https://grafana.example/", tempoUid: "tempo-uid_1", traceId: sample.traceId, startMs: 1_000_000, endMs: 1_000_500 })!;
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe("https://grafana.example/explore");
    expect(u.searchParams.get("schemaVersion")).toBe("1");
    expect(u.searchParams.get("orgId")).toBe("1");
    const panes = JSON.parse(u.searchParams.get("panes")!);
    const [id] = Object.keys(panes);
    expect(id).toMatch(/^(?=.*[a-z])[a-z0-9]{3}$/);
    expect(panes[id]).toEqual({
      datasource: "tempo-uid_1",
      queries: [{ refId: "A", datasource: { type: "tempo", uid: "tempo-uid_1" }, queryType: "traceql", query: sample.traceId }],
      range: { from: String(1_000_000 - 300_000), to: String(1_000_500 + 300_000) },
    });
    expect(grafanaExploreUrl({ grafanaUrl: "", tempoUid: "x", traceId: sample.traceId })).toBeNull();
    expect(grafanaExploreUrl({ grafanaUrl: "https://g", tempoUid: "", traceId: sample.traceId })).toBeNull();
  });
});
