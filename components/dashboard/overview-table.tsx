"use client";
// The dashboard's table: group headers and one fixed-height line per SLO, virtualised against the
// window's scroll (@tanstack/react-virtual) so thousands of SLOs cost a screenful of DOM. The
// server renders the first screenful (initialRect), so the first HTML already holds rows; the
// client's first render computes the same lines, then measures. Sortable headers write the URL.
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useLayoutEffect, useRef, useState } from "react";
import { formatObjective } from "@/lib/client/format";
import { describeOverviewState, describePath, describeSli, describeTrend } from "@/lib/client/overview/display";
import type { TableItem } from "@/lib/client/overview/rows";
import type { OverviewSearch, OverviewSort } from "@/lib/client/overview/search-params";
import { lastCompleteMonth, reportHref } from "@/lib/client/reports/search-params";
import { budgetTone, describeRemaining } from "@/lib/client/status/describe";
import { formatBurnRate, formatPercent } from "@/lib/client/status/format";
import type { OverviewSlo } from "@/lib/schemas/overview";
import { BudgetBar, SeverityBadge, ToneBadge } from "../slo/status/badges";
import { cx } from "../ui/cx";
import { Sparkline } from "./sparkline";

const ROW_PX = 64;
const GROUP_PX = 40;
// What the server assumes of the viewport: a laptop screen. The client corrects it on mount.
const INITIAL_RECT = { width: 1360, height: 1000 };
const GRID = "grid grid-cols-[minmax(15rem,2.2fr)_8.5rem_minmax(11rem,1.3fr)_8.5rem_7rem_minmax(10rem,1.4fr)] items-center gap-x-4 px-4";

const COLUMNS: { label: string; sort: OverviewSort | null; className?: string }[] = [
  { label: "SLO", sort: "name" },
  { label: "SLI · objective", sort: "sli", className: "justify-end text-right" },
  { label: "Error budget left", sort: "budget" },
  { label: "Worst burn rate", sort: "burn" },
  { label: "7 days", sort: null },
  { label: "State", sort: "state" },
];

function HeaderCell({ col, search, onSort }: { col: (typeof COLUMNS)[number]; search: OverviewSearch; onSort: (s: OverviewSort) => void }) {
  const active = col.sort !== null && search.sort === col.sort;
  return (
    <div role="columnheader" aria-sort={active ? (search.dir === "asc" ? "ascending" : "descending") : undefined} className={cx("flex", col.className)}>
      {col.sort ? (
        <button type="button" onClick={() => onSort(col.sort!)} className={cx("flex items-center gap-1 hover:text-zinc-900", active && "text-zinc-900")}>
          {col.label}
          <span aria-hidden className={cx("text-[10px]", !active && "invisible")}>
            {search.dir === "asc" ? "▲" : "▼"}
          </span>
        </button>
      ) : (
        col.label
      )}
    </div>
  );
}

