// Monthly reports (issue 19, item 5): one calendar month (UTC) per SLO — SLI over the month, met or
// missed, budget used, the worst fast-burn periods — and a team's totals. Pure, no I/O.
//
// Month: [first instant, first instant of the next month), counted as the increase over the whole
// month evaluated at its end (Prometheus 2.x includes both ends: exact when samples sit on them).
// The month to date for the current month; nothing for a future one.
// Verdict: met ⇔ bad ≤ (1 − objective) × total, i.e. budget used ≤ 1 (an SLI exactly at the
// objective meets it; BUDGET_TOLERANCE absorbs float noise in the division, never a whole request).
// Between bucket boundaries the SLI is bracketed [lower, upper]: an objective inside the bracket is
// "uncertain", not a guess either way.
// Fast-burn periods: the page tiers' firing intervals (lib/slo/backtest.ts → tierFiring, the
// arithmetic of the generated alert rules), overlapping ones merged, each with its peak burn rate
// and the bad requests from the start of its long window to its end; worst (most bad) first.
import type { FiringInterval } from "./tier-firing";

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export const BUDGET_TOLERANCE = 1e-9;
export const MAX_PERIODS = 10;

export interface ReportMonth {
  /** "2026-10" */
  id: string;
  year: number;
  /** 1..12 */
  month: number;
  startSeconds: number;
  endSeconds: number;
  days: number;
  label: string;
}

/** "YYYY-MM" → the month, or null when it is not one (month 00 or 13, year before 1970 or after 2099). */
export function parseMonth(text: string): ReportMonth | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 1970 || year > 2099) return null;
  const startSeconds = Date.UTC(year, month - 1, 1) / 1000;
  const endSeconds = Date.UTC(year, month, 1) / 1000;
  return { id: text, year, month, startSeconds, endSeconds, days: (endSeconds - startSeconds) / 86_400, label: `${MONTH_NAMES[month - 1]} ${year}` };
}

