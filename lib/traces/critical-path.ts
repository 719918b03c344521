// The critical path: the chain of work that decided when the trace finished. Pure, no I/O.
//
// From each root-level node, walk backwards from its end: the child that finished last (before
// the cursor) is on the path, its parent owns the time between that child's end and the cursor,
// the walk descends into the child, then resumes at the child's start looking for the sibling
// that finished last before it; whatever is left down to the parent's start is the parent's own.
// This is "follow the child that finished last, recursively" extended to the gaps, the way
// Jaeger's trace view computes it (jaeger-ui: CriticalPath/index.tsx), so every instant of a
// root's life is attributed to exactly one span.
//
// Ties and skew, defined:
// - Ends are compared after clipping each child to its parent's window [start, cursor]: a child
//   that outlives its parent counts as ending at the parent's end (its overhang is not on the
//   path: the parent did not wait for it); a child starting before its parent (clock skew) counts
//   from the parent's start. A child wholly outside the window, or of zero length once clipped,
//   is skipped.
// - Equal clipped ends: the child that started earlier wins (it explains more of the parent's
//   time), then the lower span key, so the answer never depends on input order.
// - A "missing parent" placeholder is walked like a root over its children's extent, but it is
//   not a span: the time it would own is on nobody's path.
// Iterative (explicit stack): a 5,000-deep chain must not overflow the call stack.
import type { TraceTree } from "./tree";

export interface CriticalPath {
  /** Node keys on the path (spans only). */
  keys: Set<string>;
  /** Per key, the [startNs, endNs) pieces of the span that are on the path, relative to the trace start, ascending. */
  segments: Map<string, [number, number][]>;
  /** Per key, the total ns of those pieces. */
  selfNs: Map<string, number>;
}

interface Frame {
  key: string;
  lo: number;
  cursor: number;
  kids: { key: string; start: number; end: number }[];
  i: number;
}

export function criticalPath(tree: TraceTree): CriticalPath {
  const keys = new Set<string>();
  const segments = new Map<string, [number, number][]>();
  const own = (key: string, a: number, b: number) => {
    if (b <= a || tree.nodes.get(key)?.kind !== "span") return;
    const list = segments.get(key);
    if (list) list.push([a, b]);
    else segments.set(key, [[a, b]]);
  };
  const frame = (key: string, lo: number, hi: number): Frame => {
    if (tree.nodes.get(key)?.kind === "span") keys.add(key);
    const kids = (tree.children.get(key) ?? [])
      .map((k) => {
        const n = tree.nodes.get(k)!;
        return { key: k, start: Math.max(n.startNs, lo), end: Math.min(n.endNs, hi) };
      })
      .filter((c) => c.end > c.start)
      .sort((a, b) => b.end - a.end || a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { key, lo, cursor: hi, kids, i: 0 };
  };

  for (const root of tree.roots) {
    const r = tree.nodes.get(root)!;
    const stack: Frame[] = [frame(root, r.startNs, r.endNs)];
    while (stack.length) {
      const f = stack[stack.length - 1];
      while (f.i < f.kids.length && f.kids[f.i].end > f.cursor) f.i++;
      const next = f.i < f.kids.length ? f.kids[f.i] : undefined;
      if (next && next.start < f.cursor) {
        f.i++;
        own(f.key, next.end, f.cursor);
        f.cursor = next.start;
        stack.push(frame(next.key, next.start, next.end));
      } else {
        own(f.key, f.lo, f.cursor);
        stack.pop();
      }
    }
  }
  const selfNs = new Map<string, number>();
  for (const [k, list] of segments) {
    list.sort((a, b) => a[0] - b[0]);
    selfNs.set(k, list.reduce((s, [a, b]) => s + (b - a), 0));
  }
  return { keys, segments, selfNs };
}
