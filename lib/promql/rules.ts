// Rule generation for SLOs (issue 18): one Prometheus rule group per active SLO with its recording
// rules, burn-rate alerts, data-absent alert and (when switched on) latency-deviation alert. Pure,
// no I/O: the caller decides the producer profile and the boundary the good count reads (the read
// context, lib/server/sli-data/read-context.ts), and serialises with rules-yaml.ts.
// Scheme, tiers, `for` and trade-offs: docs/alerting.md.
import { leSpellings } from "./buckets";
import { toProducerUnit } from "./profiles";
import { sloAlerts } from "./rules-alerts";
import { deviationAlert, deviationRecordingRules } from "./rules-deviation";
import { groupName } from "./rules-names";
import { overviewRecordingRules } from "./rules-overview";
import { recordingRules } from "./rules-recording";
import type { RuleGroup, RuleOptions, RuleSlo, RuleTarget } from "./rules-types";
import type { ProducerProfile } from "./profiles";

export type * from "./rules-types";

export const DEFAULT_RULE_OPTIONS: RuleOptions = { publicUrl: null, intervalSeconds: 60 };

/** The target when the layout was not read: the threshold itself, in the producer's unit, in both `le` spellings. */
export function assumedTarget(slo: Pick<RuleSlo, "thresholdSeconds">, profile: ProducerProfile): RuleTarget {
  return { profile, le: leSpellings(toProducerUnit(slo.thresholdSeconds, profile.unit)) };
}

/** The rule group of one SLO; null for draft and archived SLOs, which generate nothing. */
export function sloRuleGroup(slo: RuleSlo, target: RuleTarget, options: Partial<RuleOptions> = {}): RuleGroup | null {
  const opts = { ...DEFAULT_RULE_OPTIONS, ...options };
  if (!(opts.intervalSeconds > 0 && 300 % opts.intervalSeconds === 0))
    throw new RangeError(`interval must divide 300 s (the recorded windows are sums at 5-minute offsets), got ${opts.intervalSeconds}`);
  if (slo.status !== "active") return null;
  const deviation = deviationAlert(slo, opts);
  return {
    name: groupName(slo.slug),
    intervalSeconds: opts.intervalSeconds,
    rules: [...recordingRules(slo, target), ...overviewRecordingRules(slo), ...deviationRecordingRules(slo, target), ...sloAlerts(slo, opts), ...(deviation ? [deviation] : [])],
  };
}

/** Groups of many SLOs, ordered by name so the same catalogue always gives the same file. */
export function ruleGroups(entries: readonly { slo: RuleSlo; target: RuleTarget }[], options: Partial<RuleOptions> = {}): RuleGroup[] {
  return entries
    .map((e) => sloRuleGroup(e.slo, e.target, options))
    .filter((g): g is RuleGroup => g !== null)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
