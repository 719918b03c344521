// The live side of the demo world: real-time request trees, the span-metric counters they feed
// (continuing from the backfilled values) with the latest trace per bucket as exemplar, and a
// bounded store of recent traces for the trace-by-ID API. Pure state machine: time comes in as
// arguments, so tests drive it without a clock.
import type { ProducerProfile } from "@/lib/promql/profiles";
import { toProducerUnit } from "@/lib/promql/profiles";
import { newHistogramState, observe, snapshot, spanLabels } from "@/lib/spanmetrics/state";
import type { CounterFamily, HistogramFamily, MetricFamily } from "@/lib/spanmetrics/types";
import type { SeriesBank } from "./history";
import { seriesId } from "./model";
import { createRng, poisson, type Rng } from "./random";
import { materializeTrace, exemplarTraceId, type LiveTrace } from "./tempo-json";
import { simulateOperation } from "./traces";
import { activeEvents, entryRate, latencyScale } from "./traffic";
import type { OperationOverride, SeriesKey, World } from "./types";

export interface LiveOptions {
  world: World;
  seed: string;
  anchorMs: number;
  /** Recent traces kept for lookup (oldest dropped first). */
  maxTraces?: number;
  /** Upper bound on spans held by those traces (memory cap). */
  maxSpans?: number;
  /** Longest stretch simulated span by span; an older start is skipped forward (counters keep their values). */
  maxCatchUpMs?: number;
  /**
   * Scrapes carry no exemplars until releaseExemplars(): Prometheus keeps a series' exemplars in
   * time order, so seeded past ones (exemplar-history.ts) must arrive before the first live one.
   */
  holdExemplars?: boolean;
}

export interface LiveStats {
  traces: number;
  pinned: number;
  spans: number;
  generated: number;
  skippedMs: number;
}

export class LiveWorld {
  private readonly rng: Rng;
  private readonly index = new Map<string, number>();
  private readonly recent = new Map<string, LiveTrace>();
  /** Traces still referenced by an exemplar slot, kept even after leaving `recent`. */
  private readonly pinned = new Map<string, LiveTrace>();
  private readonly refs = new Map<string, number>();
  /** Traces behind seeded past exemplars: kept for the life of the process. */
  private readonly historical = new Map<string, LiveTrace>();
  private held: boolean;
  private spans = 0;
  private generated = 0;
  private skippedMs = 0;

  constructor(
    readonly bank: SeriesBank,
    private readonly opts: LiveOptions,
  ) {
    this.rng = createRng(`${opts.seed}/live/${bank.atMs}`);
    this.held = opts.holdExemplars ?? false;
    bank.keys.forEach((k, i) => this.index.set(seriesId(k), i));
  }

  get profile(): ProducerProfile {
    return this.bank.profile;
  }

  /** Simulates every request that finished in (bank.atMs, nowMs]. */
  advanceTo(nowMs: number): void {
    const maxCatchUp = this.opts.maxCatchUpMs ?? 10 * 60_000;
    if (nowMs - this.bank.atMs > maxCatchUp) {
      this.skippedMs += nowMs - maxCatchUp - this.bank.atMs;
      this.bank.atMs = nowMs - maxCatchUp;
    }
    // One-second slices: traffic shape and events change slowly against that.
    while (this.bank.atMs < nowMs) {
      const from = this.bank.atMs;
      const to = Math.min(nowMs, from + 1000);
      this.simulateSlice(from, to);
      this.bank.atMs = to;
    }
  }

  private simulateSlice(fromMs: number, toMs: number): void {
    const mid = (fromMs + toMs) / 2;
    const events = activeEvents(this.opts.world, this.opts.anchorMs, mid);
    const overrides: Record<string, OperationOverride> = Object.assign({}, ...events.map((e) => e.overrides));
    const ctx = { world: this.opts.world, rng: this.rng, overrides, scale: latencyScale(mid) };
    const arrivals: { endMs: number; entry: string }[] = [];
    for (const entry of this.opts.world.entries) {
      const n = poisson(this.rng, (entryRate(entry, mid) * (toMs - fromMs)) / 1000);
      for (let i = 0; i < n; i++) arrivals.push({ endMs: fromMs + (toMs - fromMs) * this.rng.next(), entry: entry.op });
    }
    arrivals.sort((a, b) => a.endMs - b.endMs);
    for (const a of arrivals) {
      // The request is recorded when it completes, as a span processor sees it.
      const root = simulateOperation(ctx, a.entry, 0);
      const trace = materializeTrace(this.rng, root, a.endMs - root.durationMs);
      this.record(trace);
    }
  }

