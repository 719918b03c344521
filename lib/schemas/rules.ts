// Contracts of alerting (issue 18): an SLO's alert settings (stored with the SLO, edited through the
// SLO API), the query of the rule downloads, and what a rules sync reports. Plain zod, no RE2: the
// SLO read side (slo-dto.ts) imports the settings. Rule semantics: docs/alerting.md.
import { z } from "./zod";
import { queryTime } from "./query";

/** The four burn-rate tiers by stable id (`<severity>-<long window>`, lib/slo/tier-firing.ts tierId). */
export const AlertTierId = z.enum(["page-1h", "page-6h", "ticket-1d", "ticket-3d"]);
export type AlertTierId = z.infer<typeof AlertTierId>;

/** Windows the deviation alert may compare (all are recorded burn windows, so the rule reads recorded traffic). */
export const DeviationWindow = z.enum(["5m", "30m", "1h"]);
export type DeviationWindow = z.infer<typeof DeviationWindow>;

/** The latency-deviation alert: off by default; see docs/alerting.md for its false-positive trade-offs. */
export const DeviationSettings = z
  .object({
    enabled: z.boolean().default(false),
    window: DeviationWindow.default("30m"),
    /** Fires when the share of slow requests exceeds this multiple of both a day and a week earlier. */
    factor: z.number().finite().gt(1).max(100).default(2),
    /** ...and exceeds each of them by at least this much (absolute share, 0..1; 0.01 = one percentage point). */
    minDifference: z.number().finite().min(0).max(1).default(0.01),
    /** ...and the window holds at least this many requests now. */
    minEvents: z.number().int().min(1).max(1_000_000_000).default(100),
  })
  .strict();
export type DeviationSettings = z.infer<typeof DeviationSettings>;

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((u) => /^https?:\/\/[^\s/]+/i.test(u) && URL.canParse(u), "must be an http(s) URL");

/** Per-SLO alert settings. Every field has a default, so clients that never send `alerting` keep working. */
export const AlertSettings = z
  .object({
    /** Burn-rate tiers switched off (pyrra#1826). */
    disabledTiers: z
      .array(AlertTierId)
      .max(4)
      .default([])
      .refine((t) => new Set(t).size === t.length, "each tier at most once"),
    /** Linked from every alert of the SLO; "" for none. */
    runbookUrl: z.union([z.literal(""), httpUrl]).default(""),
    deviation: DeviationSettings.default(() => DeviationSettings.parse({})),
  })
  .strict();
export type AlertSettings = z.infer<typeof AlertSettings>;

export const defaultAlertSettings = (): AlertSettings => AlertSettings.parse({});

/** `prometheus`: a Prometheus rule file; `prometheusrule`: a Kubernetes PrometheusRule manifest (prometheus-operator). */
export const RulesFormat = z.enum(["prometheus", "prometheusrule"]);
export type RulesFormat = z.infer<typeof RulesFormat>;

export const RulesQuery = z.object({ format: RulesFormat.default("prometheus") }).strict();
export type RulesQuery = z.infer<typeof RulesQuery>;

/** One rule group (one SLO) as a sync target holds it compared with what the catalogue generates. */
export const RuleGroupDrift = z.object({
  group: z.string(),
  /** missing: generated, absent from the target; changed: present and different; extra: present, not generated. */
  kind: z.enum(["missing", "changed", "extra"]),
});

export const RulesSyncResult = z.object({
  target: z.enum(["directory", "mimir"]),
  /** What the target held before this sync and differed from the catalogue. Empty: nothing to do. */
  drift: z.array(RuleGroupDrift),
  /** Whether anything was written (false when the target already matched). */
  changed: z.boolean(),
  /** Prometheus was asked to reload (directory target with a reload URL, only when changed). */
  reloaded: z.boolean(),
  groups: z.number().int(),
  syncedAt: z.string(),
  warnings: z.array(z.string()),
});
export type RulesSyncResult = z.infer<typeof RulesSyncResult>;

/**
 * Body of POST /api/rules/sync: `dryRun` reports drift without writing; `forceReload` reloads the
 * Prometheus of a directory target even when nothing changed (after a reload that failed).
 */
export const RulesSyncInput = z.object({ dryRun: z.boolean().default(false), forceReload: z.boolean().default(false) }).strict();
export type RulesSyncInput = z.infer<typeof RulesSyncInput>;

/** GET /api/slos/:id/alerts?at: state now and firing history over the SLO window ending at `at` (unix seconds or RFC 3339). */
export const AlertStateQuery = z.object({ at: queryTime.optional() }).strict();
export type AlertStateQuery = z.infer<typeof AlertStateQuery>;

const AlertKind = z.enum(["burn", "deviation", "absent"]);

/** One generated alert of the SLO as the backend's ALERTS series says it is at `at`. */
export const AlertStateEntry = z.object({
  /** `sightline_tier`: page-1h … ticket-3d, latency-deviation, data-absent. */
  tier: z.string(),
  kind: AlertKind,
  severity: z.enum(["page", "ticket"]),
  /** disabled: switched off on the SLO (or the deviation alert not enabled), so no rule exists. */
  state: z.enum(["inactive", "pending", "firing", "disabled"]),
  /** Firing intervals within the window (sampled at `stepSeconds`); endSeconds null: still firing at `at`. */
  history: z.array(z.object({ startSeconds: z.number(), endSeconds: z.number().nullable() })),
});

export const SloAlertsResponse = z.object({
  slo: z.object({ id: z.string(), slug: z.string() }),
  atSeconds: z.number(),
  window: z.object({ startSeconds: z.number(), endSeconds: z.number() }),
  stepSeconds: z.number(),
  alerts: z.array(AlertStateEntry),
  /** Alerts firing at `at` (the dashboard's count). */
  firingCount: z.number().int(),
  source: z.object({ endpoint: z.string(), queries: z.array(z.string()) }),
  warnings: z.array(z.string()),
});
export type SloAlertsResponse = z.infer<typeof SloAlertsResponse>;

/** A recorded sync: what it answered, or why it failed (error set, drift empty). */
export const RulesSyncRecord = z.object({
  target: z.enum(["directory", "mimir"]),
  syncedAt: z.string(),
  dryRun: z.boolean(),
  changed: z.boolean(),
  reloaded: z.boolean(),
  groups: z.number().int(),
  drift: z.array(RuleGroupDrift),
  warnings: z.array(z.string()),
  error: z.string().nullable(),
});
export type RulesSyncRecord = z.infer<typeof RulesSyncRecord>;

/** GET /api/rules/sync: the last sync (null before the first). */
export const LastRulesSync = z.object({ last: RulesSyncRecord.nullable() });
export type LastRulesSync = z.infer<typeof LastRulesSync>;
