// Choosing (threshold, objective) pairs from the per-candidate history, and judging the engineer's
// own intent against it. Pure, no I/O. Criteria (docs/suggestion-and-backtest.md):
//   tight:       the first pair, thresholds ascending then objectives descending, whose worst
//                window keeps ≥ 25 % of its budget and whose traffic can judge the objective;
//   comfortable: the first pair looser than tight (threshold ≥, objective ≤, not both equal) whose
//                worst window keeps ≥ 50 %, met on ≥ 90 % of judged days, with enough traffic.
import type { SuggestIntent } from "@/lib/schemas/suggest";
import type { z } from "zod";
import type { IntentEvaluation, Suggestion } from "@/lib/schemas/suggest";
import { sameBoundary } from "@/lib/promql/buckets";
import { formatMs, formatObjective } from "./format";
import type { Grid } from "./suggest-grid";
import { intentSentence, suggestionSentence } from "./suggest-reasoning";
import { budgetLeft, neededEvents, type CandidateStats, type WindowPlan } from "./suggest-stats";

export const TIGHT_MIN_WORST_BUDGET = 0.25;
export const COMFORTABLE_MIN_WORST_BUDGET = 0.5;
export const COMFORTABLE_MIN_DAYS_MET = 0.9;
/** Objectives tried for "the same threshold, a lower objective" (the common ones and a few looser). */
const RELAXED_OBJECTIVES = [0.9995, 0.999, 0.995, 0.99, 0.98, 0.95, 0.9];

type SuggestionT = z.infer<typeof Suggestion>;
type IntentT = z.infer<typeof IntentEvaluation>;

interface Ctx {
  grid: Grid;
  plan: WindowPlan;
  sloWindowSeconds: number;
  selectionLabel: string;
  perWindowEvents: number;
}

export function suggest(cands: readonly CandidateStats[], ctx: Ctx): SuggestionT[] {
  const pairs = cands.flatMap((c) => [...c.objectives].sort((a, b) => b.objective - a.objective).map((o) => ({ c, o })));
  const ok = (p: (typeof pairs)[number], minBudget: number) =>
    p.o.enoughTraffic && p.c.worstWindow !== null && p.o.worstWindowBudgetRemaining !== null && p.o.worstWindowBudgetRemaining >= minBudget;
  const tight = pairs.find((p) => ok(p, TIGHT_MIN_WORST_BUDGET));
  if (!tight) return [];
  const looser = (p: (typeof pairs)[number]) =>
    p.c.boundarySeconds >= tight.c.boundarySeconds && p.o.objective <= tight.o.objective && !(p.c === tight.c && p.o.objective === tight.o.objective);
  const comfortable = pairs.find(
    (p) => looser(p) && ok(p, COMFORTABLE_MIN_WORST_BUDGET) && p.o.daysJudged > 0 && p.o.daysMet >= COMFORTABLE_MIN_DAYS_MET * p.o.daysJudged,
  );
  return [
    { kind: "tight" as const, p: tight },
    ...(comfortable ? [{ kind: "comfortable" as const, p: comfortable }] : []),
  ].map(({ kind, p }) => {
    const facts = {
      baselineDays: ctx.grid.days.length,
      excluded: ctx.grid.excludedRanges,
      selectionLabel: ctx.selectionLabel,
      sli: p.c.sli as number,
      worstWindow: p.c.worstWindow!,
      daysMet: p.o.daysMet,
      daysJudged: p.o.daysJudged,
      budgetRemaining: p.o.budgetRemaining as number,
      worstWindowBudgetRemaining: p.o.worstWindowBudgetRemaining as number,
    };
    const baseline = { startSeconds: ctx.grid.startSeconds, endSeconds: ctx.grid.endSeconds };
    return {
      kind,
      thresholdSeconds: p.c.boundarySeconds,
      objective: p.o.objective,
      facts,
      reasoning: suggestionSentence(facts, baseline, p.c.boundarySeconds, p.o.objective, ctx.sloWindowSeconds),
    };
  });
}

const percentLabel = (p: number) => String(Number((p * 100).toFixed(6)));

