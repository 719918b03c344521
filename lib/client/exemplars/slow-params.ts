// URL state of the slow-request lists on the SLO page, so "the requests that spent the budget in
// the last hour" or "those of this brushed range, status ERROR only" is a link anyone can open:
//   ?slow=<burn window>                       e.g. 1h: the look-back before ?at (or now)
//   ?slowFrom=<unix>&slowTo=<unix>            a range (brushed on the latency chart, or H7's attribution links)
//   &slowLabel=<label>&slowValue=<value>      narrowed to one series label value (with either form)
// Malformed values are dropped, never failing the page. Pure, no I/O.
import { BURN_WINDOWS, BURN_WINDOW_SECONDS, type BurnWindow } from "@/lib/slo/types";

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (raw: RawParams, k: string): string => {
  const v = raw instanceof URLSearchParams ? raw.get(k) : raw[k];
  return (Array.isArray(v) ? v[0] : (v ?? "")).trim();
};

const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const UNIX = /^\d{1,10}(\.\d+)?$/;

export type SlowSelection =
  | { kind: "window"; window: BurnWindow; label?: string; value?: string }
  | { kind: "range"; from: number; to: number; label?: string; value?: string };

export const SLOW_KEYS = ["slow", "slowFrom", "slowTo", "slowLabel", "slowValue"] as const;

export function parseSlow(raw: RawParams): SlowSelection | null {
  const label = first(raw, "slowLabel");
  const value = raw instanceof URLSearchParams ? raw.get("slowValue") : first(raw, "slowValue");
  const narrow = LABEL.test(label) && value !== null && value !== "" ? { label, value } : {};
  const w = first(raw, "slow");
  if ((BURN_WINDOWS as readonly string[]).includes(w)) return { kind: "window", window: w as BurnWindow, ...narrow };
  const f = first(raw, "slowFrom");
  const t = first(raw, "slowTo");
  if (UNIX.test(f) && UNIX.test(t) && Number(t) > Number(f)) return { kind: "range", from: Number(f), to: Number(t), ...narrow };
  return null;
}

/** The range a selection covers; a burn window ends at `at`, or now rounded down to the minute (a stable cache key). */
export function slowRange(sel: SlowSelection, at: number | undefined, nowSeconds: number): { from: number; to: number } {
  if (sel.kind === "range") return { from: sel.from, to: sel.to };
  const to = at ?? Math.floor(nowSeconds / 60) * 60;
  return { from: to - BURN_WINDOW_SECONDS[sel.window], to };
}

/** Changes for withParams(): a burn window's list replaces any range (and the reverse). */
export function slowChanges(next: SlowSelection | null): Record<string, string | number | undefined> {
  const cleared: Record<string, string | number | undefined> = Object.fromEntries(SLOW_KEYS.map((k) => [k, undefined]));
  if (!next) return cleared;
  const narrow = next.label && next.value ? { slowLabel: next.label, slowValue: next.value } : {};
  return next.kind === "window" ? { ...cleared, slow: next.window, ...narrow } : { ...cleared, slowFrom: Math.floor(next.from), slowTo: Math.ceil(next.to), ...narrow };
}

/** Where an exemplar's trace opens: the trace page with the SLO's context (its operation highlighted, threshold drawn). */
export const traceHref = (traceId: string, datasourceId: string, sloId: string): string =>
  `/traces/${encodeURIComponent(traceId)}?${new URLSearchParams({ datasource: datasourceId, slo: sloId }).toString()}`;
