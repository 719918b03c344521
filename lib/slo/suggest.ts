// Target suggestion: from a selection's history at each real bucket boundary, what a realistic
// (threshold, objective) is, whether the engineer's intent holds, and which days look unusual.
// Pure, no I/O: the data layer reads per-step counts (lib/schemas/suggest.ts SuggestEngineInput),
// this computes every number the wizard shows. How each is computed: docs/suggestion-and-backtest.md.
import { COMMON_OBJECTIVES, SuggestEngineInput, type SuggestResult, type SuggestWarning } from "@/lib/schemas/suggest";
import { tierWindowSeconds } from "./burn-tiers";
import { buildGrid, gapRanges } from "./suggest-grid";
import { evaluateIntent, suggest } from "./suggest-pick";
import { candidateStats, eventsPerWindow, LOW_TRAFFIC_K, neededEvents, planWindows, type CandidateStats } from "./suggest-stats";
import { unusualDays } from "./suggest-unusual";

/** Above this many selected series the wizard warns (cardinality cost of every query, and likely a too-broad regex). */
export const MANY_SERIES = 200;

export function suggestTargets(raw: SuggestEngineInput): SuggestResult {
  const input = SuggestEngineInput.parse(raw);
  const grid = buildGrid(input);
  const warnings: SuggestWarning[] = [...grid.warnings];
  // The worst window has the SLO's length; a calendar month uses the same nominal 30 days as the alert tiers.
  const sloWindowSeconds = tierWindowSeconds(input.window);
  const plan = planWindows(grid, sloWindowSeconds);
  const perWindowEvents = eventsPerWindow(grid, sloWindowSeconds);

  const sorted = [...input.candidates].sort((a, b) => a.boundarySeconds - b.boundarySeconds);
  const cands: CandidateStats[] = sorted.map((c) => candidateStats(grid, plan, c.boundarySeconds, c.good, perWindowEvents, warnings));
  selectionWarnings(input, grid, cands, plan, sloWindowSeconds, perWindowEvents, warnings);

  const ctx = { grid, plan, sloWindowSeconds, selectionLabel: input.selection.label, perWindowEvents };
  const suggestions = suggest(cands, ctx);
  const intent = input.intent ? evaluateIntent(input.intent, cands, ctx) : null;

  // Unusual days are judged at one boundary: the one measuring the intent, else the tight suggestion's,
  // else the smallest boundary already at 99 % over the baseline, else the largest.
  const reference =
    (intent?.measuredBySeconds != null ? cands.find((c) => c.boundarySeconds === intent.measuredBySeconds) : undefined) ??
    (suggestions[0] ? cands.find((c) => c.boundarySeconds === suggestions[0].thresholdSeconds) : undefined) ??
    cands.find((c) => c.sli !== null && c.sli >= 0.99) ??
    cands[cands.length - 1];

  return {
    baseline: input.baseline,
    stepSeconds: grid.step,
    window: input.window,
    windowSeconds: sloWindowSeconds,
    excluded: grid.excludedRanges,
    includedSeconds: grid.included.filter(Boolean).length * grid.step,
    days: grid.days.map(({ dayStartSeconds, includedSeconds, excludedSeconds, gapSeconds, total, judged }) => ({
      dayStartSeconds,
      includedSeconds,
      excludedSeconds,
      gapSeconds,
      total,
      judged,
    })),
    candidates: cands.map((c) => ({
      boundarySeconds: c.boundarySeconds,
      good: c.goodSum,
      total: c.totalSum,
      sli: c.sli,
      dailyGood: c.dailyGood,
      daySli: c.daySli,
      worstWindow: c.worstWindow,
      objectives: c.objectives,
    })),
    suggestions,
    intent,
    unusualDays: reference ? unusualDays(grid, reference.dailyGood) : [],
    referenceBoundarySeconds: reference?.boundarySeconds ?? null,
    traffic: { eventsPerWindow: perWindowEvents, k: LOW_TRAFFIC_K },
    warnings,
  };
}

function selectionWarnings(
  input: ReturnType<typeof SuggestEngineInput.parse>,
  grid: ReturnType<typeof buildGrid>,
  cands: readonly CandidateStats[],
  plan: ReturnType<typeof planWindows>,
  sloWindowSeconds: number,
  perWindowEvents: number,
  warnings: SuggestWarning[],
): void {
  if (cands.length === 0) warnings.push({ code: "no_candidates" });
  const total = grid.total.reduce((a, b) => a + b, 0);
  if (total === 0) warnings.push({ code: "no_traffic" });
  else
    for (const objective of COMMON_OBJECTIVES) {
      const needed = neededEvents(objective);
      if (perWindowEvents < needed) warnings.push({ code: "low_traffic", objective, eventsPerWindow: perWindowEvents, neededEvents: needed, k: LOW_TRAFFIC_K });
    }
  const gaps = gapRanges(grid);
  if (gaps.length) warnings.push({ code: "gaps", seconds: grid.gap.filter(Boolean).length * grid.step, ranges: gaps });
  if (input.resetsAtSeconds.length) warnings.push({ code: "counter_resets", atSeconds: [...input.resetsAtSeconds].sort((a, b) => a - b) });
  if (input.selection.layoutCount > 1) warnings.push({ code: "mixed_layouts", layoutCount: input.selection.layoutCount });
  if (input.selection.seriesCount > MANY_SERIES) warnings.push({ code: "many_series", seriesCount: input.selection.seriesCount, limit: MANY_SERIES });
  // A larger boundary can never hold fewer requests; where it does, the two reads were skewed.
  for (let k = 1; k < cands.length; k++) {
    const steps = cands[k].good.filter((g, i) => g < cands[k - 1].good[i]).length;
    if (steps > 0) warnings.push({ code: "non_monotonic", boundarySeconds: cands[k].boundarySeconds, steps });
  }
  const zero = grid.days.filter((d) => d.includedSeconds > 0 && d.total === 0).map((d) => d.dayStartSeconds);
  if (zero.length) warnings.push({ code: "zero_traffic_days", daysStartSeconds: zero });
  if (plan.kind !== "slo")
    warnings.push({ code: "short_baseline", worstWindowKind: plan.kind, wantedSeconds: sloWindowSeconds, baselineSeconds: grid.endSeconds - grid.startSeconds });
}
