// The pure SLO engine: SLI, error budget and burn rates from counts (evaluate.ts), burn-down series
// (burn-down.ts), the burn-rate alert tiers derived from the window (burn-tiers.ts), whether a tier
// fires (tier-firing.ts), target suggestion (suggest*.ts) and backtest (backtest*.ts). No I/O.
export type * from "./types";
export { BURN_WINDOWS, BURN_WINDOW_SECONDS } from "./types";
export type * from "./status";
export { evaluateSli, type SloTarget } from "./evaluate";
export { burnDown, type BurnDownPoint } from "./burn-down";
export { burnRateTiers, burnRateTiersForSeconds, tierWindowSeconds, NOMINAL_MONTH_SECONDS, type BurnRateTier, type AlertSeverity } from "./burn-tiers";
export { allowedBadFraction, checkCounts, errorRatio, type CountProblem, type CheckedCounts } from "./ratio";
export { resolveWindow, nominalWindowSeconds } from "./window";
export { suggestTargets, MANY_SERIES } from "./suggest";
export { LOW_TRAFFIC_K } from "./suggest-stats";
export { TIGHT_MIN_WORST_BUDGET, COMFORTABLE_MIN_WORST_BUDGET, COMFORTABLE_MIN_DAYS_MET } from "./suggest-pick";
export { backtest, conditionIntervals } from "./backtest";
export {
  tierFiring,
  tierId,
  errorRatioThreshold,
  minEventsGuard,
  firingIntervals,
  type TierVerdict,
  type TierWindows,
  type TierContext,
  type TierQuiet,
  type TierMoment,
  type FiringInterval,
} from "./tier-firing";
export { bucketQuantile, type CumulativeBucket } from "./quantile";
export { formatMs, formatObjective, formatRatio, formatBudget, formatDateRange, formatUtcRange } from "./format";
