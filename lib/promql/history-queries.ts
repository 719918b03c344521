// The PromQL behind target suggestion and backtest: per-step increases over a past range, read in
// one range query each. Pure. Each query is evaluated with query_range at step ends (start = first
// step end, step = the step), so `increase(x[step])` at t is the step (t − step, t]: the same edges
// as the engines' steps (docs/suggestion-and-backtest.md). A step whose series have fewer than two
// samples has no point at all in Prometheus' answer: the reader turns that absence into a gap
// (null), never into zero traffic.
import { agg, call, rangeFn, subquery, sum, type Expr } from "./ast";
import { bucketSelector, countSelector, goodQuery, taggedUnion, totalQuery, type LeSpellings, type SloSelection } from "./slo-queries";
import type { ProducerProfile } from "./profiles";
import { BURN_WINDOWS, BURN_WINDOW_SECONDS, type BurnWindow } from "@/lib/slo/types";

/**
 * Every bucket's per-step increase, by boundary and status: `sum by (le, status_code)`. Errors are
 * kept in (the distribution and percentiles describe every request); the reader leaves error
 * statuses out of the good counts when the selection counts errors as bad, which is what the
 * status page's `status_code!="…ERROR"` matcher does.
 */
export const bucketsByLeQuery = (slo: SloSelection, profile: ProducerProfile, stepSeconds: number): Expr =>
  sum(rangeFn("increase", bucketSelector({ ...slo, countErrorsAsBad: false }, profile, null), stepSeconds), ["le", profile.labels.statusCode]);

/** Counter resets per step over the selection's `_count` series (> 0: some series restarted). */
export const resetsQuery = (slo: SloSelection, profile: ProducerProfile, stepSeconds: number): Expr =>
  sum(rangeFn("resets", countSelector(slo, profile), stepSeconds));

/** Suggestion's one range query: total, every bucket by (le, status), resets; tags total / buckets / resets. */
export const suggestStepsQuery = (slo: SloSelection, profile: ProducerProfile, stepSeconds: number): Expr =>
  taggedUnion([
    { tag: "total", expr: totalQuery(slo, profile, stepSeconds) },
    { tag: "buckets", expr: bucketsByLeQuery(slo, profile, stepSeconds) },
    { tag: "resets", expr: resetsQuery(slo, profile, stepSeconds) },
  ]);

/** Burn windows the steps cannot sum to (not a whole number of steps: 5m and 30m at hourly steps), read at each step end. */
export const windowsBesideSteps = (stepSeconds: number): BurnWindow[] => BURN_WINDOWS.filter((w) => BURN_WINDOW_SECONDS[w] % stepSeconds !== 0);

/**
 * Backtest's one range query at one boundary: per-step good/total, resets, and the burn windows
 * that are not whole steps (at hourly steps good_5m, total_5m, good_30m, total_30m) evaluated at the same step ends. `le` null: no
 * boundary at or under the threshold, so nothing is good (as on the status page).
 */
export function backtestStepsQuery(slo: SloSelection, profile: ProducerProfile, le: LeSpellings | null, stepSeconds: number): Expr {
  const pair = (tag: string, seconds: number) => [
    { tag: `total_${tag}`, expr: totalQuery(slo, profile, seconds) },
    ...(le ? [{ tag: `good_${tag}`, expr: goodQuery(slo, profile, le, seconds) }] : []),
  ];
  return taggedUnion([
    ...pair("step", stepSeconds),
    ...windowsBesideSteps(stepSeconds).flatMap((w) => pair(w, BURN_WINDOW_SECONDS[w])),
    { tag: "resets", expr: resetsQuery(slo, profile, stepSeconds) },
  ]);
}

/**
 * Oldest `_count` sample within `rangeSeconds` before the evaluation moment, found at `resolutionSeconds`:
 * `min(min_over_time(timestamp(<count>)[R:res]))`. timestamp() gives each sample's own time, so the
 * answer is a real sample's time. Every subquery tick costs a look-back seek per series (about half a
 * millisecond on Prometheus 2.42), so this is only for short ranges: at a resolution of one second every
 * sample at least a second after the previous one of its series is the latest at some tick, and the
 * answer is the oldest sample in the range exactly.
 */
export const oldestSampleQuery = (slo: SloSelection, profile: ProducerProfile, rangeSeconds: number, resolutionSeconds: number): Expr =>
  agg("min", subquery("min_over_time", call("timestamp", countSelector(slo, profile)), rangeSeconds, resolutionSeconds));

/**
 * The first `windowSeconds` window within `rangeSeconds` before the evaluation moment that holds any
 * `_count` sample, as its end: `min(min_over_time(timestamp(count_over_time(<count>[W]))[R:W]))`. The
 * windows tile the range (ticks at multiples of W, each window [tick − W, tick]) and count raw samples,
 * so no sample is missed whatever the scrape interval or gaps; timestamp() of a computed value is its
 * tick. The oldest sample lies in [answer − W, answer]. Cheap over long ranges (one pass over the raw
 * samples): the coarse steps of the oldest-sample search.
 */
export const firstSampleWindowQuery = (slo: SloSelection, profile: ProducerProfile, rangeSeconds: number, windowSeconds: number): Expr =>
  agg("min", subquery("min_over_time", call("timestamp", rangeFn("count_over_time", countSelector(slo, profile), windowSeconds)), rangeSeconds, windowSeconds));