export function normaliseIntent(intent: SuggestIntent): { objective: number; thresholdSeconds: number; phrasing: string } {
  if (intent.kind === "objective")
    return { objective: intent.objective, thresholdSeconds: intent.thresholdSeconds, phrasing: `${formatObjective(intent.objective)} under ${formatMs(intent.thresholdSeconds)}` };
  return { objective: intent.percentile, thresholdSeconds: intent.thresholdSeconds, phrasing: `p${percentLabel(intent.percentile)} ≤ ${formatMs(intent.thresholdSeconds)}` };
}

export function evaluateIntent(intent: SuggestIntent, cands: readonly CandidateStats[], ctx: Ctx): IntentT {
  const { objective, thresholdSeconds, phrasing } = normaliseIntent(intent);
  const exact = cands.find((c) => sameBoundary(c.boundarySeconds, thresholdSeconds));
  const below = cands.filter((c) => c.boundarySeconds < thresholdSeconds && !sameBoundary(c.boundarySeconds, thresholdSeconds));
  const above = cands.filter((c) => c.boundarySeconds > thresholdSeconds && !sameBoundary(c.boundarySeconds, thresholdSeconds));
  const lower = exact ?? below[below.length - 1] ?? null;
  // No boundary above: the upper neighbour is +Inf, where every request is good.
  const upper = exact ?? above[0] ?? null;
  const fit: IntentT["fit"] = exact
    ? { kind: "exact", boundarySeconds: exact.boundarySeconds }
    : { kind: "between", lowerSeconds: lower?.boundarySeconds ?? null, upperSeconds: upper?.boundarySeconds ?? null };

  const sliOf = (c: CandidateStats | null, pick: (c: CandidateStats) => number | null) => (c ? pick(c) : 1);
  const hasTraffic = lower !== null && lower.sli !== null;
  const sli = hasTraffic ? { lower: lower.sli as number, upper: sliOf(upper, (c) => c.sli) as number } : null;
  const worstWindowSli =
    hasTraffic && lower.worstWindow ? { lower: lower.worstWindow.sli, upper: sliOf(upper, (c) => c.worstWindow?.sli ?? null) as number } : null;

  const judged = lower ? lower.daySlis.filter((s): s is number => s !== null) : [];
  const windows = lower ? lower.windowSlis.filter((s): s is number => s !== null) : [];
  const verdict: IntentT["verdict"] =
    !hasTraffic || !worstWindowSli
      ? "not_measurable"
      : ctx.perWindowEvents < neededEvents(objective)
        ? "too_little_traffic"
        : worstWindowSli.lower >= objective
          ? "supported"
          : worstWindowSli.upper >= objective
            ? "uncertain"
            : "not_supported";

  const worstBudget = (c: CandidateStats, o: number) => (c.worstWindow ? budgetLeft(c.worstWindow.good, c.worstWindow.total, o, ctx.plan.seconds) : null);
  const sameObjectiveC = cands.find((c) => (worstBudget(c, objective) ?? -Infinity) >= TIGHT_MIN_WORST_BUDGET);
  const sameThresholdO = lower ? RELAXED_OBJECTIVES.find((o) => (worstBudget(lower, o) ?? -Infinity) >= TIGHT_MIN_WORST_BUDGET) : undefined;
  const evaluation: Omit<IntentT, "reasoning"> = {
    objective,
    thresholdSeconds,
    phrasing,
    fit,
    measuredBySeconds: lower?.boundarySeconds ?? null,
    sli,
    worstWindowSli,
    verdict,
    daysBreached: judged.filter((s) => s < objective).length,
    daysJudged: judged.length,
    windowsBreached: windows.filter((s) => s < objective).length,
    windowsEvaluated: windows.length,
    alternatives: {
      sameObjective: sameObjectiveC
        ? { thresholdSeconds: sameObjectiveC.boundarySeconds, worstWindowSli: sameObjectiveC.worstWindow!.sli, worstWindowBudgetRemaining: worstBudget(sameObjectiveC, objective)! }
        : null,
      sameThreshold:
        lower && sameThresholdO !== undefined
          ? { objective: sameThresholdO, worstWindowSli: lower.worstWindow!.sli, worstWindowBudgetRemaining: worstBudget(lower, sameThresholdO)! }
          : null,
    },
  };
  return { ...evaluation, reasoning: intentSentence(evaluation, ctx.sloWindowSeconds, lower?.worstWindow?.kind ?? null) };
}

