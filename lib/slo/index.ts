// The pure SLO engine: SLI, error budget and burn rates from counts (evaluate.ts), burn-down series
// (burn-down.ts), the burn-rate alert tiers derived from the window (burn-tiers.ts). No I/O.
export type * from "./types";
export { BURN_WINDOWS, BURN_WINDOW_SECONDS } from "./types";
export type * from "./status";
export { evaluateSli, type SloTarget } from "./evaluate";
export { burnDown, type BurnDownPoint } from "./burn-down";
export { burnRateTiers, burnRateTiersForSeconds, tierWindowSeconds, NOMINAL_MONTH_SECONDS, type BurnRateTier, type AlertSeverity } from "./burn-tiers";
export { allowedBadFraction, checkCounts, errorRatio, type CountProblem, type CheckedCounts } from "./ratio";
export { resolveWindow, nominalWindowSeconds } from "./window";
