// The normaliser (lib/traces/normalise.ts): odd traces become the Trace model with warnings,
// never an exception; the summary's numbers are exact (BigInt nanoseconds).
import { describe, expect, it } from "vitest";
import { Trace } from "@/lib/schemas/trace";
import { MAX_WARNINGS_PER_CODE, normaliseTrace, type RawSpan } from "@/lib/traces/normalise";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const T0 = 1_764_633_600_000_000_000n; // above 2^53: a double would round these
const id = (n: number) => n.toString(16).padStart(16, "0");

function span(n: number, parent: number | null | string, startMs: number, endMs: number, extra: Partial<RawSpan> = {}): RawSpan {
  return {
    traceId: TRACE,
    spanId: id(n),
    parentSpanId: typeof parent === "number" ? id(parent) : parent,
    name: `op${n}`,
    service: `svc${n % 3}`,
    kind: "internal",
    startUnixNano: T0 + BigInt(startMs) * 1_000_000n,
    endUnixNano: T0 + BigInt(endMs) * 1_000_000n,
    status: { code: "unset", message: "" },
    attributes: [],
    resource: [],
    scope: { name: "", version: "" },
    events: [],
    links: [],
    ...extra,
  };
}

const run = (spans: RawSpan[], partial?: string) => {
  const t = normaliseTrace(spans, { traceId: TRACE, api: "tempo-v2", endpoint: "http://tempo:3200", partial });
  expect(() => Trace.parse(t)).not.toThrow();
  return t;
};
const codes = (t: Trace) => t.warnings.map((w) => `${w.code}${w.spanId ? `:${w.spanId}` : ""}`);

