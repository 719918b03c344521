// The contract of GET /api/slos/:id/attribution (issue 19, item 4): which operation, span kind,
// status code or other label spent the error budget over a window. Built by
// lib/server/slo/attribution.ts from lib/slo/attribution.ts; the UI parses what it receives with it.
// Units: times unix seconds, durations seconds, shares are fractions (budgetShare above 1 = overspent).
import { z } from "./zod";
import { parseDuration } from "@/lib/promql/duration";
import { queryTime } from "./query";

const DAY = 86_400;
export const MIN_ATTRIBUTION_WINDOW_SECONDS = 300;
export const MAX_ATTRIBUTION_WINDOW_SECONDS = 90 * DAY;

/** A PromQL-style duration (`1h`, `7d`, `1d12h`) in whole seconds, 5 minutes to 90 days. */
export const queryWindow = z
  .string()
  .max(24)
  .transform((text, ctx) => {
    const s = parseDuration(text);
    if (s === null || !Number.isInteger(s)) {
      ctx.addIssue({ code: "custom", message: "must be a duration such as 1h, 7d or 1d12h (whole seconds)" });
      return z.NEVER;
    }
    return s;
  })
  .pipe(z.number().min(MIN_ATTRIBUTION_WINDOW_SECONDS, { message: "must be at least 5m" }).max(MAX_ATTRIBUTION_WINDOW_SECONDS, { message: "must be at most 90d" }));

export const AttributionQuery = z
  .object({
    /** End of the window (unix seconds or RFC 3339); default now. */
    at: queryTime.optional(),
    /** Length of the window ending at `at`; default the SLO's own window (a calendar month: month to date). */
    window: queryWindow.optional(),
  })
  .strict();
export type AttributionQuery = z.infer<typeof AttributionQuery>;

const share = z.number().min(0).nullable();
const ValueShare = z.object({
  bad: z.number().min(0),
  total: z.number().min(0),
  /** bad ÷ the requests the objective allows to be bad over the window. */
  budgetShare: share,
  /** bad ÷ all bad requests of the window. */
  badShare: share,
  /** With the threshold between boundaries: bad counted at the upper boundary (the least it can be). */
  badLowerBound: z.number().min(0).optional(),
});

export const AttributionDimension = z.object({
  kind: z.enum(["operation", "span_kind", "status_code", "label"]),
  /** The Prometheus label (as the producer names it). */
  label: z.string(),
  values: z.array(ValueShare.extend({ value: z.string() })),
  other: ValueShare.extend({ valueCount: z.number().int().min(1) }).nullable(),
  valueCount: z.number().int().min(2),
});
export type AttributionDimension = z.infer<typeof AttributionDimension>;

export const AttributionResponse = z.object({
  slo: z.object({ id: z.string(), slug: z.string(), name: z.string(), objective: z.number(), thresholdSeconds: z.number() }),
  window: z.object({ startSeconds: z.number(), endSeconds: z.number(), durationSeconds: z.number().min(0), label: z.string() }),
  /** How the threshold fits the buckets, as in the status response; `between`: bad is counted at the lower neighbour (as the status budget). */
  fit: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("exact"), boundarySeconds: z.number() }),
    z.object({ kind: z.literal("between"), lowerSeconds: z.number().nullable(), upperSeconds: z.number().nullable() }),
  ]),
  totals: z.object({
    good: z.number().min(0),
    total: z.number().min(0),
    bad: z.number().min(0),
    allowedBadEvents: z.number().min(0),
    /** bad ÷ allowedBadEvents; null without traffic. */
    budgetConsumed: z.number().min(0).nullable(),
    badLowerBound: z.number().min(0).optional(),
  }),
  dimensions: z.array(AttributionDimension),
  fixed: z.array(z.object({ kind: AttributionDimension.shape.kind, label: z.string(), value: z.string() })),
  /** Series with requests in the window; attribution is shown when more than one. */
  seriesWithTraffic: z.number().int().min(0),
  /** The selection spans several series (what the SLO page keys the panel on). */
  spansSeveralSeries: z.boolean(),
  clampedSeries: z.number().int().min(0),
  source: z.object({ queries: z.array(z.string()), warnings: z.array(z.string()) }),
});
export type AttributionResponse = z.infer<typeof AttributionResponse>;
