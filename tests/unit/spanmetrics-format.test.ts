import { describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import {
  escapeLabelValue,
  formatLabels,
  formatLe,
  formatSecondsTimestamp,
  formatMillisTimestamp,
  formatValue,
} from "@/lib/spanmetrics/format";

describe("escapeLabelValue", () => {
  it.each([
    ["plain", "plain"],
    ['say "hi"', 'say \\"hi\\"'],
    ["a\\b", "a\\\\b"],
    ["line1\nline2", "line1\\nline2"],
    ['\\"', '\\\\\\"'], // backslash first, so an escaped quote is not double-escaped
    ['GET /cart/{id} "x" \\ ü', 'GET /cart/{id} \\"x\\" \\\\ ü'],
    ["tab\tstays", "tab\tstays"],
  ])("%j → %j", (raw, escaped) => {
    expect(escapeLabelValue(raw)).toBe(escaped);
  });
});

describe("formatLabels", () => {
  it("keeps key order and appends le last", () => {
    expect(formatLabels({ service: "a", span_name: 'q"' }, ["le", "0.5"])).toBe('{service="a",span_name="q\\"",le="0.5"}');
  });
  it("writes nothing for an empty set", () => expect(formatLabels({})).toBe(""));
  it.each(["le", "1abc", "a-b", ""])("rejects label name %j", (name) => {
    expect(() => formatLabels({ [name]: "x" })).toThrow(/invalid label name/);
  });
});

describe("formatLe", () => {
  it.each([
    [1, "1", "1.0"],
    [0.512, "0.512", "0.512"],
    [16.384, "16.384", "16.384"],
    [15000, "15000", "15000.0"],
    [0.002, "0.002", "0.002"],
    [Infinity, "+Inf", "+Inf"],
  ])("%d → %s (Prometheus 2) / %s (Prometheus 3)", (bound, p2, p3) => {
    expect(formatLe(bound)).toBe(p2);
    expect(formatLe(bound, "prometheus3")).toBe(p3);
  });
  it("writes every default bound of both profiles without exponent", () => {
    for (const b of [...TEMPO.defaultBuckets, ...OTEL_MS.defaultBuckets]) expect(Number(formatLe(b))).toBe(b);
  });
  it.each([NaN, -Infinity, 1e-7, 1e21])("refuses %d", (b) => expect(() => formatLe(b)).toThrow());
});

describe("numbers and timestamps", () => {
  it.each([
    [42, "42"],
    [0.31, "0.31"],
    [NaN, "NaN"],
    [Infinity, "+Inf"],
    [-Infinity, "-Inf"],
  ])("value %d → %s", (v, s) => expect(formatValue(v)).toBe(s));
  it.each([
    [1795552938, "1795552938", "1795552938000"],
    [1795552938.309, "1795552938.309", "1795552938309"],
    [1795552938.3, "1795552938.300", "1795552938300"],
    [1795552938.0004, "1795552938", "1795552938000"],
  ])("timestamp %d → %s s, %s ms", (t, s, ms) => {
    expect(formatSecondsTimestamp(t)).toBe(s);
    expect(formatMillisTimestamp(t)).toBe(ms);
  });
});
