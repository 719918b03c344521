// What the engine tells the UI about one SLO at one moment. Pure types, no I/O.
// Every ratio here is event-weighted over its whole window (counts, never averages of short ratios)
// and is either a finite number in [0, 1] or null with a reason: never NaN, never above 100 %.
import type { CountProblem } from "./ratio";
import type { BurnWindow, ResolvedWindow } from "./types";

/**
 * - `no_data`: no request in the window (0/0); nothing is computed, `noData` says for how long.
 * - `inconsistent`: the backend's counts contradict each other (good > total or unusable numbers);
 *   values are clamped to the count-consistent ones and `warnings` hold the amounts.
 * - `insufficient_data`: fewer requests than the SLO's minEvents; numbers are computed but not trustworthy.
 * - `ok`: none of the above (the objective may still be missed: compare `sli` with the objective).
 */
export type SliState = "ok" | "no_data" | "insufficient_data" | "inconsistent";

export type SliWarning =
  | (CountProblem & { scope: "window" | BurnWindow | "upper_bound" })
  | { code: "below_min_events"; total: number; minEvents: number }
  /** Counts at the upper neighbouring boundary gave a lower SLI than the lower boundary did (skew between queries). */
  | { code: "bounds_inverted"; lower: number; upper: number };

export interface ErrorBudget {
  /** 1 − objective: the fraction of requests allowed to be bad. */
  allowedBadFraction: number;
  badEvents: number;
  /** allowedBadFraction × the window's total so far; grows with traffic. */
  allowedBadEvents: number;
  /** badEvents ÷ allowedBadEvents: 1 is the whole budget, above 1 is overspent. */
  consumed: number;
  /**
   * 1 − consumed: the share of the budget earned by this window's requests that is not spent yet.
   * Negative when the budget is overspent (−0.5 = spent 150 %). In a rolling window it rises again
   * as old bad requests age out.
   */
  remaining: number;
  /**
   * Whole bad requests that still fit at the current total: floor(allowedBadEvents − badEvents).
   * Negative when over budget (−3: three bad requests too many).
   */
  remainingRequests: number;
  /** Seconds until `remaining` reaches 0 if the last hour's burn rate continued and nothing aged out; null with `exhaustion` saying why. */
  secondsToExhaustion: number | null;
  exhaustion: "burning" | "exhausted" | "not_burning" | "no_recent_traffic" | "outlasts_window" | "unknown";
}

export interface BurnRate {
  window: BurnWindow;
  windowSeconds: number;
  good: number;
  total: number;
  errorRatio: number | null;
  /** errorRatio ÷ (1 − objective): 1 spends exactly the budget over the SLO window. Null with `reason`. */
  rate: number | null;
  reason: "no_traffic" | "not_measured" | "inconsistent" | null;
}

export interface SliStatus {
  state: SliState;
  evaluatedAt: number;
  window: ResolvedWindow;
  /** Full length of the window the objective is promised over (a calendar month's whole length). */
  nominalWindowSeconds: number;
  objective: number;
  /** Counts after consistency clamping; with a `between` fit, at the lower neighbouring boundary. */
  good: number;
  total: number;
  /** good ÷ total, in [0, 1]; null when there was no request. With a `between` fit this is the lower bound. */
  sli: number | null;
  /** When the threshold sits between bucket boundaries: the SLI lies in [lower, upper]. */
  sliBounds: { lower: number; upper: number } | null;
  /** Computed from `sli` (the conservative bound); null when there was no request. */
  budget: ErrorBudget | null;
  /** One entry per BURN_WINDOWS entry, in that order. */
  burnRates: BurnRate[];
  /** Set when the state is `no_data`. `samplesSeen` false: no series at all (a wrong selector?) rather than flat counters. */
  noData: { seconds: number; sinceSeconds: number; samplesSeen: boolean } | null;
  warnings: SliWarning[];
}