function SloLine({ s, suffix }: { s: OverviewSlo; suffix: string }) {
  const state = describeOverviewState(s);
  const path = describePath(s.path);
  return (
    <div role="row" data-testid="dashboard-row" data-slug={s.slug} data-state={s.state} data-path={s.path} className={cx(GRID, "h-full border-b border-zinc-100 text-sm hover:bg-zinc-50/60")}>
      <div role="cell" className="min-w-0">
        <Link href={`/slos/${encodeURIComponent(s.slug)}${suffix}`} className="block truncate font-medium text-indigo-700 hover:underline" title={s.name}>
          {s.name}
        </Link>
        <p className="flex items-center gap-1.5 truncate text-xs text-zinc-500">
          {path ? (
            <span data-testid="read-path" title={path.title} className="rounded bg-zinc-100 px-1 font-mono text-[10px] text-zinc-500">
              {path.mark}
            </span>
          ) : null}
          <span className="truncate" title={`${s.service} · ${s.operation} · ${s.datasource.name}`}>
            {s.service} · {s.operation}
          </span>
        </p>
      </div>
      <div role="cell" className="whitespace-nowrap text-right tabular-nums" title={describeSli(s)}>
        <span className="font-medium text-zinc-900">{formatPercent(s.sli)}</span>
        <span className="text-zinc-500"> · {formatObjective(s.objective)}</span>
      </div>
      <div role="cell" className="min-w-0">
        {s.budgetRemaining === null ? (
          <span className="text-zinc-400">—</span>
        ) : (
          <>
            <BudgetBar remaining={s.budgetRemaining} tone={budgetTone(s.budgetRemaining)} label={describeRemaining(s.budgetRemaining)} />
            <p className="mt-1 truncate text-xs text-zinc-600">{describeRemaining(s.budgetRemaining)}</p>
          </>
        )}
      </div>
      <div role="cell" className="whitespace-nowrap">
        {s.worstBurnRate ? (
          <span className="flex items-center gap-2">
            <span className="tabular-nums text-zinc-900">{formatBurnRate(s.worstBurnRate.rate)}</span>
            <span className="font-mono text-xs text-zinc-500">{s.worstBurnRate.window}</span>
            {s.worstBurnRate.severity ? <SeverityBadge severity={s.worstBurnRate.severity} /> : null}
          </span>
        ) : (
          <span className="text-zinc-400">—</span>
        )}
      </div>
      <div role="cell">{s.state === "unavailable" ? <span className="text-zinc-400">—</span> : <Sparkline trend={s.trend7d} objective={s.objective} label={describeTrend(s.trend7d)} />}</div>
      <div role="cell" className="min-w-0">
        <ToneBadge tone={state.tone}>{state.label}</ToneBadge>
        {state.detail ? (
          <p className="mt-0.5 truncate text-xs text-zinc-500" title={state.detail} data-testid="state-detail">
            {state.detail}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function GroupLine({ item, reportLink }: { item: Extract<TableItem, { kind: "group" }>; reportLink: string | null }) {
  return (
    <div role="row" data-testid="dashboard-group" className="flex h-full items-end gap-2 border-b border-zinc-200 bg-zinc-50 px-4 pb-1.5 text-xs">
      <span role="rowheader" className="font-semibold text-zinc-800">
        {item.label}
      </span>
      <span className="text-zinc-500">
        {item.count.toLocaleString("en-US")} {item.count === 1 ? "SLO" : "SLOs"}
        {item.exhausted ? ` · ${item.exhausted} exhausted` : ""}
        {item.atRisk ? ` · ${item.atRisk} at risk` : ""}
      </span>
      {reportLink ? (
        <Link href={reportLink} className="ml-auto text-indigo-700 hover:underline">
          Monthly report
        </Link>
      ) : null}
    </div>
  );
}

type Props = { items: TableItem[]; rowCount: number; search: OverviewSearch; atSeconds: number; onSort: (s: OverviewSort) => void };

export function OverviewTable({ items, rowCount, search, atSeconds, onSort }: Props) {
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  // The list's distance from the top of the page, which the window virtualiser offsets by.
  useLayoutEffect(() => {
    const measure = () => setScrollMargin(listRef.current ? listRef.current.getBoundingClientRect().top + window.scrollY : 0);
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: (i) => (items[i].kind === "group" ? GROUP_PX : ROW_PX),
    getItemKey: (i) => items[i].key,
    overscan: 8,
    scrollMargin,
    initialRect: INITIAL_RECT,
  });
  const suffix = search.at === undefined ? "" : `?at=${search.at}`;
  // A team's group links to its last complete month as of the moment shown.
  const month = lastCompleteMonth(atSeconds);
  const reportLink = (item: Extract<TableItem, { kind: "group" }>) => (search.group === "team" && item.key !== "group:" ? reportHref(item.label, month) : null);
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <div role="table" aria-label="Active SLOs" aria-rowcount={rowCount + 1} className="min-w-[64rem]">
        <div role="row" className={cx(GRID, "h-10 border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600")}>
          {COLUMNS.map((c) => (
            <HeaderCell key={c.label} col={c} search={search} onSort={onSort} />
          ))}
        </div>
        <div ref={listRef} role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index];
            return (
              <div key={v.key} className="absolute inset-x-0 top-0" style={{ height: v.size, transform: `translateY(${v.start - scrollMargin}px)` }}>
                {item.kind === "group" ? <GroupLine item={item} reportLink={reportLink(item)} /> : <SloLine s={item.slo} suffix={suffix} />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
