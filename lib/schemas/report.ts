// The contract of GET /api/reports (issue 19, item 5): one team's calendar month (UTC), per SLO met
// or missed, budget used and the worst fast-burn periods, with the team's totals. Built by
// lib/server/slo/report.ts from lib/slo/report.ts; the reports page parses it with this schema.
// Units: times unix seconds, ratios 0..1 (budgetUsed above 1 = overspent), counts are requests.
import { z } from "./zod";
import { SloWindow } from "./slo-dto";

export const REPORT_FORMATS = ["json", "csv"] as const;

export const ReportQuery = z
  .object({
    team: z.string().trim().min(1, { message: "name a team" }).max(63),
    /** "YYYY-MM"; default the last complete month. */
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "must be a month as YYYY-MM, e.g. 2026-10" })
      .refine((m) => Number(m.slice(0, 4)) >= 1970 && Number(m.slice(0, 4)) <= 2099, { message: "must be between 1970 and 2099" })
      .optional(),
    /** Absent: the JSON answer of the API; json or csv: a download (Content-Disposition attachment). */
    format: z.enum(REPORT_FORMATS).optional(),
  })
  .strict();
export type ReportQuery = z.infer<typeof ReportQuery>;

const FastBurnPeriod = z.object({
  startSeconds: z.number(),
  endSeconds: z.number(),
  ongoing: z.boolean(),
  /** Page tiers that fired in it (`page-1h`, `page-6h`). */
  tiers: z.array(z.string()),
  peakBurnRate: z.number().min(0),
  badRequests: z.number().min(0),
});
export type FastBurnPeriod = z.infer<typeof FastBurnPeriod>;

const Answered = z.object({
  kind: z.literal("answered"),
  verdict: z.enum(["met", "missed", "uncertain", "no_data"]),
  good: z.number().min(0),
  total: z.number().min(0),
  bad: z.number().min(0),
  sli: z.number().min(0).max(1).nullable(),
  sliBounds: z.object({ lower: z.number(), upper: z.number() }).nullable(),
  budgetUsed: z.number().min(0).nullable(),
  allowedBadEvents: z.number().min(0),
  fastBurn: z.array(FastBurnPeriod),
  morePeriods: z.number().int().min(0),
  gapSeconds: z.number().min(0),
  /** False: no sample at all in the month (before any data, or the series did not exist yet). */
  samplesSeen: z.boolean(),
  /** The threshold is a bucket boundary of every series (else the SLI is bracketed). */
  exact: z.boolean(),
  warnings: z.array(z.string()),
});

const Unavailable = z.object({
  kind: z.literal("unavailable"),
  /** The backend's problem in words (as the status page shows it). */
  title: z.string(),
  detail: z.string(),
});

export const ReportSloEntry = z.object({
  slo: z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    service: z.string(),
    operation: z.string(),
    objective: z.number(),
    thresholdSeconds: z.number(),
    window: SloWindow,
  }),
  result: z.discriminatedUnion("kind", [Answered, Unavailable, z.object({ kind: z.literal("not_counted") })]),
});
export type ReportSloEntry = z.infer<typeof ReportSloEntry>;

export const ReportResponse = z.object({
  team: z.string(),
  month: z.object({ id: z.string(), label: z.string(), startSeconds: z.number(), endSeconds: z.number(), days: z.number().int() }),
  /** `current`: month to date (counted until countedUntilSeconds); `future`: nothing to count yet. */
  timing: z.enum(["past", "current", "future"]),
  countedUntilSeconds: z.number(),
  generatedAtSeconds: z.number(),
  /** Set when the month as a whole cannot be reported: in the future, or before any data of any SLO. */
  notice: z.enum(["future", "before_data", "no_slos"]).nullable(),
  totals: z.object({
    slos: z.number().int(),
    met: z.number().int(),
    missed: z.number().int(),
    uncertain: z.number().int(),
    noData: z.number().int(),
    unavailable: z.number().int(),
    requests: z.number(),
    badRequests: z.number(),
    fastBurnPeriods: z.number().int(),
  }),
  slos: z.array(ReportSloEntry),
  /** Team names that have SLOs, for the picker. */
  teams: z.array(z.string()),
});
export type ReportResponse = z.infer<typeof ReportResponse>;
