// The SLO's read contract and shared vocabulary: what the API returns (SloDto, revisions) and the
// enums and small schemas both directions use. Split from slo.ts, which adds the input schemas
// and re-exports all of this, so pages that only show SLOs do not load the RE2 parser (re2js,
// ~50 KB gzipped) that input validation needs. Import from "@/lib/schemas/slo" unless the code
// runs in the browser and never validates SLO input.
import { z } from "./zod";
import { SLO_STATUSES, SPAN_KINDS, windowLabel } from "./values";
import { AlertSettings } from "./rules";

/** Prometheus label name, minus the names Sightline owns in generated queries. */
export const LabelName = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)")
  .max(128)
  .refine((n) => !n.startsWith("__") && n !== "le", "reserved label name");

export const MatcherOp = z.enum(["=", "!=", "=~", "!~"]);

/** A label matcher as stored and returned: the shape only (input adds the RE2 check, slo.ts). */
export const StoredLabelMatcher = z.object({ label: LabelName, op: MatcherOp, value: z.string().max(1024) }).strict();

export const SpanKind = z.enum(SPAN_KINDS);
export type SpanKind = z.infer<typeof SpanKind>;

export const OperationMatch = z.enum(["exact", "regex"]);
export const SloStatus = z.enum(SLO_STATUSES);
export type SloStatus = z.infer<typeof SloStatus>;

/** Rolling windows in whole days, or the calendar month (UTC). */
export const SloWindow = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rolling"), days: z.number().int().min(1).max(90) }).strict(),
  z.object({ kind: z.literal("calendar"), unit: z.literal("month") }).strict(),
]);
export type SloWindow = z.infer<typeof SloWindow>;

export const Slug = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and inner dashes");

/** What the API returns for one SLO (the DTO: no field beyond these leaks). */
export const SloDto = z.object({
  id: z.string(),
  slug: Slug,
  name: z.string(),
  description: z.string(),
  team: z.string(),
  owner: z.string(),
  service: z.string(),
  operation: z.string(),
  operationMatch: OperationMatch,
  spanKind: SpanKind.nullable(),
  extraMatchers: z.array(StoredLabelMatcher),
  thresholdSeconds: z.number(),
  objective: z.number(),
  window: SloWindow,
  countErrorsAsBad: z.boolean(),
  minEvents: z.number().int(),
  /** Alert settings (issue 18); a row stored before they existed reads as the defaults. */
  alerting: AlertSettings.default(() => AlertSettings.parse({})),
  datasourceId: z.string(),
  status: SloStatus,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SloDto = z.infer<typeof SloDto>;

export const SloRevisionAction = z.enum(["created", "updated", "archived", "restored"]);

// Snapshots are read loosely: a revision written before a field was added must still parse.
const SloSnapshot = z.record(z.string(), z.unknown());

/** One entry of an SLO's history; before/after are SloDto snapshots (before is null on create). */
export const SloRevisionDto = z.object({
  id: z.string(),
  version: z.number().int(),
  action: SloRevisionAction,
  actor: z.string(),
  changedAt: z.string(),
  before: SloSnapshot.nullable(),
  after: SloSnapshot,
  /** Top-level SloDto fields that differ between before and after (bookkeeping fields excluded). */
  changedFields: z.array(z.string()),
});
export type SloRevisionDto = z.infer<typeof SloRevisionDto>;

export { windowLabel };
