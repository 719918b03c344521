"use client";
// The waterfall: a virtualised tree of span rows (only the rows in view are in the DOM, so 5,000
// spans scroll and toggle fast) under a time axis, with the SLO threshold drawn across it and
// keyboard navigation: ↑/↓ move the selection, ← collapses or goes to the parent, → expands or goes
// to the first child, Enter opens the details, Home/End jump.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, type KeyboardEvent } from "react";
import type { Tick } from "@/lib/traces/ticks";
import type { TraceLayout, VisibleRow } from "@/lib/traces/waterfall";
import { Minimap } from "./minimap";
import { TimeAxis, trackLeft } from "./time-axis";
import { ROW_HEIGHT, rowDomId, WaterfallRow } from "./waterfall-row";

export const ROWS_VISIBLE_MARK = "sightline:trace-rows-visible";
/** The frame after the first commit with rows has been produced (what bench:trace-render calls painted). */
export const ROWS_PAINTED_MARK = "sightline:trace-rows-painted";

export function Waterfall({
  layout,
  rows,
  ticks,
  threshold,
  selectedKey,
  matches,
  onSelect,
  onToggle,
  onExpand,
  onCollapse,
}: {
  layout: TraceLayout;
  rows: VisibleRow[];
  ticks: Tick[];
  threshold: { fraction: number; label: string } | null;
  selectedKey: string | null;
  matches: ReadonlySet<string> | null;
  onSelect: (key: string, open: boolean) => void;
  onToggle: (key: string) => void;
  onExpand: (key: string) => void;
  onCollapse: (key: string) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's methods are not memoisable (the rule's warning); this component keeps no
  // memoised values derived from them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // A first guess at the viewport, so the very first commit already holds rows (measured after).
    initialRect: { width: 1200, height: 600 },
  });
  const selectedIndex = selectedKey === null ? -1 : rows.findIndex((r) => r.key === selectedKey);

  // Keep the selection in view (keyboard moves, deep links, search hits).
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  const items = virtualizer.getVirtualItems();
  // For bench:trace-render: the first commit with rows in the DOM.
  const hasItems = items.length > 0;
  useEffect(() => {
    if (!hasItems || performance.getEntriesByName(ROWS_VISIBLE_MARK).length > 0) return;
    performance.mark(ROWS_VISIBLE_MARK);
    requestAnimationFrame(() => setTimeout(() => performance.mark(ROWS_PAINTED_MARK), 0));
  }, [hasItems]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const at = selectedIndex;
      const row = at >= 0 ? rows[at] : undefined;
      const move = (i: number) => rows.length && onSelect(rows[Math.max(0, Math.min(rows.length - 1, i))].key, false);
      switch (e.key) {
        case "ArrowDown":
          move(at + 1);
          break;
        case "ArrowUp":
          move(at < 0 ? 0 : at - 1);
          break;
        case "Home":
          move(0);
          break;
        case "End":
          move(rows.length - 1);
          break;
        case "ArrowRight":
          if (!row) move(0);
          else if (row.childCount > 0 && !row.expanded) onExpand(row.key);
          else if (row.expanded) move(at + 1);
          break;
        case "ArrowLeft": {
          if (!row) break;
          if (row.expanded) onCollapse(row.key);
          else {
            const parent = layout.tree.parent.get(row.key);
            if (parent) onSelect(parent, false);
          }
          break;
        }
        case "Enter":
          if (row) onSelect(row.key, true);
          break;
        default:
          return;
      }
      e.preventDefault();
    },
    [rows, selectedIndex, layout, onSelect, onExpand, onCollapse],
  );

  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white">
      <Minimap rows={rows} scrollRef={scrollRef} totalHeight={virtualizer.getTotalSize()} />
      <TimeAxis ticks={ticks} threshold={threshold} />
      <div
        ref={scrollRef}
        role="tree"
        aria-label="Spans of the trace"
        aria-activedescendant={selectedIndex >= 0 ? rowDomId(rows[selectedIndex].key) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="waterfall"
        className="relative max-h-[min(62vh,640px)] overflow-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
      >
        <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {ticks.slice(1).map((t) => (
            <div key={t.ns} aria-hidden className="pointer-events-none absolute inset-y-0 border-l border-zinc-100" style={{ left: trackLeft(t.fraction) }} />
          ))}
          {items.map((v) => {
            const row = rows[v.index];
            return (
              <WaterfallRow
                key={row.key}
                row={row}
                node={layout.tree.nodes.get(row.key)!}
                index={v.index}
                setSize={rows.length}
                selected={row.key === selectedKey}
                match={matches?.has(row.key) ?? false}
                top={v.start}
                onSelect={onSelect}
                onToggle={onToggle}
              />
            );
          })}
          {threshold && threshold.fraction <= 1 ? (
            <div aria-hidden data-testid="slo-threshold" className="pointer-events-none absolute inset-y-0 border-l-2 border-dashed border-red-500/80" style={{ left: trackLeft(threshold.fraction) }} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
