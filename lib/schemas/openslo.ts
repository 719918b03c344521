// OpenSLO v1 (https://github.com/OpenSLO/OpenSLO, README "SLO", "SLI", "Objectives") as far as
// Sightline reads and writes it, and the contracts of the SLO-as-code API (issue 20 item 4).
// These schemas check the *shape* of a document only, loosely: fields OpenSLO allows but Sightline
// has no home for (alertPolicies, thresholdMetric, several objectives...) must parse, so the mapper
// (lib/openslo/import.ts) can say per field what does not map instead of one opaque "invalid".
// There is no second SLO schema here: a document maps onto CreateSloInput (./slo.ts).
import { z } from "./zod";
import { Slug } from "./slo-dto";

export const OPENSLO_API_VERSION = "openslo/v1";

/** OpenSLO's duration-shorthand: a positive integer and one of m h d w M Q Y. */
export const DurationShorthand = z.string().regex(/^[1-9][0-9]*[mhdwMQY]$/, "a duration like 28d, 4w or 1M");

const LabelValue = z.union([z.string(), z.array(z.string())]);

export const OpenSloMetadata = z
  .object({
    name: Slug,
    displayName: z.string().optional(),
    labels: z.record(z.string(), LabelValue).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .loose();

export const MetricSource = z
  .object({
    metricSourceRef: z.string().optional(),
    type: z.string().optional(),
    spec: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
export type MetricSource = z.infer<typeof MetricSource>;

const MetricPart = z.object({ metricSource: MetricSource }).loose();

export const RatioMetric = z
  .object({
    counter: z.boolean().optional(),
    good: MetricPart.optional(),
    bad: MetricPart.optional(),
    total: MetricPart.optional(),
    rawType: z.string().optional(),
    raw: MetricPart.optional(),
  })
  .loose();

export const InlineIndicator = z
  .object({
    metadata: z.object({ name: z.string().optional(), displayName: z.string().optional() }).loose().optional(),
    spec: z
      .object({ description: z.string().optional(), thresholdMetric: MetricPart.optional(), ratioMetric: RatioMetric.optional() })
      .loose(),
  })
  .loose();

export const TimeWindow = z
  .object({
    duration: DurationShorthand,
    isRolling: z.boolean().optional(),
    calendar: z.object({ startTime: z.string().optional(), timeZone: z.string().optional() }).loose().optional(),
  })
  .loose();
export type TimeWindow = z.infer<typeof TimeWindow>;

export const Objective = z
  .object({
    displayName: z.string().optional(),
    op: z.string().optional(),
    value: z.number().optional(),
    target: z.number().finite().min(0).lt(1).optional(),
    targetPercent: z.number().finite().min(0).lt(100).optional(),
    timeSliceTarget: z.number().optional(),
    timeSliceWindow: z.union([z.number(), z.string()]).optional(),
    indicator: z.unknown().optional(),
    indicatorRef: z.string().optional(),
    compositeWeight: z.number().optional(),
  })
  .loose();

export const BudgetingMethod = z.enum(["Occurrences", "Timeslices", "RatioTimeslices"]);

/** An OpenSLO v1 `kind: SLO` document. */
export const OpenSloSlo = z
  .object({
    apiVersion: z.literal(OPENSLO_API_VERSION),
    kind: z.literal("SLO"),
    metadata: OpenSloMetadata,
    spec: z
      .object({
        description: z.string().optional(),
        service: z.string().min(1),
        indicator: InlineIndicator.optional(),
        indicatorRef: z.string().optional(),
        timeWindow: z.array(TimeWindow).optional(),
        budgetingMethod: BudgetingMethod,
        objectives: z.array(Objective).min(1),
        alertPolicies: z.array(z.unknown()).optional(),
      })
      .loose(),
  })
  .loose();
export type OpenSloSlo = z.infer<typeof OpenSloSlo>;

/** What every OpenSLO object has: used to say "kind X is not imported" before the SLO schema runs. */
export const OpenSloObjectHead = z.object({ apiVersion: z.string(), kind: z.string() }).loose();

/** A remark about one field of a document: why it does not map, or what Sightline does instead. */
export const OpenSloNote = z.object({ path: z.string(), message: z.string() });
export type OpenSloNote = z.infer<typeof OpenSloNote>;

// --- The API: GET /api/openslo, POST /api/openslo/apply --------------------------------------

export const OpenSloFormat = z.enum(["yaml", "json"]);

export const OpenSloExportQuery = z
  .object({
    team: z.string().max(63).optional(),
    service: z.string().max(256).optional(),
    format: OpenSloFormat.optional(),
    /** Carry each SLO's catalogue version (sightline.dev/version), so an apply refuses to overwrite later edits. */
    versions: z.enum(["true", "false"]).optional(),
  })
  .strict();
export type OpenSloExportQuery = z.infer<typeof OpenSloExportQuery>;

/** Documents per apply. Today the route wrapper's body limit (64 KiB, lib/server/api.ts) binds first: ~30 SLOs a request. */
export const MAX_APPLY_DOCUMENTS = 500;

export const OpenSloApplyInput = z
  .object({
    /** One or more YAML documents (`---` separated), as the CLI reads them from a file. */
    yaml: z.string().max(1_000_000).optional(),
    /** Or the documents already parsed (what `GET /api/openslo?format=json` returns). */
    documents: z.array(z.unknown()).max(MAX_APPLY_DOCUMENTS).optional(),
    /** Required, so no client applies by forgetting a flag. */
    dryRun: z.boolean(),
  })
  .strict()
  .refine((v) => (v.yaml === undefined) !== (v.documents === undefined), { message: "send exactly one of yaml or documents", path: ["yaml"] });
export type OpenSloApplyInput = z.infer<typeof OpenSloApplyInput>;

export const PlanAction = z.enum(["create", "update", "unchanged", "conflict", "invalid"]);
export type PlanAction = z.infer<typeof PlanAction>;

/** One changed SLO field: its Sightline name, where it lives in the document, and old → new. */
export const FieldChange = z.object({ field: z.string(), path: z.string(), old: z.unknown(), new: z.unknown() });
export type FieldChange = z.infer<typeof FieldChange>;

export const PlanEntry = z.object({
  /** metadata.name (the SLO's slug), or `document N` when the document has none. */
  name: z.string(),
  /** 1-based position of the document in the file. */
  document: z.number().int().min(1),
  action: PlanAction,
  /** Why a conflict or invalid entry cannot be applied, in words. */
  reason: z.string().optional(),
  changes: z.array(FieldChange),
  /** Per field: what did not map (errors make the entry invalid) or what Sightline does instead. */
  notes: z.array(OpenSloNote),
  /** The SLO after the apply (id, version); absent on a dry run and on entries not applied. */
  slo: z.object({ id: z.string(), version: z.number().int() }).optional(),
});
export type PlanEntry = z.infer<typeof PlanEntry>;

export const ApplyPlan = z.object({
  dryRun: z.boolean(),
  /** True when creates/updates were written. A plan with a conflict or invalid entry writes nothing. */
  applied: z.boolean(),
  entries: z.array(PlanEntry),
  summary: z.record(PlanAction, z.number().int()),
});
export type ApplyPlan = z.infer<typeof ApplyPlan>;
