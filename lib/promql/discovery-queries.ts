// Queries behind the pickers (services, operations, span kinds), each with its request rate. Pure.
import { matcher, rangeFn, selector, sum, type Expr } from "./ast";
import { countMetric, type ProducerProfile } from "./profiles";

export type TrafficDimension = "service" | "spanName" | "spanKind";

export interface TrafficFilter {
  service?: string;
  spanName?: string;
}

/**
 * `sum by (<dimension>) (rate(<hist>_count{filter}[range]))` (requests per second) or with
 * `increase` (requests in the range). The range is the look-back of the picker, e.g. 5m or 1d.
 */
export function trafficByQuery(
  profile: ProducerProfile,
  dimension: TrafficDimension,
  filter: TrafficFilter,
  rangeSeconds: number,
  fn: "rate" | "increase" = "rate",
): Expr {
  const l = profile.labels;
  const matchers = [
    ...(filter.service !== undefined ? [matcher(l.service, "=", filter.service)] : []),
    ...(filter.spanName !== undefined ? [matcher(l.spanName, "=", filter.spanName)] : []),
  ];
  return sum(rangeFn(fn, selector(countMetric(profile), matchers), rangeSeconds), [l[dimension]]);
}
