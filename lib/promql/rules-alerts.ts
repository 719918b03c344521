// Alerting rules of one SLO: one multi-window, multi-burn-rate alert per enabled tier, and a
// data-absent alert. Pure, no I/O. The comparison is lib/slo/tier-firing.ts's, term for term:
//
//   (T_long − G_long) / T_long > thr  and  (T_short − G_short) / T_short > thr  and  T_long >= max(minEvents, 1)
//
// with thr = errorRatioThreshold(tier, objective) printed by String() (shortest round trip), the
// tiers from burnRateTiers (the status page's table) and the counts from the recorded increases
// (rules-recording.ts), so a backtest with forSeconds = BURN_FOR_SECONDS and these rules agree on
// every evaluation instant. $value is the long window's error ratio.
import { binary, call, num, render, type Expr } from "./ast";
import { burnRateTiers, type BurnRateTier } from "@/lib/slo/burn-tiers";
import { formatMs, formatObjective } from "@/lib/slo/format";
import { errorRatioThreshold, minEventsGuard, tierId } from "@/lib/slo/tier-firing";
import { allowedBadFraction } from "@/lib/slo/ratio";
import { ABSENT_ALERT, ABSENT_TIER, BURN_ALERT, SEVERITY_LABEL, TIER_LABEL, increaseName, recorded, sloLabels } from "./rules-names";
import { errorRatioOf, recordedWindowSeconds } from "./rules-recording";
import { linkAnnotations, templateText } from "./rules-templates";
import type { AlertingRule, RuleOptions, RuleSlo } from "./rules-types";

/**
 * `for` of every burn tier: two evaluations at a 1-minute interval, so a single evaluation that
 * sees a skewed scrape (good and total read at different moments) cannot page; the short window
 * already stops the alert soon after the burn does. One value for all tiers, so a backtest run with
 * forSeconds = 120 reproduces every tier (lib/schemas/backtest.ts takes one `for`).
 */
export const BURN_FOR_SECONDS = 120;
/** The data-absent alert waits 10 minutes: a restart or a missed scrape or two is not an outage of the metrics. */
export const ABSENT_FOR_SECONDS = 600;

/** The tiers an SLO alerts on: the status page's table minus the ones switched off. */
export function enabledTiers(slo: Pick<RuleSlo, "window" | "alerting">): BurnRateTier[] {
  return burnRateTiers(slo.window).filter((t) => !(slo.alerting.disabledTiers as string[]).includes(tierId(t)));
}

export function burnCondition(slo: RuleSlo, tier: BurnRateTier): Expr {
  const thr = num(errorRatioThreshold(tier, slo.objective));
  const longTotal = recorded(increaseName("total", tier.longWindowSeconds), slo.slug);
  return binary(
    "and",
    binary("and", binary(">", errorRatioOf(slo.slug, tier.longWindowSeconds), thr), binary(">", errorRatioOf(slo.slug, tier.shortWindowSeconds), thr)),
    binary(">=", longTotal, num(minEventsGuard(slo.minEvents))),
  );
}

/** "slower than 512 ms" or "slower than 512 ms or failed". */
export const badWords = (slo: Pick<RuleSlo, "thresholdSeconds" | "countErrorsAsBad">): string =>
  `slower than ${formatMs(slo.thresholdSeconds)}${slo.countErrorsAsBad ? " or failed" : ""}`;

const requests = (n: number) => `${n} request${n === 1 ? "" : "s"}`;
const pct = (ratio: number) => `${Number((ratio * 100).toPrecision(6))} %`;

function windowWords(slo: RuleSlo): string {
  return slo.window.kind === "rolling" ? `${slo.window.days}-day` : "monthly (nominal 30-day)";
}

export function burnAlert(slo: RuleSlo, tier: BurnRateTier, opts: RuleOptions): AlertingRule {
  const id = tierId(tier);
  const threshold = errorRatioThreshold(tier, slo.objective);
  const name = templateText(slo.name);
  const description =
    `{{ $value | humanizePercentage }} of ${name} requests in the last ${tier.longWindow} were ${badWords(slo)}. ` +
    `This ${tier.severity} fires while both the last ${tier.longWindow} and the last ${tier.shortWindow} are above ${pct(threshold)} ` +
    `(burn rate ${tier.factor} × the ${pct(allowedBadFraction(slo.objective))} allowed by the ${formatObjective(slo.objective)} objective) ` +
    `and the last ${tier.longWindow} holds at least ${requests(minEventsGuard(slo.minEvents))}; ` +
    `at that pace ${Math.round(tier.budgetFraction * 100)} % of the ${windowWords(slo)} error budget goes in ${tier.longWindow}.`;
  return {
    alert: BURN_ALERT,
    expr: render(burnCondition(slo, tier)),
    forSeconds: BURN_FOR_SECONDS,
    labels: { [SEVERITY_LABEL]: tier.severity, [TIER_LABEL]: id },
    annotations: {
      summary: `${name}: error budget burn rate above ${tier.factor} over ${tier.longWindow} and ${tier.shortWindow}`,
      description,
      ...linkAnnotations(slo, opts, tier.longWindowSeconds),
    },
  };
}

export function absentAlert(slo: RuleSlo, opts: RuleOptions): AlertingRule {
  const name = templateText(slo.name);
  return {
    alert: ABSENT_ALERT,
    // The 5m count is recorded whenever the SLO's count series had samples in the last 5 minutes
    // (zero traffic records 0): its absence means the span metrics stopped arriving, or never did.
    expr: render(call("absent", recorded(increaseName("total", 300), slo.slug))),
    forSeconds: ABSENT_FOR_SECONDS,
    labels: { ...sloLabels(slo), [SEVERITY_LABEL]: "ticket", [TIER_LABEL]: ABSENT_TIER },
    annotations: {
      summary: `${name}: no span metrics`,
      description:
        `No ${templateText(slo.service)} span metrics for ${name} reached Prometheus in the last ${ABSENT_FOR_SECONDS / 60 + 5} minutes, ` +
        `so its burn-rate alerts cannot fire. Check the collector or metrics-generator and the scrape.`,
      ...linkAnnotations(slo, opts, recordedWindowSeconds(slo), { slowRequests: false }),
    },
  };
}

export function sloAlerts(slo: RuleSlo, opts: RuleOptions): AlertingRule[] {
  return [...enabledTiers(slo).map((t) => burnAlert(slo, t, opts)), absentAlert(slo, opts)];
}
