"use client";
// /traces/[traceId]: the trace behind a latency spike. Fetches the trace (and, when opened from an
// SLO, the SLO to highlight its operation and draw its threshold), lays it out once with the pure
// functions of lib/traces, and keeps the interactive state: collapsed rows, the selection (mirrored
// into ?span= so a link opens the same span), the detail panel and the search.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useDatasources } from "@/lib/client/datasources/list";
import { sloQueryOptions } from "@/lib/client/slos/get";
import { useTrace } from "@/lib/client/traces/trace-query";
import type { Trace } from "@/lib/schemas/trace";
import { formatDurationNs, formatUnixNanoUtc } from "@/lib/traces/display";
import { grafanaExploreUrl } from "@/lib/traces/explore-url";
import { searchTrace } from "@/lib/traces/search";
import { sloSpanPredicate } from "@/lib/traces/slo-match";
import { timeTicks } from "@/lib/traces/ticks";
import { collapseAll, collapseOneLevel, expandAll, expandOneLevel, layoutTrace, reveal, toggle, visibleRows } from "@/lib/traces/waterfall";
import { PageHeader } from "../ui/page-header";
import { SpanDetail } from "./span-detail";
import { TraceHeaderActions, TraceWarnings } from "./trace-header";
import { NoDatasource, TraceLoadError, TraceSkeleton } from "./trace-states";
import { TraceToolbar } from "./trace-toolbar";
import { Waterfall } from "./waterfall";

export interface TraceViewProps {
  traceId: string;
  datasource: string;
  span: string | null;
  slo: string | null;
}

/** For bench:trace-render: the first client render that holds the trace (hydration, or the fetch's answer). */
export const TRACE_DATA_MARK = "sightline:trace-data-available";

export function TraceView(props: TraceViewProps) {
  const q = useTrace(props.traceId, props.datasource);
  if (q.data && typeof window !== "undefined" && performance.getEntriesByName(TRACE_DATA_MARK).length === 0) performance.mark(TRACE_DATA_MARK);
  if (!props.datasource) return <NoDatasource />;
  if (q.isPending) return <TraceSkeleton />;
  if (q.isError) return <TraceLoadError error={q.error} traceId={props.traceId} onRetry={() => q.refetch()} />;
  return <LoadedTrace {...props} trace={q.data} />;
}

function replaceSpanParam(spanId: string | null) {
  const url = new URL(window.location.href);
  if (spanId) url.searchParams.set("span", spanId);
  else url.searchParams.delete("span");
  // The history API, not router.replace: a selection must not cost a server round trip (the
  // wizard does the same); Next.js keeps useSearchParams in step with it.
  window.history.replaceState(window.history.state, "", url);
}

