// One SLO's overview state and worst burn rate from its evaluated status. Pure, no I/O.
// Definitions (docs/overview.md, lib/schemas/overview.ts): a tier is exceeded when both its long and
// its short look-back burn at or above its factor (the status page's rule, lib/client/status/tiers.ts);
// `exhausted` is budgetRemaining ≤ 0; `at_risk` is an exceeded tier or less than
// AT_RISK_BUDGET_REMAINING of the budget left; no request in the window is `no_data`.
import { AT_RISK_BUDGET_REMAINING, type OverviewState } from "@/lib/schemas/overview";
import type { BurnRateTier, AlertSeverity } from "./burn-tiers";
import type { BurnRate, SliStatus } from "./status";
import type { BurnWindow } from "./types";

const rateOf = (rates: readonly BurnRate[], w: BurnWindow) => rates.find((r) => r.window === w)?.rate ?? null;
const atLeast = (rate: number | null, factor: number): rate is number => rate !== null && Number.isFinite(rate) && rate >= factor;

export interface ExceededTier {
  tier: BurnRateTier;
  longRate: number;
}

export function exceededTiers(rates: readonly BurnRate[], tiers: readonly BurnRateTier[]): ExceededTier[] {
  const out: ExceededTier[] = [];
  for (const t of tiers) {
    const long = rateOf(rates, t.longWindow);
    if (atLeast(long, t.factor) && atLeast(rateOf(rates, t.shortWindow), t.factor)) out.push({ tier: t, longRate: long });
  }
  return out;
}

export interface WorstBurn {
  window: BurnWindow;
  rate: number;
  severity: AlertSeverity | null;
}

/**
 * The long window of the most severe exceeded tier (page before ticket; among equals the one furthest
 * over its factor), else the highest burn rate over any look-back; null when none had traffic.
 */
export function worstBurnRate(rates: readonly BurnRate[], tiers: readonly BurnRateTier[]): WorstBurn | null {
  const exceeded = exceededTiers(rates, tiers);
  for (const severity of ["page", "ticket"] as const) {
    const top = exceeded.filter((e) => e.tier.severity === severity).sort((a, b) => b.longRate / b.tier.factor - a.longRate / a.tier.factor)[0];
    if (top) return { window: top.tier.longWindow, rate: top.longRate, severity };
  }
  let best: WorstBurn | null = null;
  for (const r of rates) if (r.rate !== null && Number.isFinite(r.rate) && (best === null || r.rate > best.rate)) best = { window: r.window, rate: r.rate, severity: null };
  return best;
}

export function overviewState(status: Pick<SliStatus, "total" | "budget" | "burnRates">, tiers: readonly BurnRateTier[]): Exclude<OverviewState, "unavailable"> {
  return stateOf(status, exceededTiers(status.burnRates, tiers).length > 0);
}

/** The state from the window's counts and whether a tier is exceeded (the recorded path knows only that). */
export function stateOf(status: Pick<SliStatus, "total" | "budget">, tierExceeded: boolean): Exclude<OverviewState, "unavailable"> {
  if (status.total === 0 || status.budget === null) return "no_data";
  const remaining = status.budget.remaining;
  if (remaining <= 0) return "exhausted";
  if (remaining < AT_RISK_BUDGET_REMAINING || tierExceeded) return "at_risk";
  return "ok";
}
