// The one naming scheme of generated rules (docs/alerting.md, "Names"). Pure, no I/O.
//
//   sightline_slo:good:increase<d>            good requests over the last <d>   (d = 5m 30m 1h 2h 6h 1d 3d <window>)
//   sightline_slo:total:increase<d>           all requests over the last <d>
//   sightline_slo:budget_remaining:ratio<W>   1 − bad ÷ (allowed bad fraction × total) over the SLO window W
//   sightline_slo:burn_rate:ratio<d>          bad ÷ total ÷ allowed bad fraction over <d> (d = the burn windows)
//   sightline_slo:burn_rate:worst             the overview's worst burn rate, labelled burn_window and,
//                                             when a tier is exceeded, burn_severity (rules-overview.ts)
//   sightline_slo:sli:ratio6h                 good ÷ total over the last 6 h (the overview's 7-day trend)
//   sightline_slo:slow_share:ratio<w>         bad ÷ total over the deviation window w, now, 1 d and 7 d earlier
//   sightline_slo:slow_share_1d_ago:ratio<w>  (only with the deviation alert on)
//   sightline_slo:slow_share_7d_ago:ratio<w>
//
// Every recorded series and alert carries `sightline_slo="<slug>"`, `service="<service>"` and, when
// the SLO has one, `team="<team>"`; alerts add `severity` and `sightline_tier`.
import { selector, matcher, type Selector } from "./ast";
import { formatDuration } from "./duration";

export const SLO_LABEL = "sightline_slo";
export const TIER_LABEL = "sightline_tier";
export const SEVERITY_LABEL = "severity";

export type CountKind = "good" | "total";

/** Name of a recorded count over `seconds`: `sightline_slo:good:increase1h`. */
export const increaseName = (kind: CountKind, seconds: number): string => `sightline_slo:${kind}:increase${formatDuration(seconds)}`;
export const budgetRemainingName = (windowSeconds: number): string => `sightline_slo:budget_remaining:ratio${formatDuration(windowSeconds)}`;
export const burnRateName = (seconds: number): string => `sightline_slo:burn_rate:ratio${formatDuration(seconds)}`;
export const WORST_BURN = "sightline_slo:burn_rate:worst";
export const BURN_WINDOW_LABEL = "burn_window";
export const BURN_SEVERITY_LABEL = "burn_severity";
/** The overview's trend step (lib/server/slo/overview-common.ts) and the SLI recorded for it. */
export const TREND_STEP_SECONDS = 6 * 3600;
export const trendSliName = (seconds: number): string => `sightline_slo:sli:ratio${formatDuration(seconds)}`;
export type ShareAgo = "now" | "1d" | "7d";
export const slowShareName = (windowSeconds: number, ago: ShareAgo): string =>
  `sightline_slo:slow_share${ago === "now" ? "" : `_${ago}_ago`}:ratio${formatDuration(windowSeconds)}`;

/** A recorded series of one SLO (matched on the slug, the only label every one of them has). */
export const recorded = (name: string, slug: string): Selector => selector(name, [matcher(SLO_LABEL, "=", slug)]);

/** Rule group of one SLO. */
export const groupName = (slug: string): string => `sightline-${slug}`;

/** Alert names: one for every burn tier (told apart by sightline_tier), one each for deviation and absence. */
export const BURN_ALERT = "SightlineErrorBudgetBurn";
export const DEVIATION_ALERT = "SightlineLatencyDeviation";
export const ABSENT_ALERT = "SightlineSloDataAbsent";
export const DEVIATION_TIER = "latency-deviation";
export const ABSENT_TIER = "data-absent";

/** Labels every rule of an SLO stamps on its output. Empty values are left out: Prometheus drops them anyway. */
export function sloLabels(slo: { slug: string; service: string; team: string }): Record<string, string> {
  return { [SLO_LABEL]: slo.slug, service: slo.service, ...(slo.team ? { team: slo.team } : {}) };
}
