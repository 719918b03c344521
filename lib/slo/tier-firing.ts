// Whether one burn-rate tier fires at one moment, given the counts of its two windows, and the
// firing intervals a series of such moments makes. Pure, no I/O.
//
// This is THE arithmetic of a multi-window, multi-burn-rate alert (SRE workbook ch. 5): backtest
// (lib/slo/backtest.ts) calls it at every step, and the alert-rule generator (issue 18) must emit
// exactly the same comparison so that a generated rule and a backtest agree on every moment:
//
//   fires(t) ⇔ T_long ≥ max(minEvents, 1)
//            ∧ (T_long − G_long) / T_long  > errorRatioThreshold(tier, objective)
//            ∧ (T_short − G_short) / T_short > errorRatioThreshold(tier, objective)
//
// where G_w, T_w are the good and total increases over the window [t − w, t]. In PromQL the
// generator prints the threshold with String(n) (shortest round-trip form), so the comparison is the
// same IEEE-754 division and `>` on both sides. "Both windows above the factor" is a strict `>`.
// The traffic guard applies to the long window (the one that decides), as an absolute count: an
// alert never decides on fewer than minEvents requests (pyrra#1925). The short window only needs
// one request (0/0 is NaN in PromQL and never compares true). Good above total (scrape skew) is
// clamped to total, as everywhere in lib/slo: the bad count is then 0 and the tier cannot fire,
// which is also what PromQL does (a negative bad count is never above a positive threshold).
import { allowedBadFraction, checkCounts } from "./ratio";
import type { BurnRateTier } from "./burn-tiers";
import type { CountPair } from "./types";

/** Stable tier label (for Alertmanager inhibition, pyrra#1884): severity and long window, e.g. `page-1h`. */
export const tierId = (tier: Pick<BurnRateTier, "severity" | "longWindow">): string => `${tier.severity}-${tier.longWindow}`;

/**
 * The error ratio both windows must exceed: factor × (1 − objective), rounded to 12 significant
 * digits so binary noise does not leak into the printed rule (14.4 × 0.001 prints 0.0144).
 */
export function errorRatioThreshold(tier: Pick<BurnRateTier, "factor">, objective: number): number {
  return Number((tier.factor * allowedBadFraction(objective)).toPrecision(12));
}

/** Requests a tier's long window must hold before the tier may fire. */
export const minEventsGuard = (minEvents: number): number => Math.max(minEvents, 1);

export type TierQuiet =
  /** A window without a single sample (a scrape gap, or before the backend's oldest sample): nothing to judge. */
  | "no_samples"
  /** A window with samples but no request. */
  | "no_traffic"
  /** The long window holds fewer requests than the guard. */
  | "below_min_events"
  /** A window's counts are unusable (NaN, negative). */
  | "inconsistent"
  /** At least one window's error ratio is not above the threshold. */
  | "below_threshold";

export interface TierVerdict {
  firing: boolean;
  /** Burn rates (error ratio ÷ (1 − objective)) of the long and short windows; null without traffic. */
  longBurn: number | null;
  shortBurn: number | null;
  /** Why the tier is quiet; null when firing. */
  quiet: TierQuiet | null;
}

export interface TierWindows {
  /** Counts over the long and short windows ending at the moment; null = no sample in the window. */
  long: CountPair | null;
  short: CountPair | null;
}

export interface TierContext {
  objective: number;
  minEvents: number;
}

export function tierFiring(tier: Pick<BurnRateTier, "factor">, windows: TierWindows, ctx: TierContext): TierVerdict {
  const allowedBad = allowedBadFraction(ctx.objective);
  const threshold = errorRatioThreshold(tier, ctx.objective);
  const long = windows.long ? checkCounts(windows.long) : null;
  const short = windows.short ? checkCounts(windows.short) : null;
  const ratio = (c: typeof long) => (c && c.problem?.code !== "invalid_counts" && c.total > 0 ? (c.total - c.good) / c.total : null);
  const longRatio = ratio(long);
  const shortRatio = ratio(short);
  const burn = (r: number | null) => (r === null ? null : r / allowedBad);
  const out = (quiet: TierQuiet | null): TierVerdict => ({ firing: quiet === null, longBurn: burn(longRatio), shortBurn: burn(shortRatio), quiet });

  if (!long || !short) return out("no_samples");
  if (long.problem?.code === "invalid_counts" || short.problem?.code === "invalid_counts") return out("inconsistent");
  if (long.total === 0 || short.total === 0) return out("no_traffic");
  if (long.total < minEventsGuard(ctx.minEvents)) return out("below_min_events");
  if (!(longRatio! > threshold && shortRatio! > threshold)) return out("below_threshold");
  return out(null);
}

export interface TierMoment {
  t: number;
  verdict: TierVerdict;
}

export interface FiringInterval {
  /** First evaluation moment at which the alert fired (after `for`). */
  startSeconds: number;
  /** First evaluation moment at which the condition no longer held (the alert resolved); null while still firing at the last moment. */
  endSeconds: number | null;
  /** Moment the condition first held (the alert went pending); equals startSeconds when `for` is 0. */
  pendingSinceSeconds: number;
  /** Highest burn rates seen while firing. */
  peakLongBurn: number;
  peakShortBurn: number;
}

/**
 * Turns verdicts at evaluation moments (increasing t) into firing intervals, the way Prometheus
 * evaluates an alerting rule at those moments: pending from the first moment the condition holds,
 * firing once it has held for `forSeconds` (at the first moment t with t − pendingSince ≥ for),
 * resolved at the first moment it does not hold. A condition that holds for less than `for` never fires.
 */
export function firingIntervals(moments: readonly TierMoment[], forSeconds = 0): FiringInterval[] {
  const out: FiringInterval[] = [];
  let pendingSince: number | null = null;
  let current: FiringInterval | null = null;
  let lastT = -Infinity;
  for (const { t, verdict } of moments) {
    if (!(t > lastT)) throw new RangeError(`moments must be in increasing time order (${t} after ${lastT})`);
    lastT = t;
    if (!verdict.firing) {
      if (current) current.endSeconds = t;
      current = null;
      pendingSince = null;
      continue;
    }
    pendingSince ??= t;
    if (!current && t - pendingSince >= forSeconds) {
      current = { startSeconds: t, endSeconds: null, pendingSinceSeconds: pendingSince, peakLongBurn: 0, peakShortBurn: 0 };
      out.push(current);
    }
    if (current) {
      current.peakLongBurn = Math.max(current.peakLongBurn, verdict.longBurn ?? 0);
      current.peakShortBurn = Math.max(current.peakShortBurn, verdict.shortBurn ?? 0);
    }
  }
  return out;
}
