// The documented shape of GET /api/overview (issue 19): every active SLO's SLI, budget left, worst
// burn rate, state and 7-day trend in one response, computed server-side in batches (docs/overview.md).
// Every number means exactly what GET /api/slos/:id/status means by it (lib/schemas/status.ts): the
// overview is the same engine (lib/slo evaluateSli) fed by grouped queries instead of one per SLO.
// Units: times are unix seconds (`at`, `t`), durations `…Seconds`, ratios 0..1.
import { z } from "./zod";
import { queryTime } from "./query";
import { SloWindow } from "./slo-dto";

const ratio = z.number().min(0).max(1);
const BurnWindow = z.enum(["5m", "30m", "1h", "2h", "6h", "1d", "3d"]);

export const OverviewQuery = z
  .object({
    /** Only SLOs of this team (exact match). */
    team: z.string().min(1).max(200).optional(),
    /** Only SLOs of this service (exact match). */
    service: z.string().min(1).max(200).optional(),
    /** Evaluate as of this moment (unix seconds or RFC 3339). Default: now. */
    at: queryTime.optional(),
  })
  .strict();
export type OverviewQuery = z.infer<typeof OverviewQuery>;

/**
 * How an SLO's numbers were read:
 * - `raw`: grouped queries over the span-metric histogram (the same counts status reads);
 * - `recorded`: the generated recording rules' `sightline_slo:*` series (rules deployed and evaluated);
 * - `unavailable`: its datasource did not answer (timeout, down, bad response); `problem` says why.
 */
export const OverviewPath = z.enum(["raw", "recorded", "unavailable"]);
export type OverviewPath = z.infer<typeof OverviewPath>;

/**
 * One state per SLO, worst first:
 * - `unavailable`: the datasource did not answer; no numbers.
 * - `no_data`: no request in the window (0/0): no SLI, no budget (never shown as 100 %).
 * - `exhausted`: budgetRemaining ≤ 0 (the whole error budget of the window is spent).
 * - `at_risk`: budget left but either a burn-rate tier is exceeded (both its long and short window
 *   burn at or above the tier's factor, lib/slo/burn-tiers.ts: page 14.4×/6×, ticket 3×/1× at 30 d),
 *   or less than a quarter of the budget is left (budgetRemaining < 0.25, the status page's warning tone).
 * - `ok`: none of the above.
 * An SLO below its minEvents or with inconsistent counts keeps its state by the numbers; `measurement`
 * carries the status engine's own state (`insufficient_data`, `inconsistent`) so the UI can say so.
 */
export const OverviewState = z.enum(["ok", "at_risk", "exhausted", "no_data", "unavailable"]);
export type OverviewState = z.infer<typeof OverviewState>;

/** Budget below this share counts as at risk (the status page's warning tone, lib/client/status/describe.ts). */
export const AT_RISK_BUDGET_REMAINING = 0.25;


export const OverviewFiringTier = z.object({
  /** `page-1h`, `page-6h`, `ticket-1d`, `ticket-3d` (the generated alert's sightline_tier label). */
  tier: z.string(),
  severity: z.enum(["page", "ticket"]),
});

export const OverviewSlo = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  team: z.string(),
  owner: z.string(),
  service: z.string(),
  operation: z.string(),
  objective: ratio,
  thresholdSeconds: z.number(),
  window: SloWindow,
  datasource: z.object({ id: z.string(), name: z.string() }),
  path: OverviewPath,
  state: OverviewState,
  /** The status engine's state (lib/slo/status.ts); null when unavailable. */
  measurement: z.enum(["ok", "no_data", "insufficient_data", "inconsistent"]).nullable(),
  /** Counts over the window (after consistency clamping); null when unavailable. */
  good: z.number().nullable(),
  total: z.number().nullable(),
  /** good ÷ total over the window; null without traffic or when unavailable. Lower bound when not exact. */
  sli: ratio.nullable(),
  /** Set when the threshold sits between bucket boundaries: the SLI lies in [lower, upper]. */
  sliBounds: z.object({ lower: ratio, upper: ratio }).nullable(),
  /** Threshold is a bucket boundary of every selected series; null when unknown (unavailable, recorded). */
  exact: z.boolean().nullable(),
  /** 1 − consumed: may be negative (overspent); null without traffic or when unavailable. */
  budgetRemaining: z.number().max(1).nullable(),
  /**
   * The long window of the most severe exceeded tier, else the highest burn rate over any look-back
   * (same rule as the status page); null when no look-back had traffic.
   */
  worstBurnRate: z.object({ window: BurnWindow, rate: z.number().min(0), severity: z.enum(["page", "ticket"]).nullable() }).nullable(),
  /**
   * 7 days of event-weighted SLI (good ÷ total) per `trend.stepSeconds` step, oldest first: value k
   * covers (trend.fromSeconds + k·step, trend.fromSeconds + (k+1)·step]; null for a step without
   * traffic (a gap, never 100 %); empty when unavailable. Bare values, no timestamps: 10,000 SLOs
   * would otherwise carry 280,000 copies of the same 28 instants.
   */
  trend7d: z.array(ratio.nullable()),
  /** Generated burn-rate alerts firing now (from ALERTS); null when no generated rules are deployed for it. */
  firing: z.array(OverviewFiringTier).nullable(),
  /** Why there are no numbers (unavailable), in words; null otherwise. */
  problem: z.string().nullable(),
});
export type OverviewSlo = z.infer<typeof OverviewSlo>;

export const OverviewGroup = z.object({
  datasource: z.object({ id: z.string(), name: z.string() }),
  path: OverviewPath,
  sloCount: z.number().int(),
  /** Producer profile the SLOs were read with; null when it could not be detected. */
  profile: z.enum(["tempo", "otel"]).nullable(),
  /** Every PromQL text sent for this group (never accepted from clients). */
  queries: z.array(z.string()),
  /** Wall time this group's backend requests took, milliseconds. */
  backendMs: z.number(),
  problem: z.string().nullable(),
});
export type OverviewGroup = z.infer<typeof OverviewGroup>;

export const OverviewResponse = z.object({
  /** Evaluation moment, unix seconds. */
  at: z.number(),
  trend: z.object({ stepSeconds: z.number().int(), fromSeconds: z.number(), toSeconds: z.number() }),
  slos: z.array(OverviewSlo),
  /** One per datasource (and path) that served SLOs. */
  groups: z.array(OverviewGroup),
  totals: z.object({
    total: z.number().int(),
    ok: z.number().int(),
    at_risk: z.number().int(),
    exhausted: z.number().int(),
    no_data: z.number().int(),
    unavailable: z.number().int(),
  }),
  warnings: z.array(z.string()),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;
