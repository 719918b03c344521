// GET /api/slos/:id/exemplars: the requests behind an SLO's latency, as the producer sampled them
// (one exemplar per bucket per scrape), each with its trace id and whether that trace still exists.
// Values are seconds (converted from the producer's unit once, on the server), times unix seconds.
import { z } from "./zod";
import { queryInt, queryTime } from "./query";

/** A Prometheus label name (the grammar of lib/promql/ast.ts). */
const LabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, { message: "must be a label name ([a-zA-Z_][a-zA-Z0-9_]*)" }).max(128);

export const EXEMPLARS_DEFAULT_LIMIT = 200;
export const EXEMPLARS_MAX_LIMIT = 1000;
/** Exemplars whose trace existence is checked per response (the slowest first). */
export const EXEMPLARS_CHECKED = 20;

export const ExemplarsQuery = z
  .object({
    from: queryTime,
    to: queryTime,
    /** `1`: only requests slower than the SLO's threshold (the ones that spent the budget). */
    above: z.enum(["0", "1"]).optional(),
    /** Narrow to one value of one series label (e.g. an attribution row: `status_code` = `STATUS_CODE_ERROR`). */
    label: LabelName.optional(),
    value: z.string().max(1024).optional(),
    limit: queryInt(1, EXEMPLARS_MAX_LIMIT).optional(),
  })
  .strict()
  .refine((q) => q.to > q.from, { path: ["to"], message: "must be after from" })
  .refine((q) => q.to - q.from <= 93 * 86_400, { path: ["from"], message: "at most 93 days" })
  .refine((q) => (q.label === undefined) === (q.value === undefined), { path: ["label"], message: "label and value go together" });
export type ExemplarsQuery = z.infer<typeof ExemplarsQuery>;

/** found: the trace backend has it; missing: it answered "not found" (sampled out or past retention); unchecked: not asked (yet). */
export const TraceAvailability = z.enum(["found", "missing", "unchecked"]);
export type TraceAvailability = z.infer<typeof TraceAvailability>;

export const SloExemplar = z.object({
  /** 32 lowercase hex digits (Tempo strips leading zeros on exemplars: padded back). */
  traceId: z.string().regex(/^[0-9a-f]{32}$/),
  /** The request's latency in seconds. */
  valueSeconds: z.number(),
  /** Unix seconds. */
  timestamp: z.number(),
  /** Upper boundary of the bucket series it was attached to, seconds; null for +Inf. */
  bucketLeSeconds: z.number().nullable(),
  /** valueSeconds > the SLO's thresholdSeconds. */
  aboveThreshold: z.boolean(),
  service: z.string(),
  operation: z.string(),
  spanKind: z.string(),
  statusCode: z.string(),
  trace: TraceAvailability,
});
export type SloExemplar = z.infer<typeof SloExemplar>;

export const SloExemplarsResponse = z.object({
  from: z.number(),
  to: z.number(),
  thresholdSeconds: z.number(),
  datasourceId: z.string(),
  /** Slowest first, at most `limit`. */
  exemplars: z.array(SloExemplar),
  /** Distinct traces that matched before the limit. */
  matched: z.number().int(),
  traces: z.object({
    backend: z.enum(["none", "tempo", "jaeger"]),
    checked: z.number().int(),
    found: z.number().int(),
    missing: z.number().int(),
    /** Why nothing or not everything was checked, in words (no trace backend, backend down, time budget spent). */
    note: z.string().nullable(),
  }),
  source: z.object({ endpoint: z.string(), profile: z.enum(["tempo", "otel"]), unit: z.enum(["seconds", "milliseconds"]), queries: z.array(z.string()) }),
  warnings: z.array(z.string()),
});
export type SloExemplarsResponse = z.infer<typeof SloExemplarsResponse>;

/** Hex (up to 32 digits, leading zeros optional) or base64 of 8 or 16 bytes: checked by lib/traces/ids.ts. */
export const TraceCheckQuery = z.object({ traceId: z.string().min(1).max(64) }).strict();

export const TraceCheckResponse = z.object({
  traceId: z.string().regex(/^[0-9a-f]{32}$/),
  trace: TraceAvailability,
  /** In words when not found or not checkable. */
  note: z.string().nullable(),
});
export type TraceCheckResponse = z.infer<typeof TraceCheckResponse>;
