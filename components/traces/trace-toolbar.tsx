"use client";
// Above the waterfall: search and service filter, collapse/expand controls, and the legend
// (service colours, and what the critical path, error and SLO marks look like).
import { forwardRef } from "react";
import { Button } from "../ui/button";
import { inputClass, selectClass } from "../ui/field";
import { serviceColour } from "./palette";

export interface ToolbarProps {
  query: string;
  onQuery: (q: string) => void;
  service: string;
  onService: (s: string) => void;
  services: string[];
  matchCount: number | null;
  onExpandAll: () => void;
  onCollapseAll: () => void;
  onExpandLevel: () => void;
  onCollapseLevel: () => void;
  searching: boolean;
}

export const TraceToolbar = forwardRef<HTMLInputElement, ToolbarProps>(function TraceToolbar(p, searchRef) {
  return (
    <div className="mb-3 space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor="trace-search" className="block text-xs font-medium text-zinc-700">
            Search spans <span className="font-normal text-zinc-500">(press /) — text, name:…, service:…, key=value</span>
          </label>
          <input
            id="trace-search"
            ref={searchRef}
            type="search"
            value={p.query}
            onChange={(e) => p.onQuery(e.target.value)}
            placeholder="e.g. charge  or  http.route=/order"
            className={inputClass(false, "mt-1")}
            aria-describedby="trace-search-count"
          />
        </div>
        <div>
          <label htmlFor="trace-service" className="block text-xs font-medium text-zinc-700">
            Service
          </label>
          <select id="trace-service" value={p.service} onChange={(e) => p.onService(e.target.value)} className={selectClass(false, "mt-1 w-44")}>
            <option value="">All services</option>
            {p.services.map((s) => (
              <option key={s} value={s}>
                {s || "unknown service"}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-1" role="group" aria-label="Collapse and expand">
          <Button onClick={p.onCollapseLevel} disabled={p.searching} title="Fold the deepest open level">
            − level
          </Button>
          <Button onClick={p.onExpandLevel} disabled={p.searching} title="Open one more level">
            + level
          </Button>
          <Button onClick={p.onCollapseAll} disabled={p.searching}>
            Collapse all
          </Button>
          <Button onClick={p.onExpandAll} disabled={p.searching}>
            Expand all
          </Button>
        </div>
      </div>
      <p id="trace-search-count" aria-live="polite" className="text-xs text-zinc-600">
        {p.matchCount === null ? "" : p.matchCount === 0 ? "No span matches: nothing to show." : `${p.matchCount} matching ${p.matchCount === 1 ? "span" : "spans"}, shown with the spans above them.`}
      </p>
      <ul aria-label="Legend" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600">
        {p.services.map((s, i) => (
          <li key={s} className="flex items-center gap-1.5">
            <span aria-hidden className="h-2.5 w-2.5 rounded-sm" style={{ background: serviceColour(i) }} />
            {s || "unknown service"}
          </li>
        ))}
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-[3px] w-5 rounded-full bg-zinc-900" /> critical path
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-2.5 w-4 rounded-sm border-2 border-red-600" /> error
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-2.5 w-4 rounded-sm ring-2 ring-indigo-700" /> the SLO&apos;s operation
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="h-2.5 w-4 rounded-sm border border-dashed border-zinc-400 bg-zinc-100" /> missing parent
        </li>
      </ul>
    </div>
  );
});
