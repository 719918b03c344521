import "server-only";
// Picker data: services, operations (span names) of a service, span kinds, each with its request
// rate over a look-back, busiest first. Built from the `_count` series only (one query each).
import { render } from "@/lib/promql/ast";
import { trafficByQuery, type TrafficDimension, type TrafficFilter } from "@/lib/promql/discovery-queries";
import type { ProducerProfile } from "@/lib/promql/profiles";
import { countSelector, type SloSelection } from "@/lib/promql/slo-queries";
import type { MetricsSource } from "./client";
import { ok, type Result } from "./result";

export interface TrafficItem {
  value: string;
  requestsPerSecond: number;
}

export interface DiscoverOptions {
  atSeconds: number;
  /** Rate look-back, default 1 h: long enough that a quiet service still shows up. */
  lookbackSeconds?: number;
}

async function discover(
  src: MetricsSource,
  profile: ProducerProfile,
  dimension: TrafficDimension,
  filter: TrafficFilter,
  opts: DiscoverOptions,
): Promise<Result<TrafficItem[]>> {
  const label = profile.labels[dimension];
  const r = await src.query(render(trafficByQuery(profile, dimension, filter, opts.lookbackSeconds ?? 3600, "rate")), opts.atSeconds);
  if (!r.ok) return r;
  const items = r.value.samples
    .filter((s) => s.labels[label] !== undefined)
    .map((s) => ({ value: s.labels[label], requestsPerSecond: Number.isFinite(s.value) ? s.value : 0 }));
  items.sort((a, b) => b.requestsPerSecond - a.requestsPerSecond || (a.value < b.value ? -1 : 1));
  return ok(items);
}

export const listServices = (src: MetricsSource, profile: ProducerProfile, opts: DiscoverOptions) =>
  discover(src, profile, "service", {}, opts);

export const listOperations = (src: MetricsSource, profile: ProducerProfile, service: string, opts: DiscoverOptions) =>
  discover(src, profile, "spanName", { service }, opts);

export const listSpanKinds = (src: MetricsSource, profile: ProducerProfile, service: string, operation: string | undefined, opts: DiscoverOptions) =>
  discover(src, profile, "spanKind", operation === undefined ? { service } : { service, spanName: operation }, opts);

export interface SeriesCount {
  seriesCount: number;
  /** Operations (span names) the selection reads, with their series, most first. */
  operations: { name: string; seriesCount: number }[];
}

/**
 * How many `_count` series a selection reads within [start, end] (one per label set: the bucket
 * series are that many times the boundaries), and how they split over operations. One series request.
 */
export async function countSelectionSeries(src: MetricsSource, profile: ProducerProfile, selection: SloSelection, startSeconds: number, endSeconds: number): Promise<Result<SeriesCount & { query: string }>> {
  const query = render(countSelector(selection, profile));
  const r = await src.series([query], startSeconds, endSeconds);
  if (!r.ok) return r;
  const byOperation = new Map<string, number>();
  const seen = new Set<string>();
  for (const labels of r.value) {
    const id = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (seen.has(id)) continue;
    seen.add(id);
    const op = labels[profile.labels.spanName] ?? "";
    byOperation.set(op, (byOperation.get(op) ?? 0) + 1);
  }
  const operations = [...byOperation].map(([name, seriesCount]) => ({ name, seriesCount }));
  operations.sort((a, b) => b.seriesCount - a.seriesCount || (a.name < b.name ? -1 : 1));
  return ok({ seriesCount: seen.size, operations, query });
}
