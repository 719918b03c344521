// The contract of backtest, "had this SLO existed" (issue 16): the API request of POST
// /api/backtest, the input the pure engine (lib/slo/backtest.ts) takes from the data layer, and the
// result it returns. Types are inferred from these schemas. Units: unix seconds, ratios 0..1.
// Formulas and window-edge semantics: docs/suggestion-and-backtest.md.
import { z } from "./zod";
import { SloWindow } from "./slo";
import { BurnRateTierSchema } from "./status";
import { SloSelectionInput, TimeRange } from "./suggest";

const ratio = z.number().min(0).max(1);
const DAY = 86_400;
const BurnWindow = z.enum(["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
const TierId = z.string().regex(/^(page|ticket)-(5m|30m|1h|2h|6h|1d|3d)$/);

/** The target half of an SLO definition, plus which alert tiers are on and their `for`. */
export const BacktestTarget = z
  .object({
    thresholdSeconds: z.number().finite().gt(0).max(3600),
    objective: z.number().finite().gt(0).lt(1),
    window: SloWindow,
    minEvents: z.number().int().min(0).max(1_000_000_000).default(0),
    /** Tiers switched off (pyrra#1826), by id (`page-1h`, `ticket-3d`, …). */
    disabledTiers: z.array(TierId).max(4).default([]),
    /** The alert rules' `for`, in seconds (0 = fire at the first evaluation that holds). */
    forSeconds: z.number().int().min(0).max(86_400).default(0),
  })
  .strict();
export type BacktestTarget = z.infer<typeof BacktestTarget>;

export const BacktestDraft = z.object({ selection: SloSelectionInput, target: BacktestTarget }).strict();

/** Body of POST /api/backtest: a saved SLO, a draft, or both (edit: current and changed side by side over the same past). */
export const BacktestRequest = z
  .object({
    sloId: z.string().min(1).max(64).optional(),
    draft: BacktestDraft.optional(),
    range: TimeRange,
    /** Step in seconds; default chosen by the server's step planner. */
    stepSeconds: z.number().int().min(60).max(DAY).optional(),
  })
  .strict()
  .refine((r) => r.sloId !== undefined || r.draft !== undefined, { path: ["sloId"], message: "give sloId, draft, or both" })
  .refine((r) => r.range.endSeconds - r.range.startSeconds <= 90 * DAY, { path: ["range"], message: "at most 90 days" });
export type BacktestRequest = z.infer<typeof BacktestRequest>;

const stepCounts = z.array(z.number().finite().min(0).nullable());

/**
 * What the data layer hands the engine. Step i ends at firstStepEndSeconds + i·step and holds the
 * increases over (end − step, end]; null = no sample in the step (a gap, never zero traffic). The
 * steps must start early enough to cover the SLO window before range.start (else those moments
 * report the missing part as not covered). `windows` optionally carries counts over burn windows
 * shorter than (or not a multiple of) the step, evaluated at each step end by the backend.
 */
export const BacktestEngineInput = z
  .object({
    range: TimeRange,
    /** Divides a day, so SLO windows and calendar months are whole numbers of steps. */
    stepSeconds: z.number().int().min(1).max(DAY).refine((s) => DAY % s === 0, "must divide 86,400"),
    firstStepEndSeconds: z.number().finite(),
    good: stepCounts,
    total: stepCounts,
    /** Step ends at which the data layer saw a counter reset. */
    resetsAtSeconds: z.array(z.number()).default([]),
    windows: z.partialRecord(BurnWindow, z.object({ good: stepCounts, total: stepCounts }).strict()).default({}),
    target: BacktestTarget,
  })
  .strict();
export type BacktestEngineInput = z.input<typeof BacktestEngineInput>;

/** An interval of evaluation moments: from the first moment a condition held to the first moment it no longer did (null: still held at the end). */
export const Interval = z.object({ startSeconds: z.number(), endSeconds: z.number().nullable() });

export const BacktestPoint = z.object({
  t: z.number(),
  /** As the status page would have said at t; `no_samples`: no sample in the whole window. */
  state: z.enum(["ok", "no_data", "insufficient_data", "inconsistent", "no_samples"]),
  good: z.number(),
  total: z.number(),
  sli: ratio.nullable(),
  budgetRemaining: z.number().nullable(),
  /** Seconds of the SLO window (so far) without samples: gaps, or before the oldest step. */
  uncoveredSeconds: z.number(),
  outOfObjective: z.boolean(),
  /** Burn rate per window measurable at this step (null: no traffic or no samples). */
  burnRates: z.partialRecord(BurnWindow, z.number().nullable()),
  /** Ids of the tiers firing at t. */
  firing: z.array(TierId),
});

export const BacktestTierResult = BurnRateTierSchema.extend({
  id: TierId,
  errorRatioThreshold: z.number(),
  enabled: z.boolean(),
  /** False when the step cannot measure one of the tier's windows and the backend did not supply it. */
  evaluable: z.boolean(),
  intervals: z.array(
    Interval.extend({ pendingSinceSeconds: z.number(), peakLongBurn: z.number(), peakShortBurn: z.number() }),
  ),
  firingCount: z.number().int(),
  /** Seconds firing inside the range (an ongoing interval counts up to the last moment). */
  firingSeconds: z.number(),
});

export const BacktestWarning = z.discriminatedUnion("code", [
  z.object({ code: z.literal("gaps"), seconds: z.number(), ranges: z.array(TimeRange) }),
  z.object({ code: z.literal("counter_resets"), atSeconds: z.array(z.number()) }),
  z.object({ code: z.literal("tier_not_evaluable"), tier: TierId, window: BurnWindow, stepSeconds: z.number() }),
  z.object({ code: z.literal("history_short"), moments: z.number().int() }),
  z.object({ code: z.literal("good_exceeds_total"), steps: z.number().int(), excess: z.number() }),
]);
export type BacktestWarning = z.infer<typeof BacktestWarning>;

export const BacktestResult = z.object({
  range: TimeRange,
  stepSeconds: z.number(),
  target: BacktestTarget,
  points: z.array(BacktestPoint),
  tiers: z.array(BacktestTierResult),
  budget: z.object({ firstExhaustedAtSeconds: z.number().nullable(), exhausted: z.array(Interval) }),
  outOfObjective: z.array(Interval),
  warnings: z.array(BacktestWarning),
});
export type BacktestResult = z.infer<typeof BacktestResult>;

/** Response of POST /api/backtest: one result per definition asked for, over the same range and steps. */
export const BacktestResponse = z.object({
  current: BacktestResult.nullable(),
  draft: BacktestResult.nullable(),
  /** Every request sent to the backend, in order; `warnings`: what the data layer noticed (profile, layout, step), in words. */
  source: z.object({ queries: z.array(z.string()), warnings: z.array(z.string()).optional() }),
});
export type BacktestResponse = z.infer<typeof BacktestResponse>;