function LoadedTrace({ trace, datasource, span, slo: sloId }: TraceViewProps & { trace: Trace }) {
  const sloQ = useQuery({ ...sloQueryOptions(sloId ?? ""), enabled: !!sloId });
  const slo = sloQ.data;
  const ds = useDatasources().data?.find((d) => d.id === datasource);

  const predicate = useMemo(() => (slo ? sloSpanPredicate(slo) : undefined), [slo]);
  const layout = useMemo(() => layoutTrace(trace, predicate), [trace, predicate]);
  const ticks = useMemo(() => timeTicks(layout.tree.durationNs), [layout]);

  const initialKey = span && layout.tree.nodes.has(span) ? span : null;
  const [collapsed, setCollapsed] = useState<Set<string>>(() => (initialKey ? reveal(layout, new Set(), initialKey) : new Set()));
  const [selectedKey, setSelectedKey] = useState<string | null>(initialKey);
  const [detailsOpen, setDetailsOpen] = useState(initialKey !== null);
  const [query, setQuery] = useState("");
  const [service, setService] = useState("");
  const search = useDeferredValue(`${query}${service ? ` service:"${service}"` : ""}`);
  const found = useMemo(() => searchTrace(layout.tree, search), [layout, search]);
  const rows = useMemo(() => visibleRows(layout, collapsed, found?.visible), [layout, collapsed, found]);
  const searchRef = useRef<HTMLInputElement>(null);

  const select = useCallback((key: string, open: boolean) => {
    setSelectedKey(key);
    if (open) setDetailsOpen(true);
    replaceSpanParam(key.startsWith("missing:") ? null : key.split("#")[0]);
  }, [setSelectedKey, setDetailsOpen]);
  // Stable callbacks: the memoised rows re-render only when their own row changes.
  const onToggle = useCallback((key: string) => setCollapsed((c) => toggle(c, key)), [setCollapsed]);
  const onExpand = useCallback((key: string) => setCollapsed((c) => (c.has(key) ? toggle(c, key) : c)), [setCollapsed]);
  const onCollapse = useCallback((key: string) => setCollapsed((c) => (c.has(key) ? c : toggle(c, key))), [setCollapsed]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && (e.target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName));
      if (e.key === "/" && !typing) {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === "Escape") {
        if (typing && e.target === searchRef.current) searchRef.current?.blur();
        else setDetailsOpen(false);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const root = trace.rootSpanIds.length ? layout.tree.nodes.get(trace.rootSpanIds[0]) : undefined;
  const rootSpan = root?.kind === "span" ? root.span : undefined;
  const threshold = useMemo(() => {
    if (!slo || !layout.tree.durationNs) return null;
    const start = root ? root.startNs : 0;
    return { fraction: (start + slo.thresholdSeconds * 1e9) / layout.tree.durationNs, label: `SLO ${formatDurationNs(slo.thresholdSeconds * 1e9)}` };
  }, [slo, layout, root]);
  const exploreUrl = grafanaExploreUrl({
    grafanaUrl: ds?.grafanaUrl ?? "",
    // The DTO field arrives with the datasource trace settings; read it defensively until then.
    tempoUid: (ds as { grafanaTempoUid?: string } | undefined)?.grafanaTempoUid ?? "",
    traceId: trace.traceId,
    startMs: Number(BigInt(trace.summary.startUnixNano) / 1_000_000n),
    endMs: Number(BigInt(trace.summary.startUnixNano) / 1_000_000n) + trace.summary.durationNs / 1e6,
  });

  return (
    <div>
      <PageHeader
        eyebrow={<span className="font-mono">trace {trace.traceId}</span>}
        title={rootSpan ? `${rootSpan.service}: ${rootSpan.name}` : "Trace without a root span"}
        description={
          <>
            {formatDurationNs(trace.summary.durationNs)} · {trace.summary.spanCount} spans · {trace.summary.services.length} services · depth {trace.summary.depth} ·{" "}
            {trace.summary.errorSpanIds.length} with errors · started {formatUnixNanoUtc(trace.summary.startUnixNano)}
            {slo ? (
              <>
                <br />
                Opened from the SLO “{slo.name}”: its operation ({slo.service} {slo.operationMatch === "regex" ? "~" : ""}
                {slo.operation}) is marked SLO, its threshold drawn at {formatDurationNs(slo.thresholdSeconds * 1e9)} after the root starts
                {threshold && threshold.fraction > 1 ? " (beyond this trace's end)" : ""}.
              </>
            ) : null}
          </>
        }
        actions={<TraceHeaderActions exploreUrl={exploreUrl} sloId={sloId} />}
      />
      <TraceWarnings warnings={trace.warnings} />
      <TraceToolbar
        ref={searchRef}
        query={query}
        onQuery={setQuery}
        service={service}
        onService={setService}
        services={layout.services}
        matchCount={found ? found.matches.size : null}
        searching={found !== null}
        onExpandAll={() => setCollapsed(expandAll())}
        onCollapseAll={() => setCollapsed(collapseAll(layout))}
        onExpandLevel={() => setCollapsed((c) => expandOneLevel(layout, c))}
        onCollapseLevel={() => setCollapsed((c) => collapseOneLevel(layout, c))}
      />
      <div className={`grid gap-4 ${detailsOpen && selectedKey ? "lg:grid-cols-[minmax(0,1fr)_380px]" : ""}`}>
        <Waterfall
          layout={layout}
          rows={rows}
          ticks={ticks}
          threshold={threshold}
          selectedKey={selectedKey}
          matches={found?.matches ?? null}
          onSelect={select}
          onToggle={onToggle}
          onExpand={onExpand}
          onCollapse={onCollapse}
        />
        {detailsOpen && selectedKey ? <SpanDetail layout={layout} nodeKey={selectedKey} datasource={datasource} onClose={() => setDetailsOpen(false)} /> : null}
      </div>
    </div>
  );
}
