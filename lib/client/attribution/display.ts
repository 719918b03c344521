// Words, bar widths and links for the SLO page's budget attribution. Pure, no I/O.
// Bars are scaled to the largest value of their dimension (the ranking reads at a glance); the
// words say the share of the budget, which can pass 100 % when the budget is overspent.
import type { AttributionDimension, AttributionResponse } from "@/lib/schemas/attribution";
import { formatCount, formatPercent } from "../status/format";

export const dimensionTitle = (d: Pick<AttributionDimension, "kind" | "label">): string =>
  d.kind === "operation" ? "Operation" : d.kind === "span_kind" ? "Span kind" : d.kind === "status_code" ? "Status code" : `Label ${d.label}`;

/** Producer spellings shortened for reading: SPAN_KIND_SERVER → server, STATUS_CODE_ERROR → error; "" → (not set). */
export function valueText(kind: AttributionDimension["kind"], value: string): string {
  if (value === "") return "(not set)";
  if (kind === "span_kind") return value.replace(/^SPAN_KIND_/, "").toLowerCase();
  if (kind === "status_code") return value.replace(/^STATUS_CODE_/, "").toLowerCase();
  return value;
}

/** A share of the budget, which may pass 100 %: 0.8 → "80 %", 1.5 → "150 %". */
export function budgetPercent(share: number | null): string {
  if (share === null) return "—";
  if (share > 1) return `${Math.round(share * 100).toLocaleString("en-US")} %`;
  return formatPercent(share, 1);
}

/** "412 bad requests, 41 % of the error budget" (singular for one). */
export function shareWords(v: { bad: number; budgetShare: number | null }): string {
  const n = Math.round(v.bad);
  const reqs = `${formatCount(n)} bad ${n === 1 ? "request" : "requests"}`;
  return v.budgetShare === null ? reqs : `${reqs}, ${budgetPercent(v.budgetShare)} of the error budget`;
}

/** Bar width in percent of the dimension's largest bad count (at least a sliver when non-zero). */
export function barPercent(bad: number, maxBad: number): number {
  if (!(maxBad > 0) || !(bad > 0)) return 0;
  return Math.max(1.5, Math.min(100, (bad / maxBad) * 100));
}

/** The SLO page's slow-requests list for one value over the attribution's window (issue 17's URL). */
export function slowRequestsHref(sloSlug: string, window: AttributionResponse["window"], label: string, value: string): string {
  const q = new URLSearchParams({ slowFrom: String(Math.floor(window.startSeconds)), slowTo: String(Math.ceil(window.endSeconds)), slowLabel: label, slowValue: value });
  return `/slos/${encodeURIComponent(sloSlug)}?${q.toString()}`;
}

/** The sentence above the bars: how much of the budget the window spent and how bad is counted. */
export function summaryText(a: AttributionResponse): string {
  const t = a.totals;
  if (t.total === 0) return `No requests in ${a.window.label}: nothing to attribute.`;
  if (t.bad === 0) return `No bad requests in ${a.window.label}: no budget spent.`;
  const base = `${formatCount(t.bad)} bad of ${formatCount(t.total)} requests in ${a.window.label}: ${budgetPercent(t.budgetConsumed)} of the error budget.`;
  if (a.fit.kind === "between" && t.badLowerBound !== undefined)
    return `${base} The threshold is not a bucket boundary: bad is counted above the boundary below it, as the status does (at least ${formatCount(t.badLowerBound)} are bad for certain).`;
  return base;
}