  private record(trace: LiveTrace): void {
    this.generated++;
    const exemplarId = exemplarTraceId(trace.traceId);
    for (const s of trace.spans) {
      const key: SeriesKey = { service: s.service, spanName: s.name, spanKind: s.kind, statusCode: s.error ? "STATUS_CODE_ERROR" : "STATUS_CODE_UNSET" };
      const state = this.bank.states[this.seriesFor(key)];
      const durationMs = Number(s.endNs - s.startNs) / 1e6;
      const value = toProducerUnit(durationMs / 1000, this.profile.unit);
      const before = state.exemplars.map((e) => e?.traceId);
      observe(state, value, { traceId: exemplarId, timestampSeconds: Number(s.endNs / 1_000_000n) / 1000 });
      state.exemplars.forEach((e, i) => {
        if (e?.traceId === before[i]) return;
        if (before[i]) this.unref(before[i]!);
        if (e) this.refs.set(e.traceId, (this.refs.get(e.traceId) ?? 0) + 1);
      });
    }
    this.recent.set(trace.traceId, trace);
    this.spans += trace.spans.length;
    this.evict();
  }

  /** New series (an operation failing for the first time) are added on the fly, as a real producer does. */
  private seriesFor(key: SeriesKey): number {
    const id = seriesId(key);
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.bank.keys.length;
      this.bank.keys.push(key);
      this.bank.states.push(newHistogramState(this.profile.defaultBuckets));
      this.index.set(id, i);
    }
    return i;
  }

  private unref(exemplarId: string): void {
    const n = (this.refs.get(exemplarId) ?? 0) - 1;
    if (n > 0) return void this.refs.set(exemplarId, n);
    this.refs.delete(exemplarId);
    const full = exemplarId.padStart(32, "0");
    const t = this.pinned.get(full);
    if (t) {
      this.pinned.delete(full);
      this.spans -= t.spans.length;
    }
  }

  private evict(): void {
    const maxTraces = this.opts.maxTraces ?? 20_000;
    const maxSpans = this.opts.maxSpans ?? 200_000;
    for (const [id, t] of this.recent) {
      if (this.recent.size <= maxTraces && this.spans <= maxSpans) break;
      this.recent.delete(id);
      if (this.refs.has(exemplarTraceId(id))) this.pinned.set(id, t);
      else this.spans -= t.spans.length;
    }
  }

  /** A trace by its full 32-digit id, while it is held. */
  trace(traceId: string): LiveTrace | undefined {
    return this.recent.get(traceId) ?? this.pinned.get(traceId) ?? this.historical.get(traceId);
  }

  /** Serves the traces behind seeded past exemplars. */
  addHistoricalTraces(traces: Iterable<LiveTrace>): void {
    for (const t of traces) this.historical.set(t.traceId, t);
  }

  /** Live scrapes carry exemplars from now on. */
  releaseExemplars(): void {
    this.held = false;
  }

  families(): MetricFamily[] {
    const labels = this.bank.keys.map((k) => spanLabels(this.profile, k));
    const histogram: HistogramFamily = {
      type: "histogram",
      name: this.profile.histogram,
      help: "Span latency (demo world: Handy Site Corp)",
      bounds: this.profile.defaultBuckets,
      series: this.bank.states.map((s, i) => ({ labels: labels[i], points: [snapshot(s, undefined, !this.held)] })),
    };
    const calls: CounterFamily = {
      type: "counter",
      name: this.profile.calls,
      help: "Spans counted (demo world: Handy Site Corp)",
      series: this.bank.states.map((s, i) => ({ labels: labels[i], points: [{ value: snapshot(s).count }] })),
    };
    return [histogram, calls];
  }

  stats(): LiveStats {
    return { traces: this.recent.size, pinned: this.pinned.size, spans: this.spans, generated: this.generated, skippedMs: this.skippedMs };
  }
}
