// The contract of target suggestion (issue 16): the API request of POST /api/suggest, the input the
// pure engine (lib/slo/suggest.ts) takes from the data layer, and the result it returns (which the
// response carries whole). Types are inferred from these schemas (ARCHITECTURE.md §2).
// Units: times are unix seconds (`…Seconds`), durations `…Seconds`, ratios 0..1. Formulas:
// docs/suggestion-and-backtest.md.
import { z } from "./zod";
import { promRegexProblem } from "./regex";
import { LabelMatcher, OperationMatch, SloWindow, SpanKind } from "./slo";

const ratio = z.number().min(0).max(1);
const objective = z.number().finite().gt(0).lt(1);
const unixSeconds = z.number().finite().min(0).max(4_102_444_800);
const DAY = 86_400;

/** Which spans an SLO counts: the selection half of an SLO definition (no target, no bookkeeping). */
export const SloSelectionInput = z
  .object({
    datasourceId: z.string().min(1).max(64),
    service: z.string().min(1).max(256),
    operation: z.string().min(1).max(512),
    operationMatch: OperationMatch.default("exact"),
    spanKind: SpanKind.nullable().default(null),
    extraMatchers: z.array(LabelMatcher).max(10).default([]),
    countErrorsAsBad: z.boolean().default(false),
  })
  .strict()
  .superRefine((s, ctx) => {
    const problem = s.operationMatch === "regex" ? promRegexProblem(s.operation) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["operation"], message: problem });
  });
export type SloSelectionInput = z.infer<typeof SloSelectionInput>;

/** A time range [startSeconds, endSeconds), e.g. a brushed known-bad period. */
export const TimeRange = z
  .object({ startSeconds: unixSeconds, endSeconds: unixSeconds })
  .strict()
  .refine((r) => r.endSeconds > r.startSeconds, { path: ["endSeconds"], message: "must be after startSeconds" });
export type TimeRange = z.infer<typeof TimeRange>;

export const Exclusion = z
  .object({ startSeconds: unixSeconds, endSeconds: unixSeconds, note: z.string().trim().max(200).default("") })
  .strict()
  .refine((r) => r.endSeconds > r.startSeconds, { path: ["endSeconds"], message: "must be after startSeconds" });
export type Exclusion = z.infer<typeof Exclusion>;

/**
 * What the engineer wants, in either phrasing: "99 % under 300 ms" (objective + threshold) or
 * "p99 ≤ 250 ms" (percentile + threshold). Both mean: at least that fraction of requests within the threshold.
 */
export const SuggestIntent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("objective"), objective, thresholdSeconds: z.number().finite().gt(0).max(3600) }).strict(),
  z.object({ kind: z.literal("percentile"), percentile: objective, thresholdSeconds: z.number().finite().gt(0).max(3600) }).strict(),
]);
export type SuggestIntent = z.infer<typeof SuggestIntent>;

/** Body of POST /api/suggest. The server reads the counts itself; clients never send PromQL. */
export const SuggestRequest = z
  .object({
    selection: SloSelectionInput,
    /** Baseline to learn from; at most 90 days, default the last 28 days (server side). */
    baseline: TimeRange.optional(),
    exclusions: z.array(Exclusion).max(50).default([]),
    window: SloWindow.default({ kind: "rolling", days: 28 }),
    intent: SuggestIntent.nullable().default(null),
  })
  .strict()
  .refine((r) => !r.baseline || r.baseline.endSeconds - r.baseline.startSeconds <= 90 * DAY, { path: ["baseline"], message: "at most 90 days" });
export type SuggestRequest = z.infer<typeof SuggestRequest>;

/** Counts per step: index i covers [startSeconds + i·step, startSeconds + (i+1)·step). null = no sample (a gap), 0 = no traffic. */
const stepCounts = z.array(z.number().finite().min(0).nullable());

/**
 * What the data layer hands the pure engine. `total` and each candidate's `good` are aligned
 * arrays of increases per step (hourly is the default: exclusions are arbitrary brushed ranges and
 * rolling windows slide by it). `good` is null exactly where `total` is null.
 */
export const SuggestEngineInput = z
  .object({
    baseline: TimeRange,
    /** Divides a day (60, 300, 900, 3600 …) so steps tile UTC days. */
    stepSeconds: z.number().int().min(60).max(DAY).refine((s) => DAY % s === 0, "must divide 86,400"),
    total: stepCounts,
    /** One per real bucket boundary common to every selected series (seconds), ascending, +Inf excluded. */
    candidates: z.array(z.object({ boundarySeconds: z.number().finite().gt(0), good: stepCounts }).strict()).max(64),
    exclusions: z.array(Exclusion).default([]),
    /** Step starts (unix seconds) at which the data layer saw a counter reset (PromQL resets() > 0). */
    resetsAtSeconds: z.array(unixSeconds).default([]),
    window: SloWindow,
    intent: SuggestIntent.nullable().default(null),
    /** Words for the sentence ("checkout PlaceOrder") and facts about the selection. */
    selection: z.object({ label: z.string().max(300), seriesCount: z.number().int().min(0), layoutCount: z.number().int().min(0) }).strict(),
  })
  .strict();
