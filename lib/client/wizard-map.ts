// Pure mappings between the wizard's URL state and the API: the suggest and backtest request
// bodies, the SLO input it saves (with the baseline note), and the state an existing SLO prefills
// (Duplicate, Edit). Units: seconds and 0..1 on the wire, as everywhere in the API. Pure, no I/O.
import { formatDateRange, formatUtcRange } from "@/lib/slo/format";
import type { SloDto } from "@/lib/schemas/slo-dto";
import type { BacktestRequest } from "@/lib/schemas/backtest";
import type { SuggestRequest } from "@/lib/schemas/suggest";
import type { z } from "zod";
import { valueToWindow, windowToValue } from "./slo-form";
import { slugify } from "./slugify";
import { DEFAULT_WIZARD_STATE, type Range, type WizardState } from "./wizard-state";

const DAY = 86_400;
const HOUR = 3600;

/** The baseline's end: the state's, or the last whole hour before `nowSeconds` (stable for an hour, so queries cache). */
export const baselineEnd = (s: WizardState, nowSeconds: number) => s.endSeconds ?? Math.floor(nowSeconds / HOUR) * HOUR;

export const baselineRange = (s: WizardState, nowSeconds: number): Range => {
  const end = baselineEnd(s, nowSeconds);
  return { startSeconds: end - s.baselineDays * DAY, endSeconds: end };
};

export function selectionOf(s: WizardState) {
  return {
    datasourceId: s.datasourceId,
    service: s.service,
    operation: s.operation,
    operationMatch: s.operationMatch,
    spanKind: s.spanKind === "any" ? null : (s.spanKind as NonNullable<SuggestRequest["selection"]["spanKind"]>),
    extraMatchers: [],
    countErrorsAsBad: s.countErrorsAsBad,
  };
}

/** Body of POST /api/suggest for the state (the intent only when it parses). */
export function suggestRequestFor(s: WizardState, nowSeconds: number): z.input<typeof SuggestRequest> {
  const intent = parseIntent(s.intent);
  return {
    selection: selectionOf(s),
    baseline: baselineRange(s, nowSeconds),
    exclusions: s.exclusions.map((r) => ({ ...r, note: "" })),
    window: valueToWindow(s.window) ?? { kind: "rolling", days: 28 },
    intent: intent && intent !== "invalid" ? intent : null,
  };
}

/** Body of POST /api/backtest: the draft over `range`, and the saved SLO beside it when editing. */
export function backtestRequestFor(s: WizardState, range: Range, sloId?: string): z.input<typeof BacktestRequest> | null {
  if (s.thresholdSeconds === null || s.objective === null) return null;
  return {
    ...(sloId ? { sloId } : {}),
    draft: {
      selection: selectionOf(s),
      target: { thresholdSeconds: s.thresholdSeconds, objective: s.objective, window: valueToWindow(s.window) ?? { kind: "rolling", days: 28 } },
    },
    range,
  };
}

/**
 * The exclusions in words, for the SLO's description: the catalogue has no baseline field, so the
 * note is text people read next to the objective and the revision history keeps with each change.
 */
export function baselineNote(baseline: Range, exclusions: Range[]): string {
  const days = Math.round((baseline.endSeconds - baseline.startSeconds) / DAY);
  const base = `Baseline: ${days} days, ${formatDateRange(baseline.startSeconds, baseline.endSeconds)}`;
  return exclusions.length ? `${base}, excluding ${exclusions.map((r) => formatUtcRange(r.startSeconds, r.endSeconds)).join(", ")}.` : `${base}, nothing excluded.`;
}

const NOTE_RE = /\n*Baseline: \d+ days, [^\n]*$/;

/** The description with the baseline note replacing any earlier one (a re-tuned SLO keeps one note). */
export function withBaselineNote(description: string, note: string): string {
  const rest = description.replace(NOTE_RE, "").trim();
  return (rest ? `${rest}\n\n${note}` : note).slice(0, 2000);
}

/** What POST /api/slos receives (validated by CreateSloInput before sending). */
export function createInputFor(s: WizardState, baseline: Range): Record<string, unknown> {
  return {
    slug: s.slug.trim(),
    name: s.name.trim(),
    description: withBaselineNote(s.description, baselineNote(baseline, s.exclusions)),
    team: s.team.trim(),
    owner: s.owner.trim(),
    ...selectionOf(s),
    thresholdSeconds: s.thresholdSeconds,
    objective: s.objective,
    window: valueToWindow(s.window),
    minEvents: 0,
    status: s.status,
  };
}

