// The waterfall's rows: the tree flattened depth first, honouring the collapsed set (or a search's
// visible set), each row laid out as fractions of the trace duration. Pure, no I/O.
// Layout that does not depend on collapse (offsets, colours, flags) is computed once per trace by
// layoutTrace; visibleRows only walks the tree, so expand/collapse on 5,000 spans stays cheap.
import type { Trace } from "@/lib/schemas/trace";
import { criticalPath, type CriticalPath } from "./critical-path";
import { buildTree, type TraceTree, type TreeNode } from "./tree";

export interface RowLayout {
  key: string;
  kind: TreeNode["kind"];
  depth: number;
  /** Start relative to the trace start, as a fraction of the trace duration (0..1). */
  offset: number;
  /** Duration as a fraction of the trace duration (0..1); 0 for a zero-length span. */
  width: number;
  /** Index into the trace's sorted service list (summary order), -1 for a placeholder. */
  serviceIndex: number;
  error: boolean;
  onCriticalPath: boolean;
  /** The span's own time on the critical path, as [offset, width] fractions of the trace. */
  criticalSegments: [number, number][];
  matchesSlo: boolean;
  childCount: number;
}

export interface TraceLayout {
  tree: TraceTree;
  path: CriticalPath;
  services: string[];
  rows: Map<string, RowLayout>;
}

export type SpanPredicate = (service: string, name: string) => boolean;

/** Fraction of the trace, exact in BigInt before the one division (int64 ns exceed 2^53). */
export function fractionOf(unixNano: string, origin: bigint, durationNs: number): number {
  if (durationNs <= 0) return 0;
  return Number(BigInt(unixNano) - origin) / durationNs;
}

export function layoutTrace(trace: Pick<Trace, "spans">, matchesSlo: SpanPredicate = () => false): TraceLayout {
  const tree = buildTree(trace);
  const path = criticalPath(tree);
  const services = [...new Set(trace.spans.map((s) => s.service))].sort();
  const serviceIndex = new Map(services.map((s, i) => [s, i]));
  const d = tree.durationNs;
  const frac = (ns: number) => (d > 0 ? ns / d : 0);
  const rows = new Map<string, RowLayout>();
  for (const node of tree.nodes.values()) {
    const isSpan = node.kind === "span";
    rows.set(node.key, {
      key: node.key,
      kind: node.kind,
      depth: tree.depth.get(node.key) ?? 0,
      // node.startNs is already the exact BigInt difference from the trace start (tree.ts).
      offset: frac(node.startNs),
      width: isSpan ? frac(node.span.durationNs) : frac(node.endNs - node.startNs),
      serviceIndex: isSpan ? serviceIndex.get(node.span.service)! : -1,
      error: isSpan && node.span.status.code === "error",
      onCriticalPath: path.keys.has(node.key),
      criticalSegments: (path.segments.get(node.key) ?? []).map(([a, b]) => [frac(a), frac(b - a)]),
      matchesSlo: isSpan && matchesSlo(node.span.service, node.span.name),
      childCount: tree.children.get(node.key)?.length ?? 0,
    });
  }
  return { tree, path, services, rows };
}

export interface VisibleRow extends RowLayout {
  expanded: boolean;
}

/**
 * Rows on screen, depth first. A collapsed node shows, its descendants do not. With `only`
 * (a search's matches plus their ancestors) just those rows show, and collapse is ignored so
 * no match hides behind a folded ancestor.
 */
export function visibleRows(layout: TraceLayout, collapsed: ReadonlySet<string>, only?: ReadonlySet<string>): VisibleRow[] {
  const { tree, rows } = layout;
  const out: VisibleRow[] = [];
  const stack = [...tree.roots].reverse();
  while (stack.length) {
    const k = stack.pop()!;
    if (only && !only.has(k)) continue;
    const folded = !only && collapsed.has(k);
    const row = rows.get(k)!;
    out.push({ ...row, expanded: row.childCount > 0 && !folded });
    if (folded) continue;
    const kids = tree.children.get(k);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** Collapses `key` if it is open, opens it if it is collapsed. */
export function toggle(collapsed: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(collapsed);
  if (!next.delete(key)) next.add(key);
  return next;
}

/** Every node with children collapsed: only the root-level rows remain. */
export function collapseAll(layout: TraceLayout): Set<string> {
  return new Set([...layout.rows.values()].filter((r) => r.childCount > 0).map((r) => r.key));
}

export const expandAll = (): Set<string> => new Set();

/** Opens every collapsed row now on screen: one more level of the tree appears. */
export function expandOneLevel(layout: TraceLayout, collapsed: ReadonlySet<string>): Set<string> {
  const next = new Set(collapsed);
  for (const r of visibleRows(layout, collapsed)) if (r.childCount > 0 && !r.expanded) next.delete(r.key);
  return next;
}

/** Folds the deepest open level on screen: the rows at the bottom of the visible tree disappear. */
export function collapseOneLevel(layout: TraceLayout, collapsed: ReadonlySet<string>): Set<string> {
  const open = visibleRows(layout, collapsed).filter((r) => r.expanded);
  if (!open.length) return new Set(collapsed);
  const deepest = Math.max(...open.map((r) => r.depth));
  const next = new Set(collapsed);
  for (const r of open) if (r.depth === deepest) next.add(r.key);
  return next;
}

/** Unfolds every ancestor of `key` so it is on screen (deep links, search hits). */
export function reveal(layout: TraceLayout, collapsed: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(collapsed);
  let p = layout.tree.parent.get(key) ?? null;
  while (p !== null) {
    next.delete(p);
    p = layout.tree.parent.get(p) ?? null;
  }
  return next;
}
