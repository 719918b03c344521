import "server-only";
// Small pieces both overview paths share: a bounded pool for backend requests, and the 7-day
// trend's steps (28 steps of 6 hours ending at the evaluation moment).
import { TREND_STEP_SECONDS } from "@/lib/promql/rules-names";

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

/** Runs `fn` over `items`, at most `n` at a time. */
export async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}
