// The span tree the waterfall, critical path and search walk: a children index over the Trace
// model (lib/schemas/trace.ts). Pure, no I/O.
//
// Rules that keep the picture honest:
// - An orphan (parent id names no span of the trace) hangs under one synthetic "missing parent"
//   placeholder per missing parent id, shown as a root-level row; it is never promoted to a root.
// - A duplicated span id: the LAST copy is the span others' parentSpanId points at (the model keeps
//   "the later copy as is"); earlier copies stay visible as siblings with key `<id>#dup<n>` so no
//   span the backend sent disappears silently.
// - A parent chain that loops (a ↔ b, or a span naming itself) is cut at the earliest-starting
//   span of the loop, which then hangs under a placeholder like an orphan.
// Times are kept relative to the trace's first start in nanoseconds: the subtraction is done in
// BigInt (unix nanoseconds exceed 2^53), the difference fits a double exactly (< ~104 days).
import type { Trace, TraceSpan } from "@/lib/schemas/trace";

export type TreeNode =
  | { kind: "span"; key: string; span: TraceSpan; startNs: number; endNs: number; duplicateOf?: string }
  | { kind: "missing"; key: string; missingParentId: string; reason: "missing_parent" | "cycle"; startNs: number; endNs: number };

export interface TraceTree {
  /** Earliest span start, unix nanoseconds. */
  originUnixNano: bigint;
  /** Latest end − earliest start, ns (0 for an empty trace). */
  durationNs: number;
  /** Root-level node keys (roots and placeholders) in start order. */
  roots: string[];
  nodes: Map<string, TreeNode>;
  children: Map<string, string[]>;
  parent: Map<string, string | null>;
  /** Depth of each node, a root-level row being 0. */
  depth: Map<string, number>;
}

export const placeholderKey = (parentId: string) => `missing:${parentId}`;

const startOrder = (nodes: Map<string, TreeNode>) => (a: string, b: string) => {
  const x = nodes.get(a)!;
  const y = nodes.get(b)!;
  return x.startNs - y.startNs || (a < b ? -1 : a > b ? 1 : 0);
};

export function buildTree(trace: Pick<Trace, "spans">): TraceTree {
  const spans = trace.spans;
  // Each decimal string is parsed once (BigInt parsing dominates on 5,000 spans).
  const starts = spans.map((s) => BigInt(s.startUnixNano));
  const ends = spans.map((s) => BigInt(s.endUnixNano));
  let min: bigint | null = null;
  let max: bigint | null = null;
  for (let i = 0; i < spans.length; i++) {
    if (min === null || starts[i] < min) min = starts[i];
    if (max === null || ends[i] > max) max = ends[i];
  }
  const origin = min ?? 0n;
  const durationNs = min === null ? 0 : Math.max(0, Number(max! - origin));

  // Which copy of each id is canonical: the last one.
  const lastIndex = new Map<string, number>();
  spans.forEach((s, i) => lastIndex.set(s.spanId, i));
  const nodes = new Map<string, TreeNode>();
  const dupCount = new Map<string, number>();
  const order: string[] = [];
  spans.forEach((span, i) => {
    const startNs = Number(starts[i] - origin);
    const endNs = Math.max(startNs, Number(ends[i] - origin));
    let key = span.spanId;
    let duplicateOf: string | undefined;
    if (lastIndex.get(span.spanId) !== i) {
      const n = (dupCount.get(span.spanId) ?? 0) + 1;
      dupCount.set(span.spanId, n);
      key = `${span.spanId}#dup${n}`;
      duplicateOf = span.spanId;
    }
    nodes.set(key, { kind: "span", key, span, startNs, endNs, duplicateOf });
    order.push(key);
  });

  const parent = new Map<string, string | null>();
  const children = new Map<string, string[]>();
  const addChild = (p: string, c: string) => {
    const list = children.get(p);
    if (list) list.push(c);
    else children.set(p, [c]);
  };
  const ensurePlaceholder = (parentId: string, reason: "missing_parent" | "cycle") => {
    const key = placeholderKey(parentId);
    if (!nodes.has(key)) nodes.set(key, { kind: "missing", key, missingParentId: parentId, reason, startNs: Infinity, endNs: -Infinity });
    return key;
  };
  for (const key of order) {
    const node = nodes.get(key) as Extract<TreeNode, { kind: "span" }>;
    const pid = node.span.parentSpanId;
    if (pid === null) parent.set(key, null);
    else if (lastIndex.has(pid)) parent.set(key, pid);
    else parent.set(key, ensurePlaceholder(pid, "missing_parent"));
  }

  // Loops: walk each chain upwards with colouring; a chain that meets itself is cut.
  const state = new Map<string, 1 | 2>(); // 1 = on the current walk, 2 = known to reach a root
  for (const start of order) {
    const path: string[] = [];
    let cur: string | null = start;
    while (cur !== null && !state.has(cur) && nodes.get(cur)?.kind === "span") {
      state.set(cur, 1);
      path.push(cur);
      cur = parent.get(cur) ?? null;
    }
    if (cur !== null && state.get(cur) === 1) {
      const loop = path.slice(path.indexOf(cur));
      const cutAt = loop.reduce((best, k) => (startOrder(nodes)(k, best) < 0 ? k : best));
      const pid = (nodes.get(cutAt) as Extract<TreeNode, { kind: "span" }>).span.parentSpanId!;
      parent.set(cutAt, ensurePlaceholder(pid, "cycle"));
    }
    for (const k of path) state.set(k, 2);
  }

  const roots: string[] = [];
  for (const key of order) {
    const p = parent.get(key)!;
    if (p === null) roots.push(key);
    else addChild(p, key);
  }
  for (const node of nodes.values()) {
    if (node.kind !== "missing") continue;
    for (const c of children.get(node.key) ?? []) {
      const child = nodes.get(c)!;
      node.startNs = Math.min(node.startNs, child.startNs);
      node.endNs = Math.max(node.endNs, child.endNs);
    }
    parent.set(node.key, null);
    roots.push(node.key);
  }
  const cmp = startOrder(nodes);
  roots.sort(cmp);
  for (const list of children.values()) list.sort(cmp);

  // Depths, iteratively (a 5,000-deep chain must not overflow the stack).
  const depth = new Map<string, number>();
  const stack = roots.map((r) => [r, 0] as [string, number]);
  while (stack.length) {
    const [k, d] = stack.pop()!;
    depth.set(k, d);
    for (const c of children.get(k) ?? []) stack.push([c, d + 1]);
  }
  return { originUnixNano: origin, durationNs, roots, nodes, children, parent, depth };
}

/** Ancestors of `key`, nearest first. */
export function ancestors(tree: TraceTree, key: string): string[] {
  const out: string[] = [];
  let p = tree.parent.get(key) ?? null;
  while (p !== null) {
    out.push(p);
    p = tree.parent.get(p) ?? null;
  }
  return out;
}

/** Node keys in display order (depth first, children in start order), ignoring collapse. */
export function preorder(tree: TraceTree): string[] {
  const out: string[] = [];
  const stack = [...tree.roots].reverse();
  while (stack.length) {
    const k = stack.pop()!;
    out.push(k);
    const kids = tree.children.get(k);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}
