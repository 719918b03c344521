// Bucket-resolution percentiles of a classic histogram, computed as Prometheus' histogram_quantile
// does (promql/quantile.go, bucketQuantile): rank = q × (count at +Inf); the first bucket whose
// cumulative count reaches the rank holds the answer, interpolated linearly between its lower and
// upper boundary (the lowest bucket from 0 when its boundary is positive). A rank in the +Inf
// bucket answers the highest finite boundary: the histogram cannot say more. Pure, no I/O.
// These are estimates (tempo#7863: sparse span-metric buckets are coarse); SLIs use counts, never these.

export interface CumulativeBucket {
  /** Upper boundary in seconds; Infinity for +Inf. */
  leSeconds: number;
  /** Requests at or under the boundary (cumulative). */
  count: number;
}

/**
 * The q-quantile (0 < q < 1) in seconds, or null without traffic or without a +Inf bucket.
 * Cumulative counts that decrease (skewed reads) are made monotonic first, as Prometheus does.
 */
export function bucketQuantile(q: number, buckets: readonly CumulativeBucket[]): number | null {
  if (!(q > 0 && q < 1)) throw new RangeError(`quantile must be in (0, 1), got ${q}`);
  const sorted = [...buckets].sort((a, b) => a.leSeconds - b.leSeconds);
  if (sorted.length < 2 || sorted[sorted.length - 1].leSeconds !== Infinity) return null;
  let running = 0;
  const cum = sorted.map((b) => (running = Math.max(running, Number.isFinite(b.count) ? b.count : 0)));
  const total = cum[cum.length - 1];
  if (!(total > 0)) return null;
  const rank = q * total;
  const i = cum.findIndex((c) => c >= rank);
  if (i === sorted.length - 1) return sorted[sorted.length - 2].leSeconds;
  const upper = sorted[i].leSeconds;
  if (i === 0 && upper <= 0) return upper;
  const lower = i === 0 ? 0 : sorted[i - 1].leSeconds;
  const below = i === 0 ? 0 : cum[i - 1];
  const inBucket = cum[i] - below;
  return lower + (upper - lower) * ((rank - below) / inBucket);
}
