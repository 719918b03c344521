// The fast path of the demo world: span-metric increments per interval drawn straight from the
// latency model (Poisson request counts, multinomial bucket counts) instead of materialising every
// span, so a month of history costs seconds. Pure; each interval has its own seeded stream, so a
// given interval comes out the same however the history is chunked.
import { binomial, createRng, multinomial, poisson } from "./random";
import { bucketProbabilities, buildModels, seriesId, seriesKeys, type RegimeModel } from "./model";
import { latencyScale, meanEntryRate, regimeAt } from "./traffic";
import type { SeriesKey, World } from "./types";

export interface AggregatorOptions {
  seed: string;
  /** The world's "now" when its history was made: events sit at fixed offsets from it. */
  anchorMs: number;
  /** Finite histogram bounds in milliseconds (the producer's layout converted). */
  boundsMs: readonly number[];
  samplesPerEntry?: number;
  /** Reuse models built earlier (they depend on world and seed only). */
  models?: Map<string, RegimeModel>;
}

export interface Aggregator {
  world: World;
  opts: AggregatorOptions;
  models: Map<string, RegimeModel>;
  /** Every series, in a stable order; increments refer to it by index. */
  keys: SeriesKey[];
}

/** Observations added to one series over one interval. */
export interface SeriesIncrement {
  series: number;
  /** Non-cumulative counts per bucket; the last entry is the overflow (+Inf) bucket. */
  perBucket: number[];
  count: number;
  sumMs: number;
}

export function createAggregator(world: World, opts: AggregatorOptions): Aggregator {
  const models = opts.models ?? buildModels(world, { seed: opts.seed, samplesPerEntry: opts.samplesPerEntry });
  return { world, opts, models, keys: seriesKeys(models) };
}

/** Expected spans per second of every operation at the interval's mean traffic. */
export function operationRates(agg: Aggregator, model: RegimeModel, fromMs: number, toMs: number): Map<string, number> {
  const rates = new Map<string, number>();
  for (const entry of agg.world.entries) {
    const rps = meanEntryRate(entry, fromMs, toMs);
    if (rps <= 0) continue;
    for (const [op, perRequest] of model.callsPerRequest.get(entry.op) ?? [])
      rates.set(op, (rates.get(op) ?? 0) + rps * perRequest);
  }
  return rates;
}

/** Draws the increments of [fromMs, toMs). Series without traffic are left out. */
export function sampleInterval(agg: Aggregator, fromMs: number, toMs: number): SeriesIncrement[] {
  const mid = (fromMs + toMs) / 2;
  const model = agg.models.get(regimeAt(agg.world, agg.opts.anchorMs, mid)) ?? agg.models.get("")!;
  const scale = latencyScale(mid);
  const rng = createRng(`${agg.opts.seed}/interval/${fromMs}/${toMs}`);
  const index = seriesIndex(agg);
  const seconds = (toMs - fromMs) / 1000;
  const out: SeriesIncrement[] = [];
  for (const [op, rate] of operationRates(agg, model, fromMs, toMs)) {
    const stats = model.operations.get(op);
    if (!stats) continue;
    const n = poisson(rng, rate * seconds);
    if (n === 0) continue;
    const errors = binomial(rng, n, stats.errorProbability);
    const parts: [SeriesKey["statusCode"], number, Float64Array, number][] = [
      ["STATUS_CODE_UNSET", n - errors, stats.ok, stats.meanOkMs],
      ["STATUS_CODE_ERROR", errors, stats.error, stats.meanErrorMs],
    ];
    for (const [statusCode, count, sorted, meanMs] of parts) {
      if (count === 0) continue;
      const series = index.get(seriesId({ ...stats.key, statusCode }));
      if (series === undefined) continue;
      const perBucket = multinomial(rng, count, bucketProbabilities(sorted, agg.opts.boundsMs, scale));
      out.push({ series, perBucket, count, sumMs: count * meanMs * scale });
    }
  }
  return out;
}

const indexCache = new WeakMap<Aggregator, Map<string, number>>();
function seriesIndex(agg: Aggregator): Map<string, number> {
  let m = indexCache.get(agg);
  if (!m) indexCache.set(agg, (m = new Map(agg.keys.map((k, i) => [seriesId(k), i]))));
  return m;
}
