import "server-only";
// Small pieces both overview paths share: a bounded pool for backend requests, and the 7-day
// trend's steps (28 steps of 6 hours ending at the evaluation moment).
import { TREND_STEP_SECONDS } from "@/lib/promql/rules-names";
import type { CountPair } from "@/lib/slo/types";

export { TREND_STEP_SECONDS };
export const TREND_STEPS = 28;

/** One step's SLI, null without traffic (OverviewSlo.trend7d). */
export type TrendPoint = number | null;

export interface TrendPlan {
  stepSeconds: number;
  /** First step end: the range query evaluates startSeconds, startSeconds + step, …, endSeconds. */
  startSeconds: number;
  endSeconds: number;
}

export const trendPlan = (at: number): TrendPlan => ({
  stepSeconds: TREND_STEP_SECONDS,
  startSeconds: at - (TREND_STEPS - 1) * TREND_STEP_SECONDS,
  endSeconds: at,
});

/** Event-weighted SLI per step; null without traffic (a gap, never 100 %); good above total is capped. */
export function trendFromSteps(plan: TrendPlan, steps: ReadonlyMap<number, CountPair>): TrendPoint[] {
  const out: TrendPoint[] = [];
  for (let t = plan.startSeconds; t <= plan.endSeconds; t += plan.stepSeconds) {
    const c = steps.get(t);
    out.push(c && c.total > 0 && Number.isFinite(c.good) ? Math.min(1, Math.max(0, c.good / c.total)) : null);
  }
  return out;
}

/** Runs `fn` over `items`, at most `n` at a time. */
export async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}
