// The burn-rate alert table, derived from the SLO window. Pure, no I/O.
//
// Source: Google SRE workbook, ch. 5 "Alerting on SLOs", multiwindow, multi-burn-rate alerts: page
// when 2 % of the window's budget burns in 1 h or 5 % in 6 h, ticket when 10 % burns in 3 d; plus the
// 10 %-in-1 d ticket tier that Sloth and Grafana SLO add (factor 3 at 30 d). Each short window is
// 1/12 of its long window (5m, 30m, 2h, 6h), the workbook's guideline, so an alert stops soon after
// the burn does. factor = budgetFraction × window / longWindow: a burn rate of `factor`
// sustained over `longWindow` spends exactly `budgetFraction` of the budget. For 30 d this gives the
// workbook's 14.4 / 6 / 3 / 1; for 28 d, Sloth's 13.44 / 5.6 / 2.8 / 0.933.
import type { SloWindow } from "@/lib/schemas/slo";
import { BURN_WINDOW_SECONDS, type BurnWindow } from "./types";

const DAY = 86_400;

/**
 * Alert rules are static, so a calendar-month SLO cannot follow the month's 28–31 days: its tiers use
 * a nominal 30-day month, the workbook's own table (14.4 / 6 / 3 / 1). A February page therefore
 * fires at the 30-day factor, 7 % later than February's own 13.44 would; a 31-day month 3 % sooner.
 */
export const NOMINAL_MONTH_SECONDS = 30 * DAY;

export type AlertSeverity = "page" | "ticket";

export interface BurnRateTier {
  severity: AlertSeverity;
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
  longWindowSeconds: number;
  shortWindowSeconds: number;
  /** Fraction of the whole window's error budget this tier lets burn within its long window. */
  budgetFraction: number;
  /** Burn-rate threshold both windows must exceed (error ratio ÷ (1 − objective)). */
  factor: number;
}

const WORKBOOK: readonly { severity: AlertSeverity; longWindow: BurnWindow; shortWindow: BurnWindow; budgetFraction: number }[] = [
  { severity: "page", longWindow: "1h", shortWindow: "5m", budgetFraction: 0.02 },
  { severity: "page", longWindow: "6h", shortWindow: "30m", budgetFraction: 0.05 },
  { severity: "ticket", longWindow: "1d", shortWindow: "2h", budgetFraction: 0.1 },
  { severity: "ticket", longWindow: "3d", shortWindow: "6h", budgetFraction: 0.1 },
];

/** Length the tiers are computed over: the rolling days, or the nominal 30-day month. */
export function tierWindowSeconds(window: SloWindow): number {
  return window.kind === "rolling" ? window.days * DAY : NOMINAL_MONTH_SECONDS;
}

/**
 * The tiers for an SLO window. A tier whose long window is longer than the SLO window (the 3 d
 * ticket for a 1- or 2-day SLO) is left out: its budget fraction could not be measured inside the window.
 */
export function burnRateTiers(window: SloWindow): BurnRateTier[] {
  return burnRateTiersForSeconds(tierWindowSeconds(window));
}

export function burnRateTiersForSeconds(windowSeconds: number): BurnRateTier[] {
  if (!(windowSeconds > 0)) throw new RangeError(`window must be positive, got ${windowSeconds}`);
  return WORKBOOK.filter((t) => BURN_WINDOW_SECONDS[t.longWindow] <= windowSeconds).map((t) => {
    const longWindowSeconds = BURN_WINDOW_SECONDS[t.longWindow];
    return {
      ...t,
      longWindowSeconds,
      shortWindowSeconds: BURN_WINDOW_SECONDS[t.shortWindow],
      // 12 significant digits drop binary noise (0.02 × 720 must print as 14.4 in generated rules).
      factor: Number(((t.budgetFraction * windowSeconds) / longWindowSeconds).toPrecision(12)),
    };
  });
}
