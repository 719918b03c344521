// Exemplars for the demo's past (a backfill carries none: promtool drops them): requests simulated
// at past moments with the same request trees, events and load slowdown as the live world, each
// becoming one trace the world server can serve and one exemplar per span on the series and bucket
// its duration falls in. Sampled sparsely in normal times and densely during events, so an
// incident like the checkout regression has requests to click through to. Pure: time and
// randomness come in as arguments.
import type { ProducerProfile } from "@/lib/promql/profiles";
import { toProducerUnit } from "@/lib/promql/profiles";
import { bucketIndex } from "@/lib/spanmetrics/state";
import type { Rng } from "./random";
import { exemplarTraceId, materializeTrace, type LiveTrace } from "./tempo-json";
import { simulateOperation } from "./traces";
import { activeEvents, latencyScale } from "./traffic";
import type { OperationOverride, SeriesKey, World } from "./types";

export interface ExemplarHistoryOptions {
  world: World;
  profile: ProducerProfile;
  anchorMs: number;
  fromMs: number;
  toMs: number;
  /** One request per entry every this many ms in normal times. */
  stepMs: number;
  /** …and every this many ms while an event is active. */
  eventStepMs: number;
  /** Entry operations to simulate (default: all of the world's). */
  entries?: readonly string[];
}

export interface HistoricalExemplar {
  key: SeriesKey;
  /** Index into profile.defaultBuckets (its length = +Inf). */
  bucket: number;
  /** In the producer's unit. */
  value: number;
  timestampMs: number;
  /** As the producer writes it (Tempo strips leading zeros). */
  traceId: string;
}

export function historicalExemplars(rng: Rng, opts: ExemplarHistoryOptions): { traces: LiveTrace[]; exemplars: HistoricalExemplar[] } {
  const { world, profile } = opts;
  const entries = opts.entries ?? world.entries.map((e) => e.op);
  const traces: LiveTrace[] = [];
  const exemplars: HistoricalExemplar[] = [];
  for (let t = opts.fromMs; t < opts.toMs; ) {
    const events = activeEvents(world, opts.anchorMs, t);
    const overrides: Record<string, OperationOverride> = Object.assign({}, ...events.map((e) => e.overrides));
    const ctx = { world, rng, overrides, scale: latencyScale(t) };
    for (const entry of entries) {
      const root = simulateOperation(ctx, entry, 0);
      // Spread within the slot so exemplars do not line up on the grid.
      const endMs = t + rng.next() * (events.length ? opts.eventStepMs : opts.stepMs);
      const trace = materializeTrace(rng, root, endMs - root.durationMs);
      traces.push(trace);
      const id = exemplarTraceId(trace.traceId);
      for (const s of trace.spans) {
        const value = toProducerUnit(Number(s.endNs - s.startNs) / 1e9, profile.unit);
        exemplars.push({
          key: { service: s.service, spanName: s.name, spanKind: s.kind, statusCode: s.error ? "STATUS_CODE_ERROR" : "STATUS_CODE_UNSET" },
          bucket: bucketIndex(profile.defaultBuckets, value),
          value,
          timestampMs: Math.round(Number(s.endNs / 1_000_000n)),
          traceId: id,
        });
      }
    }
    t += events.length ? opts.eventStepMs : opts.stepMs;
  }
  return { traces, exemplars };
}
