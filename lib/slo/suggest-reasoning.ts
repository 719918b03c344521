// The sentences behind a suggestion or an intent verdict. Pure, no I/O. Each sentence is written
// only from a facts object that the response carries, through lib/slo/format.ts, so every number a
// reader sees can be found (and re-derived from the daily counts) in the response.
import type { z } from "zod";
import type { IntentEvaluation, SuggestionFacts, WorstWindow } from "@/lib/schemas/suggest";
import { formatBudget, formatDateRange, formatMs, formatObjective, formatRatio, formatUtcRange, joinWords, objectiveDecimals } from "./format";

type Facts = z.infer<typeof SuggestionFacts>;
const DAY = 86_400;

/** "over the 28 days 26 Oct – 22 Nov 2026, excluding 22 Nov 13:00–18:00 UTC" */
export function baselinePhrase(baseline: { startSeconds: number; endSeconds: number }, excluded: Facts["excluded"]): string {
  const seconds = baseline.endSeconds - baseline.startSeconds;
  const length = seconds % DAY === 0 ? `${seconds / DAY} days` : `${Math.round(seconds / 3600)} hours`;
  const ex = excluded.length ? `, excluding ${joinWords(excluded.map((r) => formatUtcRange(r.startSeconds, r.endSeconds)))}` : "";
  return `the ${length} ${formatDateRange(baseline.startSeconds, baseline.endSeconds)}${ex}`;
}

export function windowPhrase(w: z.infer<typeof WorstWindow>, sloWindowSeconds: number): string {
  const days = (s: number) => `${Math.round(s / DAY)}-day`;
  if (w.kind === "slo") return `the worst ${days(w.seconds)} window`;
  if (w.kind === "seven_days") return `the worst 7-day window (the baseline is shorter than the SLO's ${Math.round(sloWindowSeconds / DAY)} days)`;
  return "the whole baseline (shorter than 7 days)";
}

/** Percent decimals for an SLI printed next to this objective: at least 2, more when the objective has more. */
const ratioDigits = (objective: number) => Math.max(2, objectiveDecimals(objective));

function budgetPhrase(remaining: number): string {
  return remaining >= 0 ? `left ${formatBudget(remaining)} of its budget` : `overspent its budget by ${formatBudget(-remaining).replace(/^-/, "")}`;
}

export function suggestionSentence(
  facts: Facts,
  baseline: { startSeconds: number; endSeconds: number },
  thresholdSeconds: number,
  objective: number,
  sloWindowSeconds: number,
): string {
  const digits = ratioDigits(objective);
  const daysWord = facts.daysJudged === facts.baselineDays ? "days" : "judged days";
  return (
    `Over ${baselinePhrase(baseline, facts.excluded)}, ${formatRatio(facts.sli, digits)} of ${facts.selectionLabel} requests finished within ${formatMs(thresholdSeconds)}; ` +
    `${windowPhrase(facts.worstWindow, sloWindowSeconds)} reached ${formatRatio(facts.worstWindow.sli, digits)}; ` +
    `an objective of ${formatObjective(objective)} would have been met on ${facts.daysMet} of ${facts.daysJudged} ${daysWord} ` +
    `and ${budgetPhrase(facts.budgetRemaining)} (${formatBudget(facts.worstWindowBudgetRemaining)} in the worst window).`
  );
}

type Intent = Omit<z.infer<typeof IntentEvaluation>, "reasoning">;

export function intentSentence(e: Intent, sloWindowSeconds: number, windowKind: z.infer<typeof WorstWindow>["kind"] | null): string {
  const digits = ratioDigits(e.objective);
  const pct = (x: number) => formatRatio(x, digits);
  const measure =
    e.fit.kind === "exact"
      ? `${formatMs(e.fit.boundarySeconds)} is a bucket boundary, so it is measured exactly`
      : e.measuredBySeconds === null
        ? `no bucket boundary lies at or below ${formatMs(e.thresholdSeconds)}, so it cannot be measured conservatively`
        : `${formatMs(e.thresholdSeconds)} is not a bucket boundary; it is measured at ${formatMs(e.measuredBySeconds)} (the boundary below, never overstating)` +
          (e.fit.upperSeconds !== null ? ` and bounded by ${formatMs(e.fit.upperSeconds)}` : "");
  const worstWord = windowKind === "slo" ? `the worst ${Math.round(sloWindowSeconds / DAY)}-day window` : windowKind === "seven_days" ? "the worst 7-day window" : "the baseline";
  const history =
    e.worstWindowSli === null
      ? ""
      : e.fit.kind === "exact" || e.worstWindowSli.lower === e.worstWindowSli.upper
        ? `; ${worstWord} reached ${pct(e.worstWindowSli.lower)}`
        : `; ${worstWord} reached between ${pct(e.worstWindowSli.lower)} and ${pct(e.worstWindowSli.upper)}`;
  const breaches =
    e.daysJudged > 0 ? `; it would have been missed on ${e.daysBreached} of ${e.daysJudged} days and in ${e.windowsBreached} of ${e.windowsEvaluated} rolling windows` : "";
  const verdict: Record<Intent["verdict"], string> = {
    supported: "History supports it",
    uncertain: "History may support it: the answer lies inside the bucket that straddles the threshold",
    not_supported: "History does not support it",
    not_measurable: "History cannot judge it",
    too_little_traffic: "There is too little traffic to judge it",
  };
  const alt: string[] = [];
  if (e.verdict !== "supported") {
    const so = e.alternatives.sameObjective;
    const st = e.alternatives.sameThreshold;
    if (so) alt.push(`${formatObjective(e.objective)} within ${formatMs(so.thresholdSeconds)} (worst window ${pct(so.worstWindowSli)})`);
    if (st && e.measuredBySeconds !== null)
      alt.push(`${formatObjective(st.objective)} within ${formatMs(e.measuredBySeconds)} (worst window ${formatRatio(st.worstWindowSli, Math.max(2, objectiveDecimals(st.objective)))})`);
  }
  const alternatives = alt.length ? `. Nearest realistic: ${alt.join(", or ")}` : "";
  return `${verdict[e.verdict]} (${e.phrasing}): ${measure}${history}${breaches}${alternatives}.`;
}
