// One schema per concept (ARCHITECTURE.md §2): the SLO as the API, forms, Prisma mapping and
// later OpenSLO import/export see it. Types are inferred from these schemas, never written twice.
// This module is the SLO's entry point: its input schemas (with the RE2 check, ./regex.ts), plus
// everything in ./slo-dto.ts, the read side that display-only browser code imports directly.
import { z } from "./zod";
import { queryInt } from "./query";
import { AlertSettings } from "./rules";
import { promRegexProblem } from "./regex";
import { OperationMatch, SloStatus, SloWindow, Slug, SpanKind, StoredLabelMatcher } from "./slo-dto";

export * from "./slo-dto";

// The regex check sits on the matcher itself so a PATCH of extraMatchers is judged like a create.
// Only input is checked: the DTO reads stored matchers as StoredLabelMatcher, so a row saved
// before a rule tightened still lists (and its edit form shows why it must change).
export const LabelMatcher = StoredLabelMatcher.superRefine((m, ctx) => {
  const problem = m.op === "=~" || m.op === "!~" ? promRegexProblem(m.value) : null;
  if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
});
export type LabelMatcher = z.infer<typeof LabelMatcher>;

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
  /**
   * Alert settings (tiers on/off, runbook, latency deviation). Optional, and optional in the inferred
   * type too, so code and clients written before alerting existed still build: an absent value is
   * stored as the defaults (lib/schemas/rules.ts); SloDto always carries it filled in.
   */
  alerting: AlertSettings.optional(),
};

export const CreateSloInput = z
  .object(SloFields)
  .strict()
  // `operation` is a regex only under operationMatch "regex", so it is judged with its neighbour here
  // (PATCH re-validates the merged SLO through this schema). `when` runs it even while other fields
  // are wrong, so a form shows every problem at once; it needs only these two fields to be valid.
  .superRefine(
    (v, ctx) => {
      const problem = v.operationMatch === "regex" ? promRegexProblem(v.operation) : null;
      if (problem) ctx.addIssue({ code: "custom", path: ["operation"], message: problem });
    },
    { when: (p) => typeof p.value === "object" && p.value !== null && !p.issues.some((i) => i.path?.[0] === "operation" || i.path?.[0] === "operationMatch") },
  );
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

/** Body of POST /api/slos/[id]/archive and /restore. */
export const SloVersionInput = z.object({ version: z.number().int().min(1) }).strict();
export type SloVersionInput = z.infer<typeof SloVersionInput>;

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

