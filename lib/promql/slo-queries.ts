// The PromQL for one latency SLO (good and total over a window, freshness), per producer profile.
// good  = sum(increase(<hist>_bucket{sel, le=~"<spellings>"}[W]))   (requests at or under the boundary)
// total = sum(increase(<hist>_count{sel}[W]))
// Event-weighted counts over the whole window, never averages of ratios (PEER-LESSONS.md). Pure.
import type { CreateSloInput } from "@/lib/schemas/slo";
import { call, matcher, rangeFn, selector, setLabel, binary, agg, subquery, sum, type Expr, type Matcher, type Selector } from "./ast";
import { regexAlternation } from "./escape";
import { bucketMetric, countMetric, type ProducerProfile } from "./profiles";

/** The parts of an SLO that select its series. */
export type SloSelection = Pick<
  CreateSloInput,
  "service" | "operation" | "operationMatch" | "spanKind" | "extraMatchers" | "countErrorsAsBad"
>;

/** At least one spelling: an empty alternation would match series without `le`. */
export type LeSpellings = readonly [string, ...string[]];

/** Matchers shared by the bucket and count series. */
export function selectionMatchers(slo: SloSelection, profile: ProducerProfile): Matcher[] {
  const l = profile.labels;
  return [
    matcher(l.service, "=", slo.service),
    matcher(l.spanName, slo.operationMatch === "regex" ? "=~" : "=", slo.operation),
    ...(slo.spanKind ? [matcher(l.spanKind, "=", slo.spanKind)] : []),
    ...slo.extraMatchers.map((m) => matcher(m.label, m.op, m.value)),
  ];
}

/** Exact match on every spelling of one boundary; Prometheus anchors `=~`, so `1|1\.0` never matches `10`. */
export function leMatcher(spellings: LeSpellings): Matcher {
  return spellings.length === 1 ? matcher("le", "=", spellings[0]) : matcher("le", "=~", regexAlternation(spellings));
}

/** Bucket series of the SLO; `le` null selects every bucket (layout reading). */
export function bucketSelector(slo: SloSelection, profile: ProducerProfile, le: LeSpellings | null): Selector {
  return selector(bucketMetric(profile), [
    ...selectionMatchers(slo, profile),
    // Errors are bad whatever their latency: keep them out of the good buckets only.
    ...(slo.countErrorsAsBad ? [matcher(profile.labels.statusCode, "!=", profile.statusError)] : []),
    ...(le ? [leMatcher(le)] : []),
  ]);
}

export const countSelector = (slo: SloSelection, profile: ProducerProfile): Selector =>
  selector(countMetric(profile), selectionMatchers(slo, profile));

export const goodQuery = (slo: SloSelection, profile: ProducerProfile, le: LeSpellings, windowSeconds: number): Expr =>
  sum(rangeFn("increase", bucketSelector(slo, profile, le), windowSeconds));

export const totalQuery = (slo: SloSelection, profile: ProducerProfile, windowSeconds: number): Expr =>
  sum(rangeFn("increase", countSelector(slo, profile), windowSeconds));

/** Unix seconds of the newest `_count` sample within the lookback (freshness). */
export const lastSampleQuery = (slo: SloSelection, profile: ProducerProfile): Expr =>
  agg("max", call("timestamp", countSelector(slo, profile)));

/** Resolution of the freshness look-back: under Prometheus' 5-minute lookback, so no sample is skipped. */
export const FRESHNESS_RESOLUTION_SECONDS = 240;

/**
 * Unix seconds of the newest `_count` sample in the last `rangeSeconds`, for when the plain lookback
 * finds none: timestamp() returns each sample's own time, so the maximum is exact, not step-rounded.
 */
export const lastSampleWithinQuery = (slo: SloSelection, profile: ProducerProfile, rangeSeconds: number): Expr =>
  agg("max", subquery("max_over_time", call("timestamp", countSelector(slo, profile)), rangeSeconds, FRESHNESS_RESOLUTION_SECONDS));

/** Label that tags each part of a batched query. Aggregations drop every other label, so it cannot clash. */
export const PART_LABEL = "sightline_part";

/**
 * Several scalar-like queries in one round trip: each part is stamped with `sightline_part="<tag>"`
 * and the parts are joined with `or`. A part with no data is simply absent from the answer.
 */
export function taggedUnion(parts: readonly { tag: string; expr: Expr }[]): Expr {
  if (parts.length === 0) throw new Error("taggedUnion needs at least one part");
  return parts.map((p) => setLabel(p.expr, PART_LABEL, p.tag) as Expr).reduce((acc, e) => binary("or", acc, e));
}