export type SuggestEngineInput = z.input<typeof SuggestEngineInput>;

export { COMMON_OBJECTIVES } from "./values";

export const SuggestDay = z.object({
  dayStartSeconds: z.number(),
  /** Seconds of this UTC day inside the baseline that count: not excluded and not a gap. */
  includedSeconds: z.number(),
  excludedSeconds: z.number(),
  gapSeconds: z.number(),
  /** Requests in the included part of the day (shared by every candidate). */
  total: z.number(),
  /** Judged when it has traffic and at least half of the day is included (see the doc). */
  judged: z.boolean(),
});

export const WorstWindow = z.object({
  /** `slo`: the SLO's own length; `seven_days`: the baseline is shorter than it; `whole_baseline`: shorter than 7 days too. */
  kind: z.enum(["slo", "seven_days", "whole_baseline"]),
  seconds: z.number(),
  startSeconds: z.number(),
  endSeconds: z.number(),
  good: z.number(),
  total: z.number(),
  sli: ratio,
});

export const ObjectiveFit = z.object({
  objective,
  daysMet: z.number().int(),
  daysJudged: z.number().int(),
  /** Budget left over the whole baseline (1 − bad ÷ ((1 − objective) × total)); negative = overspent. */
  budgetRemaining: z.number().nullable(),
  /** Budget left in the worst window. */
  worstWindowBudgetRemaining: z.number().nullable(),
  /** Expected requests per SLO window reach k ÷ (1 − objective). */
  enoughTraffic: z.boolean(),
});

export const SuggestCandidate = z.object({
  boundarySeconds: z.number(),
  good: z.number(),
  total: z.number(),
  /** Event-weighted over the included baseline; null without traffic. */
  sli: ratio.nullable(),
  /** Good requests per entry of `days` (totals are in `days`), so every sentence can be re-derived. */
  dailyGood: z.array(z.number()),
  /** Over judged days, nearest-rank percentiles. */
  daySli: z.object({ min: ratio, p5: ratio, median: ratio }).nullable(),
  worstWindow: WorstWindow.nullable(),
  objectives: z.array(ObjectiveFit),
});

export const SuggestionFacts = z.object({
  baselineDays: z.number().int(),
  excluded: z.array(TimeRange),
  selectionLabel: z.string(),
  sli: ratio,
  worstWindow: WorstWindow,
  daysMet: z.number().int(),
  daysJudged: z.number().int(),
  budgetRemaining: z.number(),
  worstWindowBudgetRemaining: z.number(),
});

export const Suggestion = z.object({
  kind: z.enum(["tight", "comfortable"]),
  thresholdSeconds: z.number(),
  objective,
  /** One sentence; every number in it is a field of `facts` (formatted by lib/slo/format.ts). */
  reasoning: z.string(),
  facts: SuggestionFacts,
});

export const UnusualDay = z.object({
  dayStartSeconds: z.number(),
  badRatio: ratio,
  medianBadRatio: ratio,
  /** Bad requests above what the median day's ratio would have given. */
  excessBad: z.number(),
});

export const IntentEvaluation = z.object({
  objective,
  thresholdSeconds: z.number(),
  phrasing: z.string(),
  /** Where the threshold falls among the boundaries; the conservative (lower) one measures it. */
  fit: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("exact"), boundarySeconds: z.number() }),
    z.object({ kind: z.literal("between"), lowerSeconds: z.number().nullable(), upperSeconds: z.number().nullable() }),
  ]),
  measuredBySeconds: z.number().nullable(),
  /** Baseline and worst-window SLI at the measuring boundary (lower) and at the boundary above (upper; equal when exact). */
  sli: z.object({ lower: ratio, upper: ratio }).nullable(),
  worstWindowSli: z.object({ lower: ratio, upper: ratio }).nullable(),
  verdict: z.enum(["supported", "uncertain", "not_supported", "not_measurable", "too_little_traffic"]),
  daysBreached: z.number().int(),
  daysJudged: z.number().int(),
  /** Rolling windows (one ending at each step) that would have been out of objective. */
  windowsBreached: z.number().int(),
  windowsEvaluated: z.number().int(),
  alternatives: z.object({
    /** Smallest boundary at which the worst window keeps ≥ 25 % of the intent's budget. */
    sameObjective: z.object({ thresholdSeconds: z.number(), worstWindowSli: ratio, worstWindowBudgetRemaining: z.number() }).nullable(),
    /** Highest common objective the measuring boundary sustains with ≥ 25 % of the worst window's budget. */
    sameThreshold: z.object({ objective, worstWindowSli: ratio, worstWindowBudgetRemaining: z.number() }).nullable(),
  }),
  reasoning: z.string(),
});

