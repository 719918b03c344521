// zod schemas for the Prometheus HTTP API as Prometheus, Mimir, Thanos and VictoriaMetrics answer it.
// Sample values arrive as strings ("0.5", "NaN", "+Inf") and timestamps as unix seconds (floats).
import { z } from "zod";

/** The envelope every /api/v1 endpoint answers with, success or error. */
export const Envelope = z.object({
  status: z.enum(["success", "error"]),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).nullish(),
  infos: z.array(z.string()).nullish(),
});
export type Envelope = z.infer<typeof Envelope>;

/** Go's float formatting as Prometheus writes it: `+Inf`, `-Inf`, `NaN`, decimals, exponents. */
export function parseSampleValue(s: string): number | null {
  // Plain decimals, what Prometheus writes for nearly every sample: optional minus, digits and at
  // most one dot (a subset of the pattern below, which Number() reads the same way), without the regex.
  const n = s.length;
  if (n > 0 && n < 40) {
    let i = s.charCodeAt(0) === 45 ? 1 : 0;
    let digits = 0;
    let dot = false;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      else if (c === 46 && !dot) dot = true;
      else break;
    }
    if (i === n && digits > 0) return Number(s);
  }
  if (s === "NaN") return NaN;
  if (s === "+Inf" || s === "Inf") return Infinity;
  if (s === "-Inf") return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  return Number(s);
}

const SampleValue = z.string().transform((s, ctx) => {
  const v = parseSampleValue(s);
  if (v === null) {
    ctx.addIssue({ code: "custom", message: `not a sample value: ${JSON.stringify(s.slice(0, 40))}` });
    return z.NEVER;
  }
  return v;
});
const Labels = z.record(z.string(), z.string());
const Timestamp = z.number().finite();
const Point = z.tuple([Timestamp, SampleValue]);

// Native histograms answer `histogram` instead of `value`; span-metric SLIs read classic buckets only.
const VectorSample = z.object({ metric: Labels, value: Point.optional(), histogram: z.unknown().optional() });
const MatrixSeries = z.object({ metric: Labels, values: z.array(Point).nullish(), histograms: z.unknown().optional() });

export const QueryData = z.discriminatedUnion("resultType", [
  z.object({ resultType: z.literal("vector"), result: z.array(VectorSample).nullable() }),
  z.object({ resultType: z.literal("matrix"), result: z.array(MatrixSeries).nullable() }),
  z.object({ resultType: z.literal("scalar"), result: Point }),
  z.object({ resultType: z.literal("string"), result: z.tuple([Timestamp, z.string()]) }),
]);
export type QueryData = z.infer<typeof QueryData>;

export const ExemplarData = z
  .array(
    z.object({
      seriesLabels: Labels,
      exemplars: z.array(z.object({ labels: Labels, value: SampleValue, timestamp: Timestamp })).nullable(),
    }),
  )
  .nullable();

export const StringListData = z.array(z.string()).nullable();
export const SeriesData = z.array(Labels).nullable();
// VictoriaMetrics answers `{}`: every field is optional.
export const BuildInfoData = z.looseObject({
  version: z.string().optional(),
  revision: z.string().optional(),
  branch: z.string().optional(),
  goVersion: z.string().optional(),
});

export interface Sample {
  labels: Record<string, string>;
  value: number;
  /** Unix seconds. */
  timestamp: number;
}
export interface RangeSeries {
  labels: Record<string, string>;
  points: { t: number; v: number }[];
}
export interface Exemplar {
  labels: Record<string, string>;
  value: number;
  timestamp: number;
}
export interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: Exemplar[];
}
export type BuildInfo = z.infer<typeof BuildInfoData>;
