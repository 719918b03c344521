// Request trees of the demo world: one call of an operation becomes a tree of timed spans (server,
// client and internal), with errors raised by leaves and propagated through critical calls.
// Pure: all randomness comes from the Rng passed in. The same generator feeds the latency model of
// the backfill (durations only) and the live trace server (spans with ids), so both agree.
import { bernoulli, logNormal, pareto, type Rng } from "./random";
import { clientOpId, type CallSpec, type LatencySpec, type OperationOverride, type OperationSpec, type World } from "./types";

/** A span relative to its trace's start (milliseconds), before ids are assigned. */
export interface SimSpan {
  /** Operation id (`service/name`, or `caller>service/name` for a CLIENT span). */
  op: string;
  service: string;
  name: string;
  kind: OperationSpec["kind"];
  startMs: number;
  durationMs: number;
  error: boolean;
  errorMessage?: string;
  attributes: Readonly<Record<string, string | number | boolean>>;
  children: SimSpan[];
}

export interface SimContext {
  world: World;
  rng: Rng;
  /** Event overrides by operation id (see traffic.activeEvents). */
  overrides: Readonly<Record<string, OperationOverride>>;
  /** Load-dependent slowdown applied to every duration (traffic.latencyScale). */
  scale: number;
}

export function effectiveOperation(ctx: Pick<SimContext, "world" | "overrides">, id: string): OperationSpec {
  const base = ctx.world.operations[id];
  if (!base) throw new Error(`unknown operation ${id}`);
  const o = ctx.overrides[id];
  return o ? { ...base, ...o } : base;
}

export function sampleLatency(rng: Rng, l: LatencySpec): number {
  let ms = logNormal(rng, l.medianMs, l.sigma);
  if (l.tailProbability > 0 && bernoulli(rng, l.tailProbability)) ms += pareto(rng, l.tailMs, l.tailAlpha);
  return ms;
}

/** Network time of one direction of an RPC inside the data centre. */
const networkMs = (ctx: SimContext) => logNormal(ctx.rng, 0.35, 0.4) * ctx.scale;

/** Simulates one call of `id` starting at `startMs`; returns the span with its subtree. */
export function simulateOperation(ctx: SimContext, id: string, startMs: number): SimSpan {
  const spec = effectiveOperation(ctx, id);
  const selfError = spec.errorRate > 0 && bernoulli(ctx.rng, spec.errorRate);
  const own = sampleLatency(ctx.rng, selfError && spec.errorLatency ? spec.errorLatency : spec.latency) * ctx.scale;
  // Own work splits around the children: parsing/validation before, rendering/serialising after.
  const before = own * 0.6;
  const children: SimSpan[] = [];
  let cursor = startMs + before;
  let failure: SimSpan | undefined;

  // A failing span stops calling further critical steps, like a request handler that returns early.
  const calls = selfError ? [] : spec.calls;
  for (let i = 0; i < calls.length && !failure; ) {
    // Consecutive parallel calls start together and the parent waits for the slowest.
    const group: CallSpec[] = [calls[i++]];
    if (group[0].parallel) while (i < calls.length && calls[i].parallel) group.push(calls[i++]);
    let groupEnd = cursor;
    for (const c of group) {
      if (c.probability !== undefined && !bernoulli(ctx.rng, c.probability)) continue;
      const times = c.repeat ? c.repeat[0] + Math.floor(ctx.rng.next() * (c.repeat[1] - c.repeat[0] + 1)) : 1;
      let t = cursor;
      for (let k = 0; k < times; k++) {
        const child = callOperation(ctx, spec, c.op, t);
        children.push(child);
        t = child.startMs + child.durationMs;
        if (child.error && c.critical && !failure) failure = child;
        if (failure) break;
      }
      groupEnd = Math.max(groupEnd, t);
    }
    cursor = groupEnd;
  }

  const end = cursor + (own - before);
  const error = selfError || failure !== undefined;
  return {
    op: id,
    service: spec.service,
    name: spec.name,
    kind: spec.kind,
    startMs,
    durationMs: end - startMs,
    error,
    errorMessage: selfError ? spec.errorMessage ?? "internal error" : failure ? `${failure.name}: ${failure.errorMessage}` : undefined,
    attributes: spec.attributes ?? {},
    children,
  };
}

/** A remote callee gets a CLIENT span in the caller's service around its SERVER span. */
function callOperation(ctx: SimContext, caller: OperationSpec, calleeId: string, startMs: number): SimSpan {
  const callee = ctx.world.operations[calleeId];
  if (!callee?.remote) return simulateOperation(ctx, calleeId, startMs);
  const server = simulateOperation(ctx, calleeId, startMs + networkMs(ctx));
  const end = server.startMs + server.durationMs + networkMs(ctx);
  return {
    op: clientOpId(caller.service, calleeId),
    service: caller.service,
    name: callee.name,
    kind: "SPAN_KIND_CLIENT",
    startMs,
    durationMs: end - startMs,
    error: server.error,
    errorMessage: server.errorMessage,
    attributes: { ...(callee.attributes ?? {}), "server.address": callee.service },
    children: [server],
  };
}

/** Depth-first walk (parents before children). */
export function* walkSpans(root: SimSpan): Generator<SimSpan> {
  yield root;
  for (const c of root.children) yield* walkSpans(c);
}