describe("normaliseTrace", () => {
  it("an empty span list is an empty trace", () => {
    const t = run([]);
    expect(t.summary).toEqual({ spanCount: 0, services: [], startUnixNano: "0", durationNs: 0, depth: 0, errorSpanIds: [] });
    expect(t.warnings).toEqual([]);
  });

  it("sorts by start (parent before child on a tie), finds roots, depth and duration", () => {
    const t = run([span(3, 2, 10, 20), span(2, 1, 10, 30), span(1, null, 0, 40), span(4, 1, 5, 6, { status: { code: "error", message: "boom" } })]);
    expect(t.spans.map((s) => s.spanId)).toEqual([id(1), id(4), id(2), id(3)]);
    expect(t.rootSpanIds).toEqual([id(1)]);
    expect(t.orphanSpanIds).toEqual([]);
    expect(t.summary).toMatchObject({ spanCount: 4, depth: 3, durationNs: 40_000_000, startUnixNano: T0.toString(), errorSpanIds: [id(4)], services: ["svc0", "svc1", "svc2"] });
    expect(t.warnings).toEqual([]);
  });

  it("keeps nanoseconds exact beyond 2^53", () => {
    const t = run([span(1, null, 0, 0, { startUnixNano: T0 + 1n, endUnixNano: T0 + 2n }), span(2, 1, 0, 0, { startUnixNano: T0 + 1n, endUnixNano: T0 + 2n })]);
    expect(t.spans[0].startUnixNano).toBe("1764633600000000001");
    expect(t.spans[0].durationNs).toBe(1);
    expect(t.summary.durationNs).toBe(1);
  });

  it("an orphan stays an orphan (depth counted under its placeholder)", () => {
    const t = run([span(1, null, 0, 10), span(2, 99, 1, 2), span(3, 2, 1, 2)]);
    expect(t.rootSpanIds).toEqual([id(1)]);
    expect(t.orphanSpanIds).toEqual([id(2)]);
    expect(t.spans.find((s) => s.spanId === id(2))!.parentSpanId).toBe(id(99));
    expect(t.summary.depth).toBe(3);
    expect(codes(t)).toEqual([`missing_parent:${id(2)}`]);
  });

  it("absent, empty and all-zero parents are roots", () => {
    const t = run([span(1, null, 0, 10), span(2, "", 0, 10), span(3, "0000000000000000", 0, 10), span(4, undefined as unknown as null, 0, 1)]);
    expect(t.rootSpanIds).toHaveLength(4);
    expect(t.spans.every((s) => s.parentSpanId === null)).toBe(true);
  });

  it("duplicated span ids: every copy kept, children resolve to the last one, one warning", () => {
    const t = run([span(1, null, 0, 100), span(2, 1, 10, 50), span(2, 1, 11, 49, { service: "other" }), span(3, 2, 12, 20)]);
    expect(t.spans.filter((s) => s.spanId === id(2))).toHaveLength(2);
    expect(t.summary.spanCount).toBe(4);
    expect(codes(t)).toEqual([`duplicate_span_id:${id(2)}`]);
    expect(t.summary.depth).toBe(3);
  });

  it("clock skew and a child outliving its parent are warnings; a FOLLOWS_FROM child may outlive", () => {
    const t = run([span(1, null, 10, 100), span(2, 1, 5, 50), span(3, 1, 20, 120), span(4, 1, 90, 300, { parentIsFollowsFrom: true })]);
    expect(codes(t).sort()).toEqual([`child_outlives_parent:${id(3)}`, `clock_skew:${id(2)}`]);
    expect(t.warnings.find((w) => w.code === "clock_skew")!.message).toMatch(/5 ms before its parent/);
    expect(t.summary.durationNs).toBe(295_000_000);
    expect(t.summary.startUnixNano).toBe((T0 + 5_000_000n).toString());
  });

  it("an end before the start: duration 0, end moved to the start, a warning", () => {
    const t = run([span(1, null, 10, 4)]);
    expect(t.spans[0]).toMatchObject({ durationNs: 0, endUnixNano: t.spans[0].startUnixNano });
    expect(codes(t)).toEqual([`negative_duration:${id(1)}`]);
  });

  it("a loop in the parent chain is cut at its earliest-starting span", () => {
    const t = run([span(1, null, 0, 100), span(2, 3, 10, 20), span(3, 2, 5, 30), span(4, 4, 40, 50), span(5, 2, 11, 12)]);
    expect(codes(t)).toEqual([`cycle:${id(3)}`, `cycle:${id(4)}`]);
    expect(t.warnings[0].message).toMatch(/loops; cut at span 0000000000000003/);
    expect(t.rootSpanIds).toEqual([id(1)]);
    expect(t.orphanSpanIds).toEqual([]);
    // 3 hangs under a placeholder (2), 2 under 3, 5 under 2.
    expect(t.summary.depth).toBe(4);
  });

  it("skips spans it cannot read, with words; an unreadable parent makes a root", () => {
    const t = run([span(1, null, 0, 10), { ...span(2, 1, 1, 2), spanId: "zz" }, { ...span(3, 1, 1, 2), startUnixNano: null }, span(4, "%%%", 1, 2)]);
    expect(t.spans.map((s) => s.spanId)).toEqual([id(1), id(4)]);
    expect(t.rootSpanIds).toEqual([id(1), id(4)]);
    expect(t.warnings.map((w) => w.code)).toEqual(["invalid_span", "invalid_span", "invalid_span"]);
    expect(t.warnings[0].message).toMatch(/span #2 \("op2"\) was skipped/);
  });

  it("reports spans of another trace and backend partial answers", () => {
    const t = run([span(1, null, 0, 10, { traceId: "0af7651916cd43dd8448eb211c80319c" })], "Trace exceeds maximum size");
    expect(codes(t)).toEqual(["partial", `foreign_trace_id:${id(1)}`]);
    expect(t.warnings[0].message).toBe("Trace exceeds maximum size");
  });

  it("drops unreadable links with a warning and normalises the rest", () => {
    const t = run([
      span(1, null, 0, 10, {
        links: [
          { traceId: "S/kvNXezTaajzpKdDg5HNg==", spanId: "APBnqgupArc=", kind: "link", attributes: [] },
          { traceId: "nope!", spanId: "00f067aa0ba902b7", kind: "follows_from", attributes: [] },
        ],
      }),
    ]);
    expect(t.spans[0].links).toEqual([{ traceId: TRACE, spanId: "00f067aa0ba902b7", kind: "link", attributes: [] }]);
    expect(codes(t)).toEqual([`invalid_span:${id(1)}`]);
  });

  it("caps the warnings of one kind and counts the rest", () => {
    const spans = [span(1, null, 0, 10), ...Array.from({ length: 50 }, (_, i) => span(100 + i, 1000 + i, 1, 2))];
    const t = run(spans);
    expect(t.orphanSpanIds).toHaveLength(50);
    expect(t.warnings).toHaveLength(MAX_WARNINGS_PER_CODE + 1);
    expect(t.warnings.at(-1)).toEqual({ code: "missing_parent", message: "… and 30 more of the same kind" });
  });

  it("a 5,000-deep chain does not overflow the stack", () => {
    const spans = Array.from({ length: 5000 }, (_, i) => span(i + 1, i === 0 ? null : i, i, 10_000 - i));
    const t = run(spans.reverse());
    expect(t.summary.depth).toBe(5000);
    expect(t.spans[0].spanId).toBe(id(1));
  }, 30_000);
});
