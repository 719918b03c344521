// The latency-deviation alert (off by default): the share of slow requests over a short window,
// compared with the same window one day and one week earlier. Pure, no I/O.
//
//   S_now, S_1d, S_7d = bad ÷ total over [t − w, t], [t − 1d − w, t − 1d], [t − 7d − w, t − 7d]
//   fires ⇔ S_now > factor × S_1d  ∧  S_now > factor × S_7d
//         ∧ S_now − S_1d ≥ minDifference  ∧  S_now − S_7d ≥ minDifference
//         ∧ T_now ≥ minEvents
//
// Both baselines must be beaten: yesterday alone flags every Monday morning after a quiet Sunday,
// last week alone flags a change that already happened yesterday; together a weekly or daily rhythm
// is its own baseline. The baselines read the raw histogram with `offset`, so the alert works from
// the first evaluation on history older than the rules. A baseline window without traffic has no
// share (recorded only while total > 0): the alert then stays quiet. Trade-offs: docs/alerting.md.
import { binary, num, offset, rangeFn, render, sum, type Expr } from "./ast";
import { BURN_WINDOW_SECONDS } from "@/lib/slo/types";
import { DEVIATION_ALERT, DEVIATION_TIER, SEVERITY_LABEL, TIER_LABEL, increaseName, recorded, slowShareName, sloLabels } from "./rules-names";
import { badWords } from "./rules-alerts";
import { errorRatioOf } from "./rules-recording";
import { linkAnnotations, templateText } from "./rules-templates";
import type { AlertingRule, RecordingRule, RuleOptions, RuleSlo, RuleTarget } from "./rules-types";
import { bucketSelector, countSelector } from "./slo-queries";

const DAY = 86_400;
/** The deviation alert is a hint, not an outage: ticket severity, and 10 minutes of `for` against one noisy window. */
export const DEVIATION_FOR_SECONDS = 600;
export const DEVIATION_SEVERITY = "ticket";

const BASELINES = [
  { ago: "1d", seconds: DAY },
  { ago: "7d", seconds: 7 * DAY },
] as const;

export const deviationWindowSeconds = (slo: Pick<RuleSlo, "alerting">): number => BURN_WINDOW_SECONDS[slo.alerting.deviation.window];

/** Bad ÷ total of the raw histogram over `windowSeconds` ending `agoSeconds` ago; absent without traffic. */
function rawShareAgo(slo: RuleSlo, target: RuleTarget, windowSeconds: number, agoSeconds: number): Expr {
  const total = sum(rangeFn("increase", offset(countSelector(slo, target.profile), agoSeconds), windowSeconds));
  const good = target.le
    ? binary("or", sum(rangeFn("increase", offset(bucketSelector(slo, target.profile, target.le), agoSeconds), windowSeconds)), binary("*", num(0), total))
    : binary("*", num(0), total);
  return binary("and", binary("/", binary("-", total, good), total), binary(">", total, num(0)));
}

export function deviationRecordingRules(slo: RuleSlo, target: RuleTarget): RecordingRule[] {
  if (!slo.alerting.deviation.enabled) return [];
  const w = deviationWindowSeconds(slo);
  const labels = sloLabels(slo);
  const now = binary("and", errorRatioOf(slo.slug, w), binary(">", recorded(increaseName("total", w), slo.slug), num(0)));
  return [
    { record: slowShareName(w, "now"), expr: render(now), labels },
    ...BASELINES.map((b) => ({ record: slowShareName(w, b.ago), expr: render(rawShareAgo(slo, target, w, b.seconds)), labels })),
  ];
}

export function deviationAlert(slo: RuleSlo, opts: RuleOptions): AlertingRule | null {
  const d = slo.alerting.deviation;
  if (!d.enabled) return null;
  const w = deviationWindowSeconds(slo);
  const now = recorded(slowShareName(w, "now"), slo.slug);
  const beats = (ago: "1d" | "7d"): Expr => {
    const base = recorded(slowShareName(w, ago), slo.slug);
    return binary("and", binary(">", now, binary("*", num(d.factor), base)), binary(">=", binary("-", now, base), num(d.minDifference)));
  };
  const expr = binary("and", binary("and", beats("1d"), beats("7d")), binary(">=", recorded(increaseName("total", w), slo.slug), num(d.minEvents)));
  const name = templateText(slo.name);
  return {
    alert: DEVIATION_ALERT,
    expr: render(expr),
    forSeconds: DEVIATION_FOR_SECONDS,
    labels: { [SEVERITY_LABEL]: DEVIATION_SEVERITY, [TIER_LABEL]: DEVIATION_TIER },
    annotations: {
      summary: `${name}: latency deviates from yesterday and last week (${d.window})`,
      description:
        `{{ $value | humanizePercentage }} of ${name} requests in the last ${d.window} were ${badWords(slo)}: ` +
        `more than ${d.factor}× and at least ${Number((d.minDifference * 100).toPrecision(6))} percentage points above in the same ${d.window} one day and one week earlier ` +
        `(at least ${d.minEvents} request${d.minEvents === 1 ? "" : "s"} now).`,
      ...linkAnnotations(slo, opts, w),
    },
  };
}
