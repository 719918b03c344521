// Latency model for the aggregated (backfill) path, estimated by Monte Carlo from the very tree
// generator the live server uses, so history and live traffic share one distribution per span.
// Pure and deterministic for a given seed. A span's duration depends only on its own subtree,
// never on which entry point called it, so samples are pooled per operation across entries.
import { createRng } from "./random";
import { simulateOperation, walkSpans } from "./traces";
import type { DemoStatus, OperationOverride, SeriesKey, World, WorldEvent } from "./types";

export interface OperationStats {
  key: Omit<SeriesKey, "statusCode">;
  /** Share of spans of this operation that end in ERROR. */
  errorProbability: number;
  /** Sorted durations (milliseconds, at latency scale 1) of healthy and failing spans. */
  ok: Float64Array;
  error: Float64Array;
  meanOkMs: number;
  meanErrorMs: number;
}

export interface RegimeModel {
  regime: string;
  operations: Map<string, OperationStats>;
  /** Expected spans of each operation per request into each entry point. */
  callsPerRequest: Map<string, Map<string, number>>;
}

export interface ModelOptions {
  seed: string;
  /** Trees simulated per entry point; the tail resolution of the history is about 1/this. */
  samplesPerEntry?: number;
}

const mean = (a: Float64Array) => (a.length ? a.reduce((s, x) => s + x, 0) / a.length : 0);

function overridesOf(events: readonly WorldEvent[]): Record<string, OperationOverride> {
  return Object.assign({}, ...events.map((e) => e.overrides));
}

/** Ops reachable from an entry (to know which entries an event touches). */
function reachable(world: World, root: string, seen = new Set<string>()): Set<string> {
  if (seen.has(root)) return seen;
  seen.add(root);
  for (const c of world.operations[root]?.calls ?? []) reachable(world, c.op, seen);
  return seen;
}

interface EntrySamples {
  calls: Map<string, number>;
  durations: Map<string, { key: OperationStats["key"]; ok: number[]; error: number[] }>;
}

function simulateEntry(world: World, entry: string, overrides: Record<string, OperationOverride>, seed: string, n: number): EntrySamples {
  const rng = createRng(`${seed}/model/${entry}/${Object.keys(overrides).sort().join(",")}`);
  const ctx = { world, rng, overrides, scale: 1 };
  const calls = new Map<string, number>();
  const durations: EntrySamples["durations"] = new Map();
  for (let i = 0; i < n; i++) {
    for (const s of walkSpans(simulateOperation(ctx, entry, 0))) {
      calls.set(s.op, (calls.get(s.op) ?? 0) + 1);
      let d = durations.get(s.op);
      if (!d) durations.set(s.op, (d = { key: { service: s.service, spanName: s.name, spanKind: s.kind }, ok: [], error: [] }));
      (s.error ? d.error : d.ok).push(s.durationMs);
    }
  }
  for (const [k, v] of calls) calls.set(k, v / n);
  return { calls, durations };
}

/**
 * Builds the model of every regime (normal times, and each event) the world can be in.
 * Entries an event does not reach reuse the normal-times samples.
 */
export function buildModels(world: World, opts: ModelOptions): Map<string, RegimeModel> {
  const n = opts.samplesPerEntry ?? 20_000;
  const normal = new Map(world.entries.map((e) => [e.op, simulateEntry(world, e.op, {}, opts.seed, n)]));
  const regimes: { id: string; events: WorldEvent[] }[] = [{ id: "", events: [] }, ...world.events.map((e) => ({ id: e.id, events: [e] }))];
  const out = new Map<string, RegimeModel>();
  for (const r of regimes) {
    const overrides = overridesOf(r.events);
    const touched = Object.keys(overrides);
    const perEntry = new Map<string, EntrySamples>();
    for (const e of world.entries) {
      const affected = touched.some((op) => reachable(world, e.op).has(op));
      perEntry.set(e.op, affected ? simulateEntry(world, e.op, overrides, opts.seed, n) : normal.get(e.op)!);
    }
    out.set(r.id, poolRegime(r.id, perEntry));
  }
  return out;
}

function poolRegime(regime: string, perEntry: Map<string, EntrySamples>): RegimeModel {
  const pooled = new Map<string, { key: OperationStats["key"]; ok: number[]; error: number[] }>();
  const callsPerRequest = new Map<string, Map<string, number>>();
  for (const [entry, s] of perEntry) {
    callsPerRequest.set(entry, s.calls);
    for (const [op, d] of s.durations) {
      const p = pooled.get(op);
      if (!p) pooled.set(op, { key: d.key, ok: [...d.ok], error: [...d.error] });
      else {
        for (const x of d.ok) p.ok.push(x);
        for (const x of d.error) p.error.push(x);
      }
    }
  }
  const operations = new Map<string, OperationStats>();
  for (const [op, p] of pooled) {
    const ok = Float64Array.from(p.ok).sort();
    const error = Float64Array.from(p.error).sort();
    operations.set(op, {
      key: p.key,
      errorProbability: error.length / (ok.length + error.length),
      ok,
      error,
      meanOkMs: mean(ok),
      meanErrorMs: mean(error),
    });
  }
  return { regime, operations, callsPerRequest };
}

/** Share of sorted samples at or below x (binary search). */
export function fractionAtOrBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length ? lo / sorted.length : 1;
}

/**
 * Probability of each bucket (non-cumulative, last = overflow) for durations scaled by `scale`,
 * with `boundsMs` the finite upper bounds in milliseconds.
 */
export function bucketProbabilities(sorted: Float64Array, boundsMs: readonly number[], scale: number): number[] {
  const out: number[] = [];
  let prev = 0;
  for (const b of boundsMs) {
    const f = fractionAtOrBelow(sorted, b / scale);
    out.push(f - prev);
    prev = f;
  }
  out.push(1 - prev);
  return out;
}

/** Every series the world can produce: one per operation and status it can end in. */
export function seriesKeys(models: Map<string, RegimeModel>): SeriesKey[] {
  const seen = new Map<string, SeriesKey>();
  for (const m of models.values())
    for (const [op, s] of m.operations) {
      const statuses: DemoStatus[] = s.errorProbability > 0 ? ["STATUS_CODE_UNSET", "STATUS_CODE_ERROR"] : ["STATUS_CODE_UNSET"];
      for (const statusCode of statuses) seen.set(`${op}|${statusCode}`, { ...s.key, statusCode });
    }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, k]) => k);
}

export const seriesId = (k: SeriesKey) => `${k.service}|${k.spanName}|${k.spanKind}|${k.statusCode}`;