/** A name people recognise: "checkout PlaceOrder under 512 ms". */
export function suggestedName(s: WizardState): string {
  const op = s.operationMatch === "regex" ? `/${s.operation}/` : s.operation;
  const ms = s.thresholdSeconds === null ? "" : ` under ${Number((s.thresholdSeconds * 1000).toFixed(3))} ms`;
  return `${s.service} ${op}${ms}`.slice(0, 120);
}

export const suggestedSlug = (s: WizardState) => slugify(suggestedName(s));

/**
 * The state an existing SLO prefills. Duplicate ("copy") keeps the definition but not the
 * identity (a new name and slug are needed); Edit keeps everything.
 */
export function stateFromSlo(slo: SloDto, as: "copy" | "edit"): WizardState {
  return {
    ...DEFAULT_WIZARD_STATE,
    step: as === "copy" ? "history" : "target",
    datasourceId: slo.datasourceId,
    service: slo.service,
    operation: slo.operation,
    operationMatch: slo.operationMatch,
    spanKind: slo.spanKind ?? "any",
    thresholdSeconds: slo.thresholdSeconds,
    objective: slo.objective,
    window: windowToValue(slo.window),
    name: as === "copy" ? `${slo.name} (copy)`.slice(0, 120) : slo.name,
    slug: as === "copy" ? "" : slo.slug,
    team: slo.team,
    owner: slo.owner,
    description: slo.description.replace(NOTE_RE, "").trim(),
    status: slo.status === "draft" ? "draft" : "active",
    countErrorsAsBad: slo.countErrorsAsBad,
    from: as === "copy" ? slo.slug : "",
  };
}

export type ParsedIntent = { kind: "objective"; objective: number; thresholdSeconds: number } | { kind: "percentile"; percentile: number; thresholdSeconds: number };

const UNIT: Record<string, number> = { ms: 0.001, s: 1 };
const OBJECTIVE_RE = /^\s*(\d{1,2}(?:[.,]\d{1,4})?)\s*%\s*(?:of requests\s*)?(?:under|within|below|in|<=?|≤)\s*(\d+(?:[.,]\d+)?)\s*(ms|s)\s*$/i;
const PERCENTILE_RE = /^\s*p(\d{1,2}(?:[.,]\d{1,4})?)\s*(?:<=?|≤|under|within|below)\s*(\d+(?:[.,]\d+)?)\s*(ms|s)\s*$/i;

/**
 * The intent box: "99 % under 300 ms", "99.5% within 0.5 s", "p99 ≤ 250 ms", "p99.9 <= 1 s".
 * null when empty, "invalid" when it is neither phrasing.
 */
export function parseIntent(text: string): ParsedIntent | "invalid" | null {
  if (text.trim() === "") return null;
  const num = (s: string) => Number(s.replace(",", "."));
  const byObjective = OBJECTIVE_RE.exec(text);
  const o = byObjective ?? PERCENTILE_RE.exec(text);
  if (!o) return "invalid";
  const share = num(o[1]) / 100;
  const threshold = Number((num(o[2]) * UNIT[o[3].toLowerCase()]).toFixed(9));
  if (!(share > 0 && share < 1) || !(threshold > 0 && threshold <= 3600)) return "invalid";
  const ratio = Number(share.toFixed(6));
  return byObjective ? { kind: "objective", objective: ratio, thresholdSeconds: threshold } : { kind: "percentile", percentile: ratio, thresholdSeconds: threshold };
}

/**
 * A brushed range snapped outward to whole steps, as the engine applies it (a step touching a
 * known-bad period is dropped whole), clipped to the baseline: what the list shows is what is removed.
 */
export function snapRange(a: number, b: number, stepSeconds: number, baseline: Range): Range | null {
  const lo = Math.max(Math.min(a, b), baseline.startSeconds);
  const hi = Math.min(Math.max(a, b), baseline.endSeconds);
  const start = baseline.startSeconds + Math.floor((lo - baseline.startSeconds) / stepSeconds) * stepSeconds;
  const end = Math.min(baseline.startSeconds + Math.ceil((hi - baseline.startSeconds) / stepSeconds) * stepSeconds, baseline.endSeconds);
  // A click without a drag selects nothing: excluding needs a range.
  if (hi <= lo || end <= start) return null;
  return { startSeconds: start, endSeconds: end };
}

/** Above this many series a selection is flagged: each query then reads that many bucket series per boundary (usually a too-broad regex). */
export const SERIES_WARNING_LIMIT = 50;