/** The month holding a moment. */
export function monthAt(atSeconds: number): ReportMonth {
  const d = new Date(atSeconds * 1000);
  return parseMonth(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`)!;
}

/** The month before (the default report: the last complete month). */
export const previousMonth = (m: ReportMonth): ReportMonth => monthAt(m.startSeconds - 1);

export type MonthTiming = "past" | "current" | "future";
export function monthTiming(m: ReportMonth, nowSeconds: number): MonthTiming {
  if (nowSeconds < m.startSeconds) return "future";
  return nowSeconds < m.endSeconds ? "current" : "past";
}

export type Verdict = "met" | "missed" | "uncertain" | "no_data";

export interface MonthCounts {
  good: number;
  total: number;
  /** Good at the upper neighbouring boundary when the threshold is between two; null when exact. */
  goodUpper: number | null;
}

export interface StepCounts {
  firstStepEndSeconds: number;
  stepSeconds: number;
  /** Per-step good/total; null = no sample in the step (a gap). */
  good: readonly (number | null)[];
  total: readonly (number | null)[];
}

export interface TierIntervals {
  tier: string;
  longWindowSeconds: number;
  intervals: readonly FiringInterval[];
}

export interface FastBurnPeriod {
  startSeconds: number;
  /** When it resolved; the month's end (or now) while still firing, with `ongoing`. */
  endSeconds: number;
  ongoing: boolean;
  tiers: string[];
  peakBurnRate: number;
  /** Bad requests from the start of the long window that tripped it to its end (within the month). */
  badRequests: number;
}

export interface SloMonthInput {
  objective: number;
  counts: MonthCounts;
  /** Whether any sample exists in the month (false: before any data, or the series did not exist). */
  samplesSeen: boolean;
  steps: StepCounts | null;
  pageTiers: readonly TierIntervals[];
  /** End of what was counted: the month's end, or now for the current month. */
  countedUntilSeconds: number;
  month: ReportMonth;
}

export interface SloMonth {
  verdict: Verdict;
  good: number;
  total: number;
  bad: number;
  sli: number | null;
  sliBounds: { lower: number; upper: number } | null;
  /** Fraction of the month's budget spent (0..1, above 1 overspent); null without traffic. */
  budgetUsed: number | null;
  allowedBadEvents: number;
  fastBurn: FastBurnPeriod[];
  /** Fast-burn periods beyond MAX_PERIODS, not listed. */
  morePeriods: number;
  /** Seconds of the month without samples in the step series (scrape gaps). */
  gapSeconds: number;
}

export function sloMonth(input: SloMonthInput): SloMonth {
  const { objective } = input;
  if (!(objective > 0 && objective < 1)) throw new RangeError(`objective must be in (0, 1), got ${objective}`);
  const allowedBad = Number((1 - objective).toFixed(15));
  const total = Math.max(0, input.counts.total);
  const good = Math.min(Math.max(0, input.counts.good), total);
  const bad = total - good;
  const allowedBadEvents = allowedBad * total;
  const periods = fastBurnPeriods(input);
  const base = { good, total, bad, allowedBadEvents, fastBurn: periods.slice(0, MAX_PERIODS), morePeriods: Math.max(0, periods.length - MAX_PERIODS), gapSeconds: gapSeconds(input) };
  if (total === 0) return { ...base, verdict: "no_data", sli: null, sliBounds: null, budgetUsed: null };
  const sli = good / total;
  const budgetUsed = bad / total / allowedBad;
  let sliBounds: SloMonth["sliBounds"] = null;
  let verdict: Verdict = budgetUsed <= 1 + BUDGET_TOLERANCE ? "met" : "missed";
  if (input.counts.goodUpper !== null) {
    const upperGood = Math.min(Math.max(input.counts.goodUpper, good), total);
    sliBounds = { lower: sli, upper: upperGood / total };
    const upperBudget = (total - upperGood) / total / allowedBad;
    if (verdict === "missed" && upperBudget <= 1 + BUDGET_TOLERANCE) verdict = "uncertain";
  }
  return { ...base, verdict, sli, sliBounds, budgetUsed };
}

function stepIndex(s: StepCounts, t: number) {
  return Math.round((t - s.firstStepEndSeconds) / s.stepSeconds);
}

/** Sum of bad over steps ending in (from, to]; gap steps count nothing. */
function badBetween(s: StepCounts, from: number, to: number): number {
  let out = 0;
  const a = Math.max(0, Math.floor((from - s.firstStepEndSeconds) / s.stepSeconds) + 1);
  const b = Math.min(s.total.length - 1, stepIndex(s, to));
  for (let i = a; i <= b; i++) {
    const t = s.total[i];
    const g = s.good[i];
    if (t === null || g === null) continue;
    out += Math.max(0, t - Math.min(g, t));
  }
  return out;
}

function gapSeconds(input: SloMonthInput): number {
  const s = input.steps;
  if (!s) return 0;
  let n = 0;
  for (let i = 0; i < s.total.length; i++) {
    const end = s.firstStepEndSeconds + i * s.stepSeconds;
    if (end <= input.month.startSeconds || end > input.countedUntilSeconds) continue;
    if (s.total[i] === null || s.good[i] === null) n++;
  }
  return n * s.stepSeconds;
}

/** Page-tier intervals inside the month, overlapping ones merged, worst first. */
export function fastBurnPeriods(input: Pick<SloMonthInput, "pageTiers" | "steps" | "month" | "countedUntilSeconds">): FastBurnPeriod[] {
  const until = input.countedUntilSeconds;
  const all = input.pageTiers.flatMap((t) =>
    t.intervals
      .filter((iv) => iv.startSeconds < until && (iv.endSeconds ?? until) > input.month.startSeconds)
      .map((iv) => ({ tier: t.tier, long: t.longWindowSeconds, start: iv.startSeconds, end: iv.endSeconds ?? until, ongoing: iv.endSeconds === null || iv.endSeconds > until, peak: Math.max(iv.peakLongBurn, iv.peakShortBurn) })),
  );
  all.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: (FastBurnPeriod & { from: number })[] = [];
  for (const iv of all) {
    const last = merged[merged.length - 1];
    const from = iv.start - iv.long;
    if (last && iv.start <= last.endSeconds) {
      last.endSeconds = Math.max(last.endSeconds, Math.min(iv.end, until));
      last.ongoing ||= iv.ongoing;
      if (!last.tiers.includes(iv.tier)) last.tiers.push(iv.tier);
      last.peakBurnRate = Math.max(last.peakBurnRate, iv.peak);
      last.from = Math.min(last.from, from);
    } else merged.push({ startSeconds: Math.max(iv.start, input.month.startSeconds), endSeconds: Math.min(iv.end, until), ongoing: iv.ongoing, tiers: [iv.tier], peakBurnRate: iv.peak, badRequests: 0, from });
  }
  return merged
    .map(({ from, ...p }) => ({ ...p, tiers: [...p.tiers].sort(), badRequests: input.steps ? badBetween(input.steps, Math.max(from, input.month.startSeconds), p.endSeconds) : 0 }))
    .sort((a, b) => b.badRequests - a.badRequests || b.peakBurnRate - a.peakBurnRate || a.startSeconds - b.startSeconds);
}

export interface TeamTotals {
  slos: number;
  met: number;
  missed: number;
  uncertain: number;
  noData: number;
  unavailable: number;
  requests: number;
  badRequests: number;
  fastBurnPeriods: number;
}

/** Totals over the SLOs answered; an SLO whose backend was unavailable is counted as such only. */
export function teamTotals(entries: readonly ({ kind: "unavailable" } | { kind: "answered"; month: SloMonth })[]): TeamTotals {
  const out: TeamTotals = { slos: entries.length, met: 0, missed: 0, uncertain: 0, noData: 0, unavailable: 0, requests: 0, badRequests: 0, fastBurnPeriods: 0 };
  for (const e of entries) {
    if (e.kind === "unavailable") {
      out.unavailable++;
      continue;
    }
    const m = e.month;
    if (m.verdict === "met") out.met++;
    else if (m.verdict === "missed") out.missed++;
    else if (m.verdict === "uncertain") out.uncertain++;
    else out.noData++;
    out.requests += m.total;
    out.badRequests += m.bad;
    out.fastBurnPeriods += m.fastBurn.length + m.morePeriods;
  }
  return out;
}
