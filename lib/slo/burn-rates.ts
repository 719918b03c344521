// Burn rates per look-back window (SRE workbook: burn rate = error ratio ÷ (1 − objective)). Pure.
import { checkCounts, errorRatio } from "./ratio";
import type { BurnRate, SliWarning } from "./status";
import { BURN_WINDOWS, BURN_WINDOW_SECONDS, type BurnWindow, type CountPair } from "./types";

export function burnRates(
  windows: Partial<Record<BurnWindow, CountPair>>,
  allowedBad: number,
  warnings: SliWarning[],
): BurnRate[] {
  return BURN_WINDOWS.map((window) => {
    const windowSeconds = BURN_WINDOW_SECONDS[window];
    const raw = windows[window];
    if (!raw) return { window, windowSeconds, good: 0, total: 0, errorRatio: null, rate: null, reason: "not_measured" };
    const c = checkCounts(raw);
    if (c.problem) warnings.push({ ...c.problem, scope: window });
    const ratio = errorRatio(c);
    if (c.problem?.code === "invalid_counts")
      return { window, windowSeconds, good: 0, total: 0, errorRatio: null, rate: null, reason: "inconsistent" };
    return {
      window,
      windowSeconds,
      good: c.good,
      total: c.total,
      errorRatio: ratio,
      rate: ratio === null ? null : ratio / allowedBad,
      reason: ratio === null ? "no_traffic" : null,
    };
  });
}
