// Display mappers for the wizard's history, target and backtest views: chart points and table rows
// taken from the suggest and backtest responses without new arithmetic beyond per-bucket
// differences and shares, so every number on screen can be traced to a count in the response.
// Pure, no I/O.
import type { BacktestResult } from "@/lib/schemas/backtest";
import type { SuggestResponse } from "@/lib/schemas/suggest";

export type DistributionRow = {
  /** Lower and upper edge of the bucket in seconds; upper null = above the highest finite boundary. */
  lowerSeconds: number | null;
  upperSeconds: number | null;
  requests: number;
  /** Share of requests at or below `upperSeconds` (the real boundary); 1 for the open top bucket. */
  cumulativeShare: number;
};

/**
 * Requests per bucket over the included baseline (from the candidates' good counts: each is the
 * cumulative count at a real boundary) and the cumulative share at each boundary. Empty without traffic.
 */
export function distributionRows(r: Pick<SuggestResponse, "candidates">): DistributionRow[] {
  const cands = [...r.candidates].sort((a, b) => a.boundarySeconds - b.boundarySeconds);
  const total = cands[0]?.total ?? 0;
  if (total <= 0) return [];
  const rows: DistributionRow[] = [];
  let below = 0;
  let lower: number | null = null;
  for (const c of cands) {
    // Good counts are clamped by the engine; a skewed read can still dip: never a negative bar.
    const good = Math.max(c.good, below);
    rows.push({ lowerSeconds: lower, upperSeconds: c.boundarySeconds, requests: good - below, cumulativeShare: Math.min(1, good / total) });
    below = good;
    lower = c.boundarySeconds;
  }
  rows.push({ lowerSeconds: lower, upperSeconds: null, requests: Math.max(0, total - below), cumulativeShare: 1 });
  return rows;
}

export type HistoryChartPoint = {
  t: number;
  /** Requests per second over the step; null = a gap (no samples). */
  rps: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
};

const ms = (s: number | null) => (s === null ? null : Number((s * 1000).toFixed(3)));

export function historyChartPoints(r: Pick<SuggestResponse, "history">): HistoryChartPoint[] {
  const step = r.history.stepSeconds;
  return r.history.points.map((p) => ({
    t: p.startSeconds,
    rps: p.total === null ? null : p.total / step,
    p50Ms: ms(p.p50Seconds),
    p90Ms: ms(p.p90Seconds),
    p99Ms: ms(p.p99Seconds),
  }));
}

export type DailyCompliancePoint = {
  t: number;
  /** Percent good at the threshold; null when the day is not judged (mostly excluded, a gap, no traffic). */
  sliPercent: number | null;
  good: number;
  total: number;
  judged: boolean;
  excludedSeconds: number;
};

/** Per UTC day, the share of requests within `thresholdSeconds` (a real boundary), from `days` and that candidate's `dailyGood`. */
export function dailyCompliance(r: Pick<SuggestResponse, "days" | "candidates">, thresholdSeconds: number): DailyCompliancePoint[] {
  const c = r.candidates.find((x) => Math.abs(x.boundarySeconds - thresholdSeconds) < 1e-9);
  return r.days.map((d, i) => {
    const good = c?.dailyGood[i] ?? 0;
    const judged = Boolean(c) && d.judged && d.total > 0;
    return {
      t: d.dayStartSeconds,
      sliPercent: judged ? Math.min(100, (good / d.total) * 100) : null,
      good,
      total: d.total,
      judged,
      excludedSeconds: d.excludedSeconds,
    };
  });
}

/** The candidate threshold the history shows before the user picks one: the tight suggestion's, else the reference boundary. */
export function defaultCandidate(r: Pick<SuggestResponse, "suggestions" | "referenceBoundarySeconds" | "candidates">): number | null {
  return r.suggestions.find((s) => s.kind === "tight")?.thresholdSeconds ?? r.referenceBoundarySeconds ?? r.candidates[0]?.boundarySeconds ?? null;
}

export type BacktestChartPoint = { t: number; sliPercent: number | null; budgetPercent: number | null };

export const backtestChartPoints = (b: Pick<BacktestResult, "points">): BacktestChartPoint[] =>
  b.points.map((p) => ({
    t: p.t,
    sliPercent: p.sli === null ? null : p.sli * 100,
    budgetPercent: p.budgetRemaining === null || !Number.isFinite(p.budgetRemaining) ? null : p.budgetRemaining * 100,
  }));

export type TierRow = {
  id: string;
  severity: "page" | "ticket";
  windows: string;
  factor: number;
  enabled: boolean;
  evaluable: boolean;
  firingCount: number;
  firingSeconds: number;
  intervals: BacktestResult["tiers"][number]["intervals"];
};

export const tierRows = (b: Pick<BacktestResult, "tiers">): TierRow[] =>
  b.tiers.map((t) => ({
    id: t.id,
    severity: t.severity,
    windows: `${t.longWindow} / ${t.shortWindow}`,
    factor: t.factor,
    enabled: t.enabled,
    evaluable: t.evaluable,
    firingCount: t.firingCount,
    firingSeconds: t.firingSeconds,
    intervals: t.intervals,
  }));

/** Position of [start, end) on a timeline of `range` as percentages (for the firing bars); an open end runs to the range's end. */
export function timelineBar(range: { startSeconds: number; endSeconds: number }, startSeconds: number, endSeconds: number | null): { leftPercent: number; widthPercent: number } {
  const span = Math.max(1, range.endSeconds - range.startSeconds);
  const a = Math.max(range.startSeconds, startSeconds);
  const b = Math.min(range.endSeconds, endSeconds ?? range.endSeconds);
  const left = ((a - range.startSeconds) / span) * 100;
  // At least a sliver, so a single-step firing is still visible.
  return { leftPercent: left, widthPercent: Math.max(0.4, ((b - a) / span) * 100) };
}
