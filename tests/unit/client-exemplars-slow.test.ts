import { describe, expect, it } from "vitest";
import { parseSlow, slowChanges, slowRange, traceHref } from "@/lib/client/exemplars/slow-params";
import { withParams } from "@/lib/client/status/search-params";
import { formatLatency } from "@/lib/client/exemplars/format";

describe("parseSlow (URL state of the slow-request lists)", () => {
  it.each([
    ["slow=1h", { kind: "window", window: "1h" }],
    ["slow=3d&slowLabel=status_code&slowValue=STATUS_CODE_ERROR", { kind: "window", window: "3d", label: "status_code", value: "STATUS_CODE_ERROR" }],
    ["slowFrom=100&slowTo=200", { kind: "range", from: 100, to: 200 }],
    // H7's attribution links: a range narrowed to one value (odd characters survive the URL).
    [`slowFrom=100&slowTo=200&slowLabel=span_name&slowValue=${encodeURIComponent('GET /a "b" & c')}`, { kind: "range", from: 100, to: 200, label: "span_name", value: 'GET /a "b" & c' }],
    // A window wins over a range; a bad label name is dropped, not sent.
    ["slow=5m&slowFrom=1&slowTo=2", { kind: "window", window: "5m" }],
    ["slowFrom=100&slowTo=200&slowLabel=bad-name&slowValue=x", { kind: "range", from: 100, to: 200 }],
  ])("%s", (q, want) => expect(parseSlow(new URLSearchParams(q))).toEqual(want));
  it.each([[""], ["slow=2w"], ["slowFrom=200&slowTo=100"], ["slowFrom=abc&slowTo=200"], ["slowFrom=100"]])("%j is no list", (q) => expect(parseSlow(new URLSearchParams(q))).toBeNull());
  it("reads a server page's search params object too", () => expect(parseSlow({ slow: ["6h", "1h"] })).toEqual({ kind: "window", window: "6h" }));
});

describe("slowRange", () => {
  it("a burn window ends at ?at, or now rounded down to the minute", () => {
    expect(slowRange({ kind: "window", window: "1h" }, 10_000, 99_999)).toEqual({ from: 6400, to: 10_000 });
    expect(slowRange({ kind: "window", window: "5m" }, undefined, 1_000_059)).toEqual({ from: 1_000_020 - 300, to: 1_000_020 });
    expect(slowRange({ kind: "range", from: 1, to: 2 }, 10_000, 0)).toEqual({ from: 1, to: 2 });
  });
});

describe("slowChanges", () => {
  it("a window replaces a range and keeps unrelated keys", () => {
    expect(withParams("range=7d&slowFrom=1&slowTo=2&slowLabel=a&slowValue=b", slowChanges({ kind: "window", window: "1h" }))).toBe("?range=7d&slow=1h");
    expect(withParams("slow=1h&at=5", slowChanges({ kind: "range", from: 1.5, to: 2.5 }))).toBe("?at=5&slowFrom=1&slowTo=3");
    expect(withParams("slow=1h&at=5", slowChanges(null))).toBe("?at=5");
  });
});

it("traceHref carries the datasource and the SLO", () => expect(traceHref("ab".padStart(32, "0"), "ds 1", "slo&1")).toBe(`/traces/${"ab".padStart(32, "0")}?datasource=ds+1&slo=slo%261`));

describe("formatLatency", () => {
  it.each([
    [0.910475, "910 ms"],
    [0.0034, "3.4 ms"],
    [0.0999, "100 ms"],
    [1.2345, "1.23 s"],
    [20.5, "20.50 s"],
    [Number.NaN, "—"],
  ])("%d s → %s", (s, want) => expect(formatLatency(s)).toBe(want));
});
