// The span tree: children in start order, orphans under one placeholder per missing parent (never
// promoted to roots), duplicate ids kept visible, loops cut, 5,000 spans and deep chains.
import { describe, expect, it } from "vitest";
import { buildTree, placeholderKey, preorder } from "@/lib/traces/tree";
import { generateTraceSpecs, sid, traceOf } from "@/tests/fixtures/trace-view";

describe("buildTree", () => {
  it("indexes children in start order and measures relative times exactly above 2^53", () => {
    const t = buildTree(traceOf([
      { id: 1, startUs: 0, endUs: 1000 },
      { id: 3, parent: 1, startUs: 500, endUs: 900 },
      { id: 2, parent: 1, startUs: 100, endUs: 400 },
    ]));
    expect(t.roots).toEqual([sid(1)]);
    expect(t.children.get(sid(1))).toEqual([sid(2), sid(3)]);
    expect(t.durationNs).toBe(1_000_000);
    expect(t.nodes.get(sid(2))).toMatchObject({ startNs: 100_000, endNs: 400_000 });
    expect(t.depth.get(sid(3))).toBe(1);
  });

  it("hangs orphans under one placeholder per missing parent id, not at the root", () => {
    const t = buildTree(traceOf([
      { id: 1, startUs: 0, endUs: 1000 },
      { id: 2, parent: 0xdead, startUs: 200, endUs: 300 },
      { id: 3, parent: 0xdead, startUs: 250, endUs: 600 },
      { id: 4, parent: 0xbeef, startUs: 700, endUs: 800 },
      { id: 5, parent: 4, startUs: 710, endUs: 790 },
    ]));
    const dead = placeholderKey(sid(0xdead));
    const beef = placeholderKey(sid(0xbeef));
    expect(t.roots).toEqual([sid(1), dead, beef]);
    expect(t.children.get(dead)).toEqual([sid(2), sid(3)]);
    expect(t.nodes.get(dead)).toMatchObject({ kind: "missing", missingParentId: sid(0xdead), reason: "missing_parent", startNs: 200_000, endNs: 600_000 });
    expect(t.depth.get(sid(5))).toBe(2);
    expect(t.roots).not.toContain(sid(2));
  });

  it("keeps every copy of a duplicated span id; children attach to the last copy", () => {
    const t = buildTree({
      spans: [...traceOf([{ id: 1, startUs: 0, endUs: 100, name: "first" }]).spans, ...traceOf([{ id: 1, startUs: 10, endUs: 90, name: "second" }, { id: 2, parent: 1, startUs: 20, endUs: 30 }]).spans],
    });
    expect(t.nodes.size).toBe(3);
    expect(t.nodes.get(`${sid(1)}#dup1`)).toMatchObject({ kind: "span", duplicateOf: sid(1) });
    expect(t.nodes.get(sid(1))).toMatchObject({ span: { name: "second" } });
    expect(t.parent.get(sid(2))).toBe(sid(1));
    expect(t.roots).toEqual([`${sid(1)}#dup1`, sid(1)]);
  });

  it("cuts a parent loop at its earliest span, which hangs under a placeholder", () => {
    const t = buildTree(traceOf([
      { id: 1, parent: 2, startUs: 0, endUs: 100 },
      { id: 2, parent: 1, startUs: 10, endUs: 50 },
      { id: 3, parent: 3, startUs: 60, endUs: 70 },
    ]));
    expect(t.roots).toEqual([placeholderKey(sid(2)), placeholderKey(sid(3))]);
    expect(t.nodes.get(placeholderKey(sid(2)))).toMatchObject({ reason: "cycle" });
    expect(preorder(t)).toEqual([placeholderKey(sid(2)), sid(1), sid(2), placeholderKey(sid(3)), sid(3)]);
  });

  it("handles an empty trace", () => {
    const t = buildTree({ spans: [] });
    expect(t).toMatchObject({ roots: [], durationNs: 0 });
  });

  it("builds 5,000 spans and a 5,000-deep chain quickly, without overflowing the stack", () => {
    const wide = buildTree(traceOf(generateTraceSpecs(5000)));
    expect(preorder(wide)).toHaveLength(5000);
    const chain = traceOf(Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, parent: i === 0 ? null : i, startUs: i, endUs: 20_000 - i })));
    const t0 = performance.now();
    const deep = buildTree(chain);
    // A guard against quadratic work on a shared, loaded machine, not a benchmark (bench:trace-render is).
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(deep.depth.get(sid(5000))).toBe(4999);
  });
});
