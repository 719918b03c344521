// The documented shape of GET /api/slos/:id/status and GET /api/slos/:id/timeseries. The server
// builds these from lib/slo's types; tests parse real responses with these schemas so the contract
// cannot drift, and the UI and API clients parse what they receive with them.
// Units: times are unix seconds (`…At`, `t`), durations are `…Seconds`, ratios are 0..1.
import { z } from "./zod";
import { queryInt, queryTime } from "./query";
import { SloWindow } from "./slo-dto";

const BurnWindow = z.enum(["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);
const ratio = z.number().min(0).max(1);

const ResolvedWindow = z.object({ startSeconds: z.number(), endSeconds: z.number(), durationSeconds: z.number(), label: z.string() });

const ThresholdFit = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("exact"), boundarySeconds: z.number() }),
  z.object({ kind: z.literal("between"), lowerSeconds: z.number().nullable(), upperSeconds: z.number().nullable() }),
]);

const Warning = z.union([
  z.object({ code: z.literal("good_exceeds_total"), good: z.number(), total: z.number(), excess: z.number(), scope: z.string() }),
  z.object({ code: z.literal("invalid_counts"), good: z.number(), total: z.number(), scope: z.string() }),
  z.object({ code: z.literal("below_min_events"), total: z.number(), minEvents: z.number() }),
  z.object({ code: z.literal("bounds_inverted"), lower: z.number(), upper: z.number() }),
]);

export const ErrorBudget = z.object({
  allowedBadFraction: ratio,
  badEvents: z.number(),
  allowedBadEvents: z.number(),
  /** Fraction of the budget spent; above 1 is overspent. */
  consumed: z.number().min(0),
  /** 1 − consumed; negative when overspent. */
  remaining: z.number().max(1),
  remainingRequests: z.number(),
  secondsToExhaustion: z.number().nullable(),
  exhaustion: z.enum(["burning", "exhausted", "not_burning", "no_recent_traffic", "outlasts_window", "unknown"]),
});

export const BurnRate = z.object({
  window: BurnWindow,
  windowSeconds: z.number(),
  good: z.number(),
  total: z.number(),
  errorRatio: ratio.nullable(),
  rate: z.number().min(0).nullable(),
  reason: z.enum(["no_traffic", "not_measured", "inconsistent"]).nullable(),
});

export const SliStatusSchema = z.object({
  state: z.enum(["ok", "no_data", "insufficient_data", "inconsistent"]),
  evaluatedAt: z.number(),
  window: ResolvedWindow,
  nominalWindowSeconds: z.number(),
  objective: ratio,
  good: z.number(),
  total: z.number(),
  sli: ratio.nullable(),
  sliBounds: z.object({ lower: ratio, upper: ratio }).nullable(),
  budget: ErrorBudget.nullable(),
  burnRates: z.array(BurnRate),
  noData: z.object({ seconds: z.number(), sinceSeconds: z.number(), samplesSeen: z.boolean() }).nullable(),
  warnings: z.array(Warning),
});

export const BurnRateTierSchema = z.object({
  severity: z.enum(["page", "ticket"]),
  longWindow: BurnWindow,
  shortWindow: BurnWindow,
  longWindowSeconds: z.number(),
  shortWindowSeconds: z.number(),
  budgetFraction: ratio,
  factor: z.number().positive(),
});

export const BurnDownPointSchema = z.object({
  t: z.number(),
  good: z.number(),
  total: z.number(),
  cumulativeGood: z.number(),
  cumulativeTotal: z.number(),
  sli: ratio.nullable(),
  budgetRemaining: z.number().nullable(),
  zeroTraffic: z.boolean(),
  inconsistent: z.boolean(),
  /** No samples in this step (a scrape gap): draw a gap, not zero traffic. Absent = false. */
  gap: z.boolean().optional(),
});

/** Requests a per-step chart cannot place: counted over the whole range but in no step (they span a scrape gap). */
export const UnplacedRequests = z.object({ gapSteps: z.number().int(), requests: z.number() });

export const SloStatusResponse = z.object({
  slo: z.object({ id: z.string(), slug: z.string(), name: z.string(), objective: ratio, thresholdSeconds: z.number(), window: SloWindow }),
  status: SliStatusSchema,
  exactness: z.object({
    fit: ThresholdFit,
    /** True when the threshold is a bucket boundary of every selected series. */
    exact: z.boolean(),
    /** Boundaries shared by every series: thresholds that would be exact. */
    offeredThresholdsSeconds: z.array(z.number()),
    mixedLayouts: z.boolean(),
    seriesCount: z.number().int(),
    /** No series found; the producer's default buckets were assumed. */
    layoutAssumed: z.boolean(),
  }),
  freshness: z.object({ lastSampleAt: z.number().nullable(), ageSeconds: z.number().nullable() }),
  /** Multi-window multi-burn-rate alert tiers derived from the SLO window (SRE workbook budget fractions). */
  burnRateTiers: z.array(BurnRateTierSchema),
  burnDown: z.array(BurnDownPointSchema).nullable(),
  /** With the burn-down: gap steps and the requests of the window no step shows. */
  burnDownUnplaced: UnplacedRequests.nullable().optional(),
  source: z.object({
    endpoint: z.string(),
    profile: z.object({ id: z.enum(["tempo", "otel"]), histogram: z.string(), unit: z.enum(["seconds", "milliseconds"]) }),
    /** The PromQL Sightline generated and sent, for transparency (never accepted from clients). */
    queries: z.array(z.string()),
  }),
  warnings: z.array(z.string()),
});
export type SloStatusResponse = z.infer<typeof SloStatusResponse>;

export const StatusQuery = z
  .object({
    /** Evaluate as of this moment (unix seconds or RFC 3339), for postmortems and reproducible checks. Default: now. */
    at: queryTime.optional(),
    /** Include the burn-down across the window at this step, in seconds (min 60). */
    burnDownStep: queryInt(60, 86_400).optional(),
  })
  .strict();

export const TimeseriesQuery = z
  .object({
    from: queryTime,
    to: queryTime,
    /** Step in seconds; default picks ~240 points; raised to stay under 11,000 points. */
    step: queryInt(15, 86_400).optional(),
  })
  .strict()
  .refine((q) => q.to > q.from, { path: ["to"], message: "must be after from" })
  .refine((q) => q.to - q.from <= 93 * 86_400, { path: ["from"], message: "at most 93 days" });

export const TimeseriesPoint = z.object({
  /** Step end, unix seconds; counts are increases over (t − step, t]. */
  t: z.number(),
  good: z.number(),
  total: z.number(),
  /** good ÷ total for this step; null with no traffic (a gap in the chart, never 100 %). */
  sli: ratio.nullable(),
  requestsPerSecond: z.number(),
  /** No samples in this step (a scrape gap): good/total read 0 but it is not zero traffic. Absent = false. */
  gap: z.boolean().optional(),
});

export const SloTimeseriesResponse = z.object({
  from: z.number(),
  to: z.number(),
  stepSeconds: z.number(),
  exact: z.boolean(),
  points: z.array(TimeseriesPoint),
  /** Requests counted over the range that no step shows (present when some step is a gap). */
  unplaced: UnplacedRequests.optional(),
  warnings: z.array(z.string()),
});
export type SloTimeseriesResponse = z.infer<typeof SloTimeseriesResponse>;
