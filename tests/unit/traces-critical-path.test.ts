// The critical path: the child that finished last, recursively, with the gaps owned by the parent;
// ties, children outliving parents, clock skew, orphans and deep chains as documented.
import { describe, expect, it } from "vitest";
import { criticalPath } from "@/lib/traces/critical-path";
import { buildTree, placeholderKey } from "@/lib/traces/tree";
import { generateTraceSpecs, sid, traceOf, type SpanSpec } from "@/tests/fixtures/trace-view";

const path = (specs: SpanSpec[]) => criticalPath(buildTree(traceOf(specs)));
const us = (a: number, b: number): [number, number] => [a * 1000, b * 1000];

describe("criticalPath", () => {
  it("follows the last-finishing child, then the sibling that finished before it started", () => {
    // root 0..100; a 10..40, b 30..90 (finishes last), c 50..60 overlaps b (not on the path)
    const p = path([
      { id: 1, startUs: 0, endUs: 100 },
      { id: 2, parent: 1, startUs: 10, endUs: 25 },
      { id: 3, parent: 1, startUs: 30, endUs: 90 },
      { id: 4, parent: 1, startUs: 50, endUs: 60 },
      { id: 5, parent: 3, startUs: 40, endUs: 80 },
    ]);
    expect([...p.keys].sort()).toEqual([sid(1), sid(2), sid(3), sid(5)]);
    expect(p.segments.get(sid(1))).toEqual([us(0, 10), us(25, 30), us(90, 100)]);
    expect(p.segments.get(sid(3))).toEqual([us(30, 40), us(80, 90)]);
    expect(p.segments.get(sid(5))).toEqual([us(40, 80)]);
    expect(p.selfNs.get(sid(2))).toBe(15_000);
    // Every instant of the root's life is on exactly one span.
    expect([...p.selfNs.values()].reduce((a, b) => a + b, 0)).toBe(100_000);
  });

  it("breaks ties on the end by the earlier start, then by span id", () => {
    const p = path([
      { id: 1, startUs: 0, endUs: 100 },
      { id: 2, parent: 1, startUs: 50, endUs: 90 },
      { id: 3, parent: 1, startUs: 20, endUs: 90 },
    ]);
    expect(p.keys.has(sid(3))).toBe(true);
    expect(p.keys.has(sid(2))).toBe(false);
    const q = path([
      { id: 1, startUs: 0, endUs: 100 },
      { id: 7, parent: 1, startUs: 20, endUs: 90 },
      { id: 6, parent: 1, startUs: 20, endUs: 90 },
    ]);
    expect(q.keys.has(sid(6))).toBe(true);
    expect(q.keys.has(sid(7))).toBe(false);
  });

  it("clips a child that outlives its parent to the parent's end", () => {
    const p = path([
      { id: 1, startUs: 0, endUs: 100 },
      { id: 2, parent: 1, startUs: 60, endUs: 150 },
      { id: 3, parent: 1, startUs: 10, endUs: 50 },
    ]);
    expect(p.segments.get(sid(2))).toEqual([us(60, 100)]);
    expect(p.segments.get(sid(3))).toEqual([us(10, 50)]);
    expect(p.segments.get(sid(1))).toEqual([us(0, 10), us(50, 60)]);
  });

  it("clips a clock-skewed child (starting before its parent) to the parent's start, and skips one wholly outside", () => {
    const p = path([
      { id: 1, startUs: 100, endUs: 200 },
      { id: 2, parent: 1, startUs: 80, endUs: 150 },
      { id: 3, parent: 1, startUs: 10, endUs: 50 },
    ]);
    // Times are relative to the trace's first start: span 3's 10 µs.
    expect(p.segments.get(sid(2))).toEqual([us(90, 140)]);
    expect(p.keys.has(sid(3))).toBe(false);
    expect(p.segments.get(sid(1))).toEqual([us(140, 190)]);
  });

  it("walks orphans under their placeholder without giving the placeholder time", () => {
    const p = path([
      { id: 1, startUs: 0, endUs: 100 },
      { id: 2, parent: 0xdead, startUs: 200, endUs: 260 },
      { id: 3, parent: 0xdead, startUs: 280, endUs: 300 },
    ]);
    expect(p.keys.has(placeholderKey(sid(0xdead)))).toBe(false);
    expect(p.segments.get(sid(3))).toEqual([us(280, 300)]);
    expect(p.segments.get(sid(2))).toEqual([us(200, 260)]);
    expect(p.segments.has(placeholderKey(sid(0xdead)))).toBe(false);
  });

  it("puts a zero-length child on nobody's path", () => {
    const p = path([
      { id: 1, startUs: 0, endUs: 100 },
      { id: 2, parent: 1, startUs: 100, endUs: 100 },
    ]);
    expect([...p.keys]).toEqual([sid(1)]);
  });

  it("walks a 5,000-deep chain iteratively and 5,000 generated spans quickly", () => {
    const chain = Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, parent: i === 0 ? null : i, startUs: i, endUs: 20_000 - i }));
    expect(path(chain).keys.size).toBe(5000);
    const tree = buildTree(traceOf(generateTraceSpecs(5000)));
    const t0 = performance.now();
    const p = criticalPath(tree);
    // A guard against quadratic work on a shared, loaded machine, not a benchmark (bench:trace-render is).
    expect(performance.now() - t0).toBeLessThan(3000);
    expect([...p.selfNs.values()].reduce((a, b) => a + b, 0)).toBe(tree.durationNs);
  });
});
