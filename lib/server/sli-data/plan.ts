// The queries one SLO evaluation needs, batched, and how their answers become counts. No I/O.
// Round trips: one instant query carries the window counts (at the count boundary and, when the
// threshold is not a boundary, at the upper neighbour), every burn window, freshness and the head
// step; one range query carries the per-step increases. Parts are tagged with PART_LABEL.
import { render, type Expr, type PromQL } from "@/lib/promql/ast";
import { spellingsFor, type BucketLayout, type FitDecision } from "@/lib/promql/buckets";
import type { ProducerProfile } from "@/lib/promql/profiles";
import { goodQuery, lastSampleQuery, PART_LABEL, taggedUnion, totalQuery, type SloSelection } from "@/lib/promql/slo-queries";
import { MAX_POINTS } from "@/lib/promql/step";
import { BURN_WINDOWS, BURN_WINDOW_SECONDS, type CountPair, type ResolvedWindow } from "@/lib/slo/types";
import type { Sample } from "../metrics/schemas";

export interface StepPlan {
  stepSeconds: number;
  /** Full steps ending at atSeconds, atSeconds − step, …; the range query evaluates these ends. */
  fullSteps: number;
  /** Seconds of the partial first step starting at the window start (0 when the step divides the window). */
  headSeconds: number;
  raised: boolean;
}

export function planSteps(window: ResolvedWindow, requestedStepSeconds: number): StepPlan {
  const d = window.durationSeconds;
  const stepSeconds = Math.max(Math.round(requestedStepSeconds), Math.ceil(d / (MAX_POINTS - 1)), 1);
  const fullSteps = Math.floor(d / stepSeconds);
  return { stepSeconds, fullSteps, headSeconds: d - fullSteps * stepSeconds, raised: stepSeconds > requestedStepSeconds };
}

export interface CountsPlan {
  instant: PromQL;
  /** Range query of the per-step good/total, null when there are no full steps to evaluate. */
  range: PromQL | null;
}

/** Parts of the instant query. `good*` parts are absent when there is no boundary below the threshold. */
export function planCounts(
  slo: SloSelection,
  profile: ProducerProfile,
  layout: BucketLayout,
  decision: FitDecision,
  window: ResolvedWindow,
  steps: StepPlan | null,
): CountsPlan {
  const pair = (tag: string, seconds: number) => pairParts(slo, profile, layout, decision, tag, seconds);
  const parts: { tag: string; expr: Expr }[] = [{ tag: "last", expr: lastSampleQuery(slo, profile) }];
  // A calendar month evaluated at its first instant has an empty window: nothing to count.
  if (window.durationSeconds > 0) {
    parts.push(...pair("window", window.durationSeconds));
    if (decision.upperBoundary !== null)
      parts.push({ tag: "upper_window", expr: goodQuery(slo, profile, spellingsFor(layout, decision.upperBoundary), window.durationSeconds) });
  }
  for (const w of BURN_WINDOWS) parts.push(...pair(w, BURN_WINDOW_SECONDS[w]));
  let range: PromQL | null = null;
  if (steps && steps.fullSteps > 0) range = render(taggedUnion(pair("step", steps.stepSeconds)));
  return { instant: render(taggedUnion(parts)), range };
}

/** good_<tag> and total_<tag> over `seconds`; no good part when there is no boundary below the threshold. */
function pairParts(
  slo: SloSelection,
  profile: ProducerProfile,
  layout: BucketLayout,
  decision: FitDecision,
  tag: string,
  seconds: number,
): { tag: string; expr: Expr }[] {
  const low = decision.countBoundary === null ? null : spellingsFor(layout, decision.countBoundary);
  return [
    { tag: `total_${tag}`, expr: totalQuery(slo, profile, seconds) },
    ...(low ? [{ tag: `good_${tag}`, expr: goodQuery(slo, profile, low, seconds) }] : []),
  ];
}

/** The partial first step (window start .. start + head), evaluated at its own end: tags good_head/total_head. */
export const planHead = (slo: SloSelection, profile: ProducerProfile, layout: BucketLayout, decision: FitDecision, headSeconds: number): PromQL =>
  render(taggedUnion(pairParts(slo, profile, layout, decision, "head", headSeconds)));

/** Values of the instant answer by tag. A missing part means no series had data: zero traffic. */
export function readParts(samples: readonly Sample[]): { values: Map<string, number>; warnings: string[] } {
  const values = new Map<string, number>();
  const warnings: string[] = [];
  for (const s of samples) {
    const tag = s.labels[PART_LABEL];
    if (tag === undefined) continue;
    if (!Number.isFinite(s.value)) {
      warnings.push(`${tag} came back as ${s.value}; counted as 0`);
      continue;
    }
    values.set(tag, s.value);
  }
  return { values, warnings };
}

export const pairOf = (values: Map<string, number>, tag: string): CountPair => ({
  good: values.get(`good_${tag}`) ?? 0,
  total: values.get(`total_${tag}`) ?? 0,
});
