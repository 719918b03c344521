// The PromQL of the batched overview (docs/overview.md). Pure, no I/O.
//
// Raw path, per datasource, producer profile, window W and boundary (`le`):
//   sum by (<labels>) (increase(<hist>_count{<service union>}[W]))
//   sum by (<labels>) (increase(<hist>_bucket{<service union>, le=~"<spellings>"}[W]))
// where <labels> keeps every label any SLO's matchers read; lib/slo/overview-assign.ts then gives each
// SLO the sum of the groups its selection matches. Recorded path: the generated rules' series of all
// SLOs, one query per recorded name (window counts, worst burn rate, the trend's 6-hour SLI).
import { agg, matcher, rangeFn, render, selector, sum, type Matcher, type PromQL } from "./ast";
import { regexAlternation } from "./escape";
import { bucketMetric, countMetric, type ProducerProfile } from "./profiles";
import { BURN_ALERT, BURN_SEVERITY_LABEL, BURN_WINDOW_LABEL, SLO_LABEL, WORST_BURN } from "./rules-names";
import { leMatcher, type LeSpellings } from "./slo-queries";

/** Labels every grouped query keeps: those the selection and the error exclusion match on. */
export const baseGroupingLabels = (p: ProducerProfile): string[] => [p.labels.service, p.labels.spanName, p.labels.spanKind, p.labels.statusCode];

/** The profile's service label matching any of `services` (exact when there is one). */
export function serviceUnion(p: ProducerProfile, services: readonly string[]): Matcher {
  const distinct = [...new Set(services)].sort();
  if (distinct.length === 0) throw new Error("serviceUnion needs at least one service");
  return distinct.length === 1 ? matcher(p.labels.service, "=", distinct[0]) : matcher(p.labels.service, "=~", regexAlternation(distinct));
}

export const groupedTotal = (p: ProducerProfile, services: readonly string[], by: readonly string[], seconds: number): PromQL =>
  render(sum(rangeFn("increase", selector(countMetric(p), [serviceUnion(p, services)]), seconds), by));

export const groupedGood = (p: ProducerProfile, services: readonly string[], le: LeSpellings, by: readonly string[], seconds: number): PromQL =>
  render(sum(rangeFn("increase", selector(bucketMetric(p), [serviceUnion(p, services), leMatcher(le)]), seconds), by));

/**
 * `/api/v1/series` selectors that answer profile detection and layout reading for many SLOs at once:
 * per candidate producer, its count series (which producer has data for which service) and its
 * bucket series (every `le` of every series, for each SLO's layout).
 */
export function contextSelectors(candidates: readonly ProducerProfile[], services: readonly string[]): PromQL[] {
  return candidates.flatMap((p) => [
    render(selector(countMetric(p), [serviceUnion(p, services)])),
    render(selector(bucketMetric(p), [serviceUnion(p, services)])),
  ]);
}

/**
 * One recorded series per slug: `max by (sightline_slo) (<name>)`. One rule group per SLO writes
 * one series per name; `max`, not `sum`, keeps two replicas evaluating the same rules (an HA pair
 * behind Thanos or Mimir without deduplication) from doubling the counts.
 */
export const recordedPerSlug = (name: string): PromQL => render(agg("max", selector(name), [SLO_LABEL]));

/**
 * Every series of a recorded name, as stored (the trend's range query): Prometheus 2.42 answers a
 * plain selector over 28 steps of 10,000 series in half the time of `max by` (no per-step
 * aggregation), for ~10 % more bytes. Duplicates (replicas) are folded by slug in Sightline.
 */
export const recordedSeries = (name: string): PromQL => render(selector(name));

/** The recorded worst burn rate per slug, with the window and (when a tier is exceeded) severity it names. */
export const recordedWorstBurn = (): PromQL => render(agg("max", selector(WORST_BURN), [SLO_LABEL, BURN_WINDOW_LABEL, BURN_SEVERITY_LABEL]));

/** Generated burn alerts firing now, of every SLO. */
export const firingBurnAlerts = (): PromQL =>
  render(selector("ALERTS", [matcher("alertname", "=", BURN_ALERT), matcher("alertstate", "=", "firing")]));
