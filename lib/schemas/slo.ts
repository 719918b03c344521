// One schema per concept (ARCHITECTURE.md §2): the SLO as the API, forms, Prisma mapping and
// later OpenSLO import/export see it. Types are inferred from these schemas, never written twice.
import { z } from "zod";
import { queryInt } from "./query";
import { promRegexProblem } from "./regex";

/** Prometheus label name, minus the names Sightline owns in generated queries. */
export const LabelName = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)")
  .max(128)
  .refine((n) => !n.startsWith("__") && n !== "le", "reserved label name");

export const MatcherOp = z.enum(["=", "!=", "=~", "!~"]);
const LabelMatcherShape = z.object({ label: LabelName, op: MatcherOp, value: z.string().max(1024) }).strict();
// The regex check sits on the matcher itself so a PATCH of extraMatchers is judged like a create.
// Only input is checked: the DTO reads stored matchers with LabelMatcherShape, so a row saved
// before a rule tightened still lists (and its edit form shows why it must change).
export const LabelMatcher = LabelMatcherShape.superRefine((m, ctx) => {
  const problem = m.op === "=~" || m.op === "!~" ? promRegexProblem(m.value) : null;
  if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
});
export type LabelMatcher = z.infer<typeof LabelMatcher>;

export const SpanKind = z.enum([
  "SPAN_KIND_SERVER",
  "SPAN_KIND_CLIENT",
  "SPAN_KIND_INTERNAL",
  "SPAN_KIND_PRODUCER",
  "SPAN_KIND_CONSUMER",
]);
export type SpanKind = z.infer<typeof SpanKind>;

export const OperationMatch = z.enum(["exact", "regex"]);
export const SloStatus = z.enum(["draft", "active", "archived"]);
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

const text = (max: number) => z.string().trim().max(max);

const SloFields = {
  slug: Slug,
  name: text(120).min(1),
  description: text(2000).default(""),
  team: text(63).default(""),
  owner: text(120).default(""),
  service: z.string().min(1).max(256),
  operation: z.string().min(1).max(512),
  operationMatch: OperationMatch.default("exact"),
  spanKind: SpanKind.nullable().default(null),
  extraMatchers: z.array(LabelMatcher).max(10).default([]),
  /** Latency threshold in seconds: a request is good when its span took at most this long. */
  thresholdSeconds: z.number().finite().gt(0).max(3600),
  /** Target fraction of good requests, strictly between 0 and 1 (0.995 = 99.5 %). */
  objective: z.number().finite().gt(0).lt(1),
  window: SloWindow,
  /** Count spans with status ERROR as bad whatever their latency. */
  countErrorsAsBad: z.boolean().default(false),
  /** Below this many requests in a window, the window is marked "too little traffic". */
  minEvents: z.number().int().min(0).max(1_000_000_000).default(0),
  datasourceId: z.string().min(1).max(64),
  status: SloStatus.default("active"),
};

export const CreateSloInput = z
  .object(SloFields)
  .strict()
  // `operation` is a regex only under operationMatch "regex", so it is judged with its neighbour here
  // (PATCH re-validates the merged SLO through this schema).
  .superRefine((v, ctx) => {
    const problem = v.operationMatch === "regex" ? promRegexProblem(v.operation) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["operation"], message: problem });
  });
export type CreateSloInput = z.infer<typeof CreateSloInput>;

// Defaults are stripped for updates: an absent field means "leave as is", not "reset to default".
type WithoutDefault<S> = S extends z.ZodDefault<infer T> ? T : S;
const withoutDefault = (s: z.ZodType): z.ZodType => (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : s);

/** Partial update; `version` is the version the client last saw (409 when stale). */
export const UpdateSloInput = z
  .object({
    ...Object.fromEntries(Object.entries(SloFields).map(([k, s]) => [k, withoutDefault(s).optional()])),
    version: z.number().int().min(1),
  } as { [K in keyof typeof SloFields]: z.ZodOptional<WithoutDefault<(typeof SloFields)[K]>> } & { version: z.ZodNumber })
  .strict();
export type UpdateSloInput = z.infer<typeof UpdateSloInput>;

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
  extraMatchers: z.array(LabelMatcherShape),
  thresholdSeconds: z.number(),
  objective: z.number(),
  window: SloWindow,
  countErrorsAsBad: z.boolean(),
  minEvents: z.number().int(),
  datasourceId: z.string(),
  status: SloStatus,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SloDto = z.infer<typeof SloDto>;

/** Body of POST /api/slos/[id]/archive and /restore. */
export const SloVersionInput = z.object({ version: z.number().int().min(1) }).strict();
export type SloVersionInput = z.infer<typeof SloVersionInput>;

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

export const ListSlosQuery = z
  .object({
    team: z.string().max(63).optional(),
    service: z.string().max(256).optional(),
    status: SloStatus.optional(),
    q: z.string().max(200).optional(),
    limit: queryInt(1, 200).default(50),
    offset: queryInt(0, 1_000_000).default(0),
  })
  .strict();
export type ListSlosQuery = z.infer<typeof ListSlosQuery>;

export const windowLabel = (w: SloWindow) => (w.kind === "rolling" ? `${w.days} days rolling` : "calendar month");
