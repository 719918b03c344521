// evaluateSli: one SLO's SLI, error budget and burn rates at one moment, from the counts the data
// layer fetched (SliInputs). Pure, no I/O. Every figure is event-weighted over its own window.
import type { SloWindow } from "@/lib/schemas/slo";
import { errorBudget } from "./budget";
import { burnRates } from "./burn-rates";
import { allowedBadFraction, checkCounts } from "./ratio";
import type { SliState, SliStatus, SliWarning } from "./status";
import type { CountStep, SliInputs } from "./types";
import { nominalWindowSeconds } from "./window";

export interface SloTarget {
  objective: number;
  window: SloWindow;
  minEvents: number;
}

/** `slo` is authoritative for objective and minEvents (the copies in `inputs` are not read). */
export function evaluateSli(inputs: SliInputs, slo: SloTarget): SliStatus {
  const warnings: SliWarning[] = [];
  const allowedBad = allowedBadFraction(slo.objective);
  const at = inputs.evaluatedAt;
  const nominal = nominalWindowSeconds(slo.window, at);
  const burn = burnRates(inputs.burnWindows, allowedBad, warnings);

  const counts = checkCounts(inputs.counts);
  if (counts.problem) warnings.push({ ...counts.problem, scope: "window" });
  const { good, total } = counts;
  // Written out, not spread from a shared base: the overview evaluates 10,000 of these per request
  // and object spread was a measurable share of it.
  if (total === 0) {
    // 0/0: nothing to compute. A skewed good count on no total is still a contradiction worth showing.
    const state: SliState = counts.problem ? "inconsistent" : "no_data";
    return {
      evaluatedAt: at, window: inputs.window, nominalWindowSeconds: nominal, objective: slo.objective, good, total, burnRates: burn, warnings,
      state, sli: null, sliBounds: null, budget: null, noData: quietSpan(inputs),
    };
  }

  const sli = good / total;
  const sliBounds = inputs.thresholdFit.kind === "between" ? bounds(inputs, sli, warnings) : null;
  const secondsUntilReset = slo.window.kind === "calendar" ? inputs.window.startSeconds + nominal - at : null;
  const budget = errorBudget({ good, total, allowedBadFraction: allowedBad, burn1h: burn.find((b) => b.window === "1h"), nominalWindowSeconds: nominal, secondsUntilReset });

  if (total < slo.minEvents) warnings.push({ code: "below_min_events", total, minEvents: slo.minEvents });
  const state: SliState = counts.problem ? "inconsistent" : total < slo.minEvents ? "insufficient_data" : "ok";
  return {
    evaluatedAt: at, window: inputs.window, nominalWindowSeconds: nominal, objective: slo.objective, good, total, burnRates: burn, warnings,
    state, sli, sliBounds, budget, noData: null,
  };
}

/**
 * With the threshold between two bucket boundaries the good count is only bracketed: requests in
 * the straddling bucket may be on either side. Lower bound: counts at the lower boundary; upper
 * bound: counts at the upper one (or every request, when the upper neighbour is +Inf).
 */
function bounds(inputs: SliInputs, lower: number, warnings: SliWarning[]): { lower: number; upper: number } {
  let upper = 1;
  if (inputs.countsUpper) {
    const c = checkCounts(inputs.countsUpper);
    if (c.problem) warnings.push({ ...c.problem, scope: "upper_bound" });
    upper = c.total > 0 ? c.good / c.total : lower;
  }
  if (upper < lower) {
    warnings.push({ code: "bounds_inverted", lower, upper });
    upper = lower;
  }
  return { lower, upper };
}

/** How long nothing has happened: since the end of the last step with traffic, else the whole window. */
function quietSpan(inputs: SliInputs): { seconds: number; sinceSeconds: number; samplesSeen: boolean } {
  const samplesSeen = inputs.lastSampleAt !== null;
  const busy: CountStep | undefined = inputs.steps ? [...inputs.steps].reverse().find((s) => s.total > 0) : undefined;
  const since = busy ? Math.max(busy.t, inputs.window.startSeconds) : inputs.window.startSeconds;
  return { seconds: inputs.evaluatedAt - since, sinceSeconds: since, samplesSeen };
}
