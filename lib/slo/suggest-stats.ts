// Per-candidate history: the achieved SLI, per-day SLIs, rolling windows and how each common
// objective would have fared, at one bucket boundary. Pure, no I/O. Every ratio is event-weighted
// (sums of counts over the included steps), never an average of step or day ratios.
import { COMMON_OBJECTIVES, type SuggestWarning } from "@/lib/schemas/suggest";
import type { z } from "zod";
import type { ObjectiveFit, WorstWindow } from "@/lib/schemas/suggest";
import { errorBudget } from "./budget";
import { allowedBadFraction, checkCounts } from "./ratio";
import { prefix, type Grid } from "./suggest-grid";

const DAY = 86_400;
/** k in the low-traffic rule: an objective is judged only when a window allows ≥ k bad requests. */
export const LOW_TRAFFIC_K = 10;

export type WorstWindowT = z.infer<typeof WorstWindow>;
export type ObjectiveFitT = z.infer<typeof ObjectiveFit>;

/** The sliding windows every candidate is judged over (shared: they depend only on the grid). */
export interface WindowPlan {
  kind: WorstWindowT["kind"];
  seconds: number;
  /** Window i covers steps [ends[i] − len, ends[i]). */
  len: number;
  ends: number[];
  /** Included requests per window. */
  totals: number[];
}

export function planWindows(g: Grid, sloWindowSeconds: number): WindowPlan {
  const span = g.endSeconds - g.startSeconds;
  const kind: WorstWindowT["kind"] = span >= sloWindowSeconds ? "slo" : span >= 7 * DAY ? "seven_days" : "whole_baseline";
  const seconds = kind === "slo" ? sloWindowSeconds : kind === "seven_days" ? 7 * DAY : span;
  const len = Math.max(1, Math.round(seconds / g.step));
  const pt = prefix(g.total);
  const ends: number[] = [];
  const totals: number[] = [];
  for (let e = len; e <= g.n; e++) {
    ends.push(e);
    totals.push(pt[e] - pt[e - len]);
  }
  return { kind, seconds, len, ends, totals };
}

/** Nearest-rank quantile of sorted values: the ⌈q·n⌉-th smallest (q = 0.5 gives the lower median). */
export function nearestRank(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

export interface CandidateStats {
  boundarySeconds: number;
  /** Per step, clamped to total; 0 where not included. */
  good: number[];
  goodSum: number;
  totalSum: number;
  sli: number | null;
  dailyGood: number[];
  daySlis: (number | null)[];
  daySli: { min: number; p5: number; median: number } | null;
  /** Per window of the plan: SLI (null without traffic). */
  windowSlis: (number | null)[];
  windowGoods: number[];
  worstWindow: WorstWindowT | null;
  objectives: ObjectiveFitT[];
}

/** Expected requests in one SLO window: the included traffic rate × the window's length. */
export function eventsPerWindow(g: Grid, sloWindowSeconds: number): number {
  const includedSeconds = g.included.filter(Boolean).length * g.step;
  const total = g.total.reduce((a, b) => a + b, 0);
  return includedSeconds > 0 ? (total * sloWindowSeconds) / includedSeconds : 0;
}

export const neededEvents = (objective: number, k = LOW_TRAFFIC_K): number => k / allowedBadFraction(objective);

export function candidateStats(
  g: Grid,
  plan: WindowPlan,
  boundarySeconds: number,
  rawGood: readonly (number | null)[],
  perWindowEvents: number,
  warnings: SuggestWarning[],
): CandidateStats {
  if (rawGood.length !== g.n) throw new RangeError(`boundary ${boundarySeconds}: expected ${g.n} steps of good counts, got ${rawGood.length}`);
  let skewSteps = 0;
  let excess = 0;
  const good = rawGood.map((v, i) => {
    if ((v === null) !== g.gap[i]) throw new RangeError(`boundary ${boundarySeconds}: good must be null exactly where total is (step ${i})`);
    if (!g.included[i]) return 0;
    const c = checkCounts({ good: v as number, total: g.total[i] });
    if (c.problem) {
      skewSteps++;
      excess += c.problem.code === "good_exceeds_total" ? c.problem.excess : 0;
    }
    return c.good;
  });
  if (skewSteps > 0) warnings.push({ code: "good_exceeds_total", boundarySeconds, steps: skewSteps, excess });

  const pg = prefix(good);
  const goodSum = pg[g.n];
  const totalSum = g.total.reduce((a, b) => a + b, 0);
  const sli = totalSum > 0 ? goodSum / totalSum : null;

  const dailyGood = g.days.map((d) => pg[d.to] - pg[d.from]);
  // Prefix-sum differences of non-integer increases can exceed the day's total by float noise: a ratio stays ≤ 1.
  const daySlis = g.days.map((d, i) => (d.judged ? Math.min(1, dailyGood[i] / d.total) : null));
  const judged = daySlis.filter((s): s is number => s !== null).sort((a, b) => a - b);
  const daySli = judged.length ? { min: judged[0], p5: nearestRank(judged, 0.05), median: nearestRank(judged, 0.5) } : null;

  const windowGoods = plan.ends.map((e) => pg[e] - pg[e - plan.len]);
  const windowSlis = windowGoods.map((wg, i) => (plan.totals[i] > 0 ? wg / plan.totals[i] : null));
  let worst = -1;
  windowSlis.forEach((s, i) => {
    if (s !== null && (worst < 0 || s < (windowSlis[worst] as number))) worst = i;
  });
  const worstWindow: WorstWindowT | null =
    worst < 0
      ? null
      : {
          kind: plan.kind,
          seconds: plan.seconds,
          startSeconds: g.startSeconds + (plan.ends[worst] - plan.len) * g.step,
          endSeconds: g.startSeconds + plan.ends[worst] * g.step,
          good: windowGoods[worst],
          total: plan.totals[worst],
          sli: windowSlis[worst] as number,
        };

  const objectives = COMMON_OBJECTIVES.map((objective) =>
    objectiveFit(objective, { goodSum, totalSum, daySlis, worstWindow, perWindowEvents, windowSeconds: plan.seconds }),
  );
  return { boundarySeconds, good, goodSum, totalSum, sli, dailyGood, daySlis, daySli, windowSlis, windowGoods, worstWindow, objectives };
}

/** Budget left (1 − consumed) at `objective` over counts, through the status page's own errorBudget. */
export function budgetLeft(good: number, total: number, objective: number, windowSeconds: number): number | null {
  if (!(total > 0)) return null;
  return errorBudget({ good, total, allowedBadFraction: allowedBadFraction(objective), burn1h: undefined, nominalWindowSeconds: windowSeconds, secondsUntilReset: null }).remaining;
}

export function objectiveFit(
  objective: number,
  s: { goodSum: number; totalSum: number; daySlis: readonly (number | null)[]; worstWindow: WorstWindowT | null; perWindowEvents: number; windowSeconds: number },
): ObjectiveFitT {
  const judged = s.daySlis.filter((x): x is number => x !== null);
  return {
    objective,
    daysMet: judged.filter((x) => x >= objective).length,
    daysJudged: judged.length,
    budgetRemaining: budgetLeft(s.goodSum, s.totalSum, objective, s.windowSeconds),
    worstWindowBudgetRemaining: s.worstWindow ? budgetLeft(s.worstWindow.good, s.worstWindow.total, objective, s.windowSeconds) : null,
    enoughTraffic: s.perWindowEvents >= neededEvents(objective),
  };
}
