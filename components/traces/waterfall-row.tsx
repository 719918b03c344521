// One row of the waterfall: indentation, collapse toggle, service and operation, the span's bar
// (service colour, its critical-path pieces dark beneath, error and SLO marks) and its duration.
import { memo } from "react";
import type { TreeNode } from "@/lib/traces/tree";
import { formatDurationNs } from "@/lib/traces/display";
import type { VisibleRow } from "@/lib/traces/waterfall";
import { serviceColour } from "./palette";
import { NAME_COLUMN, trackLeft } from "./time-axis";

export const ROW_HEIGHT = 28;
const trackWidth = (f: number) => `max(1px, calc(${f} * (${(1 - NAME_COLUMN) * 100}% - 16px)))`;

export const rowDomId = (key: string) => `trace-row-${key}`;

export const WaterfallRow = memo(function WaterfallRow({
  row,
  node,
  index,
  setSize,
  selected,
  match,
  top,
  onSelect,
  onToggle,
}: {
  row: VisibleRow;
  node: TreeNode;
  index: number;
  setSize: number;
  selected: boolean;
  match: boolean;
  top: number;
  onSelect: (key: string, open: boolean) => void;
  onToggle: (key: string) => void;
}) {
  const span = node.kind === "span" ? node.span : null;
  const label = span ? span.name : `Missing parent ${node.kind === "missing" ? node.missingParentId : ""}`;
  const durationNs = span ? span.durationNs : node.endNs - node.startNs;
  return (
    <div
      id={rowDomId(row.key)}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      aria-selected={selected}
      aria-expanded={row.childCount > 0 ? row.expanded : undefined}
      data-span-id={span?.spanId}
      data-row-kind={row.kind}
      data-critical={row.onCriticalPath || undefined}
      data-error={row.error || undefined}
      data-slo-match={row.matchesSlo || undefined}
      onClick={() => onSelect(row.key, true)}
      className={`absolute inset-x-0 flex cursor-pointer items-center border-b border-zinc-100 text-xs ${selected ? "bg-indigo-50" : match ? "bg-yellow-50" : "hover:bg-zinc-50"}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      {selected ? <span aria-hidden className="absolute inset-y-0 left-0 w-0.5 bg-indigo-600" /> : null}
      <div className="flex h-full min-w-0 items-center gap-1 pr-2" style={{ width: `${NAME_COLUMN * 100}%`, paddingLeft: 8 + Math.min(row.depth, 24) * 14 }}>
        {row.childCount > 0 ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label={row.expanded ? `Collapse ${label}` : `Expand ${label} (${row.childCount} children)`}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(row.key);
            }}
            className="flex h-5 w-5 shrink-0 items-center justify-center rounded text-zinc-500 hover:bg-zinc-200"
          >
            <svg viewBox="0 0 12 12" className={`h-3 w-3 transition-transform ${row.expanded ? "rotate-90" : ""}`} aria-hidden>
              <path d="M4 2l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="1.6" />
            </svg>
          </button>
        ) : (
          <span className="w-5 shrink-0" />
        )}
        {span ? (
          <>
            <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ background: serviceColour(row.serviceIndex) }} />
            <span className="shrink-0 text-zinc-500">{span.service || "unknown service"}</span>
            <span className={`truncate font-medium ${row.error ? "text-red-700" : "text-zinc-900"}`} title={span.name}>
              {span.name}
            </span>
            {row.error ? <span className="shrink-0 rounded bg-red-100 px-1 text-[10px] font-semibold text-red-700">error</span> : null}
            {row.matchesSlo ? <span className="shrink-0 rounded bg-indigo-700 px-1 text-[10px] font-semibold text-white" title="The operation the SLO measures">SLO</span> : null}
            {node.kind === "span" && node.duplicateOf ? <span className="shrink-0 rounded bg-amber-100 px-1 text-[10px] text-amber-800">duplicate id</span> : null}
          </>
        ) : (
          <span className="truncate italic text-zinc-500" title="The parent span named by these spans is not in the trace">
            {node.kind === "missing" && node.reason === "cycle" ? "Parent loop cut at" : "Missing parent"} <span className="font-mono not-italic">{node.kind === "missing" ? node.missingParentId : ""}</span> ({row.childCount} {row.childCount === 1 ? "span" : "spans"})
          </span>
        )}
      </div>
      <div
        className={`absolute top-1.5 bottom-1.5 rounded-sm ${span ? "" : "border border-dashed border-zinc-400 bg-zinc-100"} ${row.matchesSlo ? "ring-2 ring-indigo-700 ring-offset-1" : ""}`}
        style={{ left: trackLeft(row.offset), width: trackWidth(row.width), background: span ? serviceColour(row.serviceIndex) : undefined, opacity: row.onCriticalPath || !span ? 1 : 0.55 }}
      >
        {row.error ? <span aria-hidden className="absolute inset-0 rounded-sm border-2 border-red-600" /> : null}
      </div>
      {row.criticalSegments.map(([o, w]) => (
        <div key={o} aria-hidden className="absolute bottom-0.5 h-[3px] rounded-full bg-zinc-900" style={{ left: trackLeft(o), width: trackWidth(w) }} />
      ))}
      <span
        className="pointer-events-none absolute text-[11px] tabular-nums text-zinc-600"
        style={row.offset + row.width > 0.85 ? { right: `calc(100% - ${trackLeft(row.offset)} + 6px)` } : { left: `calc(${trackLeft(row.offset + row.width)} + 6px)` }}
      >
        {formatDurationNs(durationNs)}
      </span>
    </div>
  );
});
