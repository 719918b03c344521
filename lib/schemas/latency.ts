// GET /api/slos/:id/latency: bucket-resolution percentiles (p50/p90/p99) and request rate per step,
// for the latency chart beside the exemplars. Estimates as histogram_quantile makes them: the SLI
// never uses these (tempo#7863: sparse span-metric buckets are coarse).
import { z } from "./zod";
import { queryInt, queryTime } from "./query";

export const LatencyQuery = z
  .object({
    from: queryTime,
    to: queryTime,
    /** Step in seconds; default picks ~240 points; raised to stay under 11,000 points. */
    step: queryInt(15, 86_400).optional(),
  })
  .strict()
  .refine((q) => q.to > q.from, { path: ["to"], message: "must be after from" })
  .refine((q) => q.to - q.from <= 93 * 86_400, { path: ["from"], message: "at most 93 days" });

export const LatencyPoint = z.object({
  /** Step end, unix seconds; over (t − step, t]. */
  t: z.number(),
  /** Seconds; null without requests in the step. */
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  p99: z.number().nullable(),
  requestsPerSecond: z.number(),
});

export const SloLatencyResponse = z.object({
  from: z.number(),
  to: z.number(),
  stepSeconds: z.number(),
  thresholdSeconds: z.number(),
  /** Finite bucket boundaries in seconds: a percentile is only known to lie between two of them. */
  boundariesSeconds: z.array(z.number()),
  points: z.array(LatencyPoint),
  warnings: z.array(z.string()),
});
export type SloLatencyResponse = z.infer<typeof SloLatencyResponse>;