export const SuggestWarning = z.discriminatedUnion("code", [
  z.object({ code: z.literal("no_traffic") }),
  z.object({ code: z.literal("no_candidates") }),
  z.object({ code: z.literal("low_traffic"), objective, eventsPerWindow: z.number(), neededEvents: z.number(), k: z.number() }),
  z.object({ code: z.literal("gaps"), seconds: z.number(), ranges: z.array(TimeRange) }),
  z.object({ code: z.literal("counter_resets"), atSeconds: z.array(z.number()) }),
  z.object({ code: z.literal("mixed_layouts"), layoutCount: z.number().int() }),
  z.object({ code: z.literal("many_series"), seriesCount: z.number().int(), limit: z.number().int() }),
  z.object({ code: z.literal("good_exceeds_total"), boundarySeconds: z.number(), steps: z.number().int(), excess: z.number() }),
  z.object({ code: z.literal("non_monotonic"), boundarySeconds: z.number(), steps: z.number().int() }),
  z.object({ code: z.literal("zero_traffic_days"), daysStartSeconds: z.array(z.number()) }),
  z.object({ code: z.literal("short_baseline"), worstWindowKind: z.enum(["seven_days", "whole_baseline"]), wantedSeconds: z.number(), baselineSeconds: z.number() }),
  z.object({ code: z.literal("exclusion_widened"), requested: TimeRange, effective: TimeRange }),
  z.object({ code: z.literal("exclusion_outside_baseline"), requested: TimeRange }),
]);
export type SuggestWarning = z.infer<typeof SuggestWarning>;

export const SuggestResult = z.object({
  baseline: TimeRange,
  stepSeconds: z.number(),
  window: SloWindow,
  /** Length the worst window would ideally have: the rolling days, or a nominal 30-day month. */
  windowSeconds: z.number(),
  /** Exclusions as applied: widened to whole steps, clipped to the baseline, merged. */
  excluded: z.array(TimeRange),
  includedSeconds: z.number(),
  days: z.array(SuggestDay),
  candidates: z.array(SuggestCandidate),
  suggestions: z.array(Suggestion),
  intent: IntentEvaluation.nullable(),
  /** Days whose bad ratio at the reference boundary is far above the rest (median/MAD rule). */
  unusualDays: z.array(UnusualDay),
  referenceBoundarySeconds: z.number().nullable(),
  traffic: z.object({ eventsPerWindow: z.number(), k: z.number() }),
  warnings: z.array(SuggestWarning),
});
export type SuggestResult = z.infer<typeof SuggestResult>;

/**
 * The history view's time series (one point per step of the baseline, hourly by default; the
 * server coarsens it for long baselines). Percentiles are bucket-resolution estimates: the rank's
 * bucket is found from the cumulative counts and the value interpolated linearly inside it, as
 * histogram_quantile does; null without traffic, and capped at the highest finite boundary.
 */
export const SuggestHistoryPoint = z.object({
  startSeconds: z.number(),
  /** Requests in this step; null = no samples (a gap), 0 = no traffic. */
  total: z.number().nullable(),
  p50Seconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  p99Seconds: z.number().nullable(),
});
export const SuggestHistory = z.object({
  stepSeconds: z.number(),
  points: z.array(SuggestHistoryPoint),
});

/** What the backend holds for the selection: the baseline is bounded by its oldest sample. */
export const SuggestDataRange = z.object({
  /** Oldest sample of the selection's series the backend still holds (unix seconds); null when none. */
  oldestSampleSeconds: z.number().nullable(),
  /** The baseline asked for, before it was clipped to the data. */
  requested: TimeRange,
  clipped: z.boolean(),
});

/** The selection as the backend sees it (layout reader, both producers). */
export const SuggestSelectionFacts = z.object({
  profile: z.object({ id: z.string(), histogram: z.string(), unit: z.enum(["seconds", "milliseconds"]) }),
  seriesCount: z.number().int(),
  /** Distinct bucket layouts among the series (mixed when > 1). */
  layoutCount: z.number().int(),
  /** Real boundaries common to every series, in seconds, ascending (+Inf excluded). */
  boundariesSeconds: z.array(z.number()),
});

/** Response of POST /api/suggest: the engine's result plus the history view and what was sent to the backend. */
export const SuggestResponse = SuggestResult.extend({
  history: SuggestHistory,
  dataRange: SuggestDataRange,
  selectionFacts: SuggestSelectionFacts,
  /** Every request sent to the backend, in order; `warnings`: what the data layer noticed (profile, layout, step), in words. */
  source: z.object({ queries: z.array(z.string()), warnings: z.array(z.string()).optional() }),
});
export type SuggestResponse = z.infer<typeof SuggestResponse>;
