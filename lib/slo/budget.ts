// Error budget over the SLO window at its current total. Pure, no I/O.
import type { BurnRate, ErrorBudget } from "./status";

export interface BudgetContext {
  good: number;
  total: number;
  allowedBadFraction: number;
  /** The 1 h burn rate, used to project exhaustion. */
  burn1h: BurnRate | undefined;
  nominalWindowSeconds: number;
  /** Seconds until the budget resets (a calendar month's end); null for rolling windows, which never reset. */
  secondsUntilReset: number | null;
}

/** Requires total > 0 (no requests means no budget to speak of: the caller reports no_data instead). */
export function errorBudget(ctx: BudgetContext): ErrorBudget {
  const { good, total, allowedBadFraction } = ctx;
  if (!(total > 0)) throw new RangeError("errorBudget needs at least one request");
  const badEvents = total - good;
  const allowedBadEvents = allowedBadFraction * total;
  // As ratios of ratios so that 1e12-request windows keep full precision.
  const consumed = badEvents / total / allowedBadFraction;
  const remaining = 1 - consumed;
  const remainingRequests = Math.floor(allowedBadEvents - badEvents);
  return { allowedBadFraction, badEvents, allowedBadEvents, consumed, remaining, remainingRequests, ...exhaustion(ctx, remaining) };
}

/**
 * A burn rate b spends b × (whole budget) per nominal window, so the remaining share r lasts
 * r × window ÷ b (Pyrra and Grafana SLO project the same way). The projection ignores ageing out
 * of old requests and future traffic changes: it says "at this hour's pace".
 */
function exhaustion(ctx: BudgetContext, remaining: number): Pick<ErrorBudget, "secondsToExhaustion" | "exhaustion"> {
  if (remaining <= 0) return { secondsToExhaustion: 0, exhaustion: "exhausted" };
  const rate = ctx.burn1h?.rate ?? null;
  if (rate === null)
    return { secondsToExhaustion: null, exhaustion: ctx.burn1h?.reason === "no_traffic" ? "no_recent_traffic" : "unknown" };
  if (rate === 0) return { secondsToExhaustion: null, exhaustion: "not_burning" };
  const seconds = (remaining * ctx.nominalWindowSeconds) / rate;
  if (ctx.secondsUntilReset !== null && seconds > ctx.secondsUntilReset) return { secondsToExhaustion: null, exhaustion: "outlasts_window" };
  return { secondsToExhaustion: seconds, exhaustion: "burning" };
}
