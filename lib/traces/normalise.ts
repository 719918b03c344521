// From an adapter-neutral list of spans to the one Trace model (lib/schemas/trace.ts). Pure, no I/O.
// Never throws on odd input: what does not fit is reported in `warnings`.
//
// Rules (the waterfall, lib/traces/tree.ts, reads the model the same way):
// - IDs are normalised here (ids.ts); a span whose own ID is unreadable is skipped ("invalid_span"),
//   an unreadable parent ID makes the span a root with the same warning.
// - Duplicated span IDs: every copy stays in `spans` (none disappears silently); the last copy is
//   the one children resolve to; one "duplicate_span_id" warning per repeated ID.
// - A parent ID naming no span of the trace: an orphan ("missing_parent"), listed in
//   orphanSpanIds, never promoted to a root. Its depth counts from the placeholder's level 1.
// - A parent chain looping back on itself ("cycle"): cut at the earliest-starting span of the loop,
//   which then counts like an orphan (depth 2); it is neither a root nor an orphan in the lists.
// - A child starting before its parent ("clock_skew"), ending after it ("child_outlives_parent",
//   not for a FOLLOWS_FROM parent: such work is not awaited), or ending before it starts
//   ("negative_duration": end set to start, duration 0) is kept as is otherwise.
// Times are BigInt nanoseconds (unix ns exceed 2^53); durations become numbers (exact < ~104 days).
import type { Attribute, SpanKindName, Trace, TraceBackendApi, TraceSpan, TraceWarning } from "@/lib/schemas/trace";
import { normaliseSpanId, normaliseTraceId, parentSpanIdOf, type IdResult, type ParentId } from "./ids";

export interface RawEvent {
  name: string;
  timeUnixNano: bigint | null;
  attributes: Attribute[];
}

export interface RawLink {
  traceId: unknown;
  spanId: unknown;
  kind: "link" | "follows_from";
  attributes: Attribute[];
}

/** One span as an adapter read it: IDs as sent (hex or base64), times already in nanoseconds. */
export interface RawSpan {
  traceId: unknown;
  spanId: unknown;
  parentSpanId: unknown;
  /** The parent relation is Jaeger's FOLLOWS_FROM (the parent does not wait for the child). */
  parentIsFollowsFrom?: boolean;
  name: string;
  service: string;
  kind: SpanKindName;
  startUnixNano: bigint | null;
  endUnixNano: bigint | null;
  status: { code: "unset" | "ok" | "error"; message: string };
  attributes: Attribute[];
  resource: Attribute[];
  scope: { name: string; version: string };
  events: RawEvent[];
  links: RawLink[];
}

export interface NormaliseOptions {
  /** The trace asked for, already normalised (32 hex). */
  traceId: string;
  api: TraceBackendApi;
  endpoint: string;
  /** Set when the backend said the trace is incomplete: the warning's message. */
  partial?: string;
}

/** Warnings kept per code; the rest are counted in one closing warning of that code. */
export const MAX_WARNINGS_PER_CODE = 20;

class Warnings {
  private readonly byCode = new Map<TraceWarning["code"], { kept: TraceWarning[]; dropped: number }>();
  add(code: TraceWarning["code"], message: string, spanId?: string) {
    const entry = this.byCode.get(code) ?? { kept: [], dropped: 0 };
    this.byCode.set(code, entry);
    if (entry.kept.length < MAX_WARNINGS_PER_CODE) entry.kept.push(spanId ? { code, spanId, message } : { code, message });
    else entry.dropped++;
  }
  list(): TraceWarning[] {
    return [...this.byCode.entries()].flatMap(([code, e]) =>
      e.dropped > 0 ? [...e.kept, { code, message: `… and ${e.dropped} more of the same kind` }] : e.kept,
    );
  }
}

interface Work {
  span: TraceSpan;
  start: bigint;
  end: bigint;
  /** start − the earliest start, as a number (exact below ~104 days): a cheap sort key. */
  rel: number;
  followsFrom: boolean;
  /** Index in arrival order: the last copy of a duplicated ID wins. */
  order: number;
}

const cmpBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const ns = (n: bigint) => n.toString();

export function normaliseTrace(raw: readonly RawSpan[], opts: NormaliseOptions): Trace {
  const warnings = new Warnings();
  if (opts.partial !== undefined) warnings.add("partial", opts.partial);
  const work = readSpans(raw, opts.traceId, warnings);

  // The copy children resolve to: the last one sent.
  const byId = new Map<string, Work>();
  const copies = new Map<string, number>();
  for (const w of work) {
    byId.set(w.span.spanId, w);
    copies.set(w.span.spanId, (copies.get(w.span.spanId) ?? 0) + 1);
  }
  for (const [id, n] of copies)
    if (n > 1) warnings.add("duplicate_span_id", `${n} spans share the ID ${id}; children hang under the last one`, id);

  const parentOf = (w: Work): Work | undefined => (w.span.parentSpanId ? byId.get(w.span.parentSpanId) : undefined);
  const cut = cutCycles(work, parentOf, warnings);
  const level = levels(work, parentOf, cut);

  const roots: string[] = [];
  const orphans: string[] = [];
  for (const w of work) {
    const pid = w.span.parentSpanId;
    if (pid === null) roots.push(w.span.spanId);
    else if (!byId.has(pid)) {
      orphans.push(w.span.spanId);
      warnings.add("missing_parent", `the parent ${pid} of span ${w.span.spanId} is not in the trace`, w.span.spanId);
    } else if (!cut.has(w)) {
      const p = byId.get(pid)!;
      if (w.start < p.start)
        warnings.add("clock_skew", `span ${w.span.spanId} starts ${fmtNs(p.start - w.start)} before its parent ${pid} (clocks of the two hosts disagree)`, w.span.spanId);
      if (w.end > p.end && !w.followsFrom)
        warnings.add("child_outlives_parent", `span ${w.span.spanId} ends ${fmtNs(w.end - p.end)} after its parent ${pid}`, w.span.spanId);
    }
  }

  let first: bigint | null = null;
  let last: bigint | null = null;
  for (const w of work) {
    if (first === null || w.start < first) first = w.start;
    if (last === null || w.end > last) last = w.end;
  }
  for (const w of work) w.rel = Number(w.start - first!);
  work.sort((a, b) => a.rel - b.rel || cmpBig(a.start, b.start) || level.get(a)! - level.get(b)! || (a.span.spanId < b.span.spanId ? -1 : a.span.spanId > b.span.spanId ? 1 : a.order - b.order));
  const spans = work.map((w) => w.span);
  const order = new Map(spans.map((s, i) => [s, i]));
  const byOrder = (ids: string[]) => [...new Set(ids)].sort((a, b) => order.get(byId.get(a)!.span)! - order.get(byId.get(b)!.span)!);

  return {
    traceId: opts.traceId,
    spans,
    rootSpanIds: byOrder(roots),
    orphanSpanIds: byOrder(orphans),
    warnings: warnings.list(),
    summary: {
      spanCount: spans.length,
      services: [...new Set(spans.map((s) => s.service).filter((s) => s !== ""))].sort(),
      startUnixNano: first === null ? "0" : ns(first),
      durationNs: first === null || last === null ? 0 : Number(last - first),
      depth: work.reduce((m, w) => Math.max(m, level.get(w)!), 0),
      errorSpanIds: [...new Set(spans.filter((s) => s.status.code === "error").map((s) => s.spanId))],
    },
    source: { api: opts.api, endpoint: opts.endpoint },
  };
}

/** One ID string is read once: a span's ID comes back as its children's parent, the trace ID on every span. */
function memo<R>(read: (raw: unknown) => R): (raw: unknown) => R {
  const seen = new Map<unknown, R>();
  return (raw) => {
    let r = seen.get(raw);
    if (r === undefined) seen.set(raw, (r = read(raw)));
    return r;
  };
}

function readSpans(raw: readonly RawSpan[], traceId: string, warnings: Warnings): Work[] {
  const out: Work[] = [];
  const spanIdOf = memo<IdResult>(normaliseSpanId);
  const parentOf = memo<ParentId>(parentSpanIdOf);
  const traceIdOf = memo<IdResult>(normaliseTraceId);
  raw.forEach((r, i) => {
    const id = spanIdOf(r.spanId);
    if (!id.ok) return warnings.add("invalid_span", `span #${i + 1} (${clipName(r.name)}) was skipped: ${id.reason}`);
    const spanId = id.hex;
    if (r.startUnixNano === null || r.endUnixNano === null || r.startUnixNano < 0n || r.endUnixNano < 0n)
      return warnings.add("invalid_span", `span ${spanId} (${clipName(r.name)}) was skipped: its start or end time is missing or unreadable`, spanId);
    const parent = parentOf(r.parentSpanId);
    if (parent.kind === "invalid") warnings.add("invalid_span", `span ${spanId} is shown as a root: its parent ID is unreadable (${parent.reason})`, spanId);
    const own = traceIdOf(r.traceId);
    if (r.traceId !== undefined && r.traceId !== null && r.traceId !== "" && (!own.ok || own.hex !== traceId))
      warnings.add("foreign_trace_id", `span ${spanId} names trace ${own.ok ? own.hex : "(unreadable)"}, not ${traceId}`, spanId);
    const start = r.startUnixNano;
    let end = r.endUnixNano;
    if (end < start) {
      warnings.add("negative_duration", `span ${spanId} ends ${fmtNs(start - end)} before it starts; shown with duration 0`, spanId);
      end = start;
    }
    out.push({
      span: {
        spanId,
        parentSpanId: parent.kind === "id" ? parent.hex : null,
        name: r.name,
        service: r.service,
        kind: r.kind,
        startUnixNano: ns(start),
        endUnixNano: ns(end),
        durationNs: Number(end - start),
        status: r.status,
        attributes: r.attributes,
        resource: r.resource,
        scope: r.scope,
        events: r.events.flatMap((e) => (e.timeUnixNano === null || e.timeUnixNano < 0n ? [] : [{ name: e.name, timeUnixNano: ns(e.timeUnixNano), attributes: e.attributes }])),
        links: readLinks(r.links, spanId, warnings),
      },
      start,
      end,
      rel: 0,
      followsFrom: r.parentIsFollowsFrom === true,
      order: i,
    });
  });
  return out;
}

function readLinks(links: readonly RawLink[], spanId: string, warnings: Warnings): TraceSpan["links"] {
  const out: TraceSpan["links"] = [];
  for (const l of links) {
    const t = normaliseTraceId(l.traceId);
    const s = normaliseSpanId(l.spanId);
    if (t.ok && s.ok) out.push({ traceId: t.hex, spanId: s.hex, kind: l.kind, attributes: l.attributes });
    else warnings.add("invalid_span", `a link of span ${spanId} was dropped: ${t.ok ? (s as { reason: string }).reason : t.reason}`, spanId);
  }
  return out;
}

/**
 * Spans where a parent chain loops: each loop is cut at its earliest-starting span (ties: span ID).
 * Walks every chain once (iterative: a 5,000-deep chain must not overflow the stack).
 */
function cutCycles(work: Work[], parentOf: (w: Work) => Work | undefined, warnings: Warnings): Set<Work> {
  const state = new Map<Work, 1 | 2>();
  const cut = new Set<Work>();
  for (const w of work) {
    const path: Work[] = [];
    let cur: Work | undefined = w;
    while (cur && !state.has(cur)) {
      state.set(cur, 1);
      path.push(cur);
      cur = parentOf(cur);
    }
    if (cur && state.get(cur) === 1) {
      const loop = path.slice(path.indexOf(cur));
      const at = loop.reduce((a, b) => (cmpBig(b.start, a.start) < 0 || (b.start === a.start && b.span.spanId < a.span.spanId) ? b : a));
      cut.add(at);
      const ids = loop.map((x) => x.span.spanId);
      warnings.add("cycle", `the parent chain ${[...ids, ids[0]].join(" → ")} loops; cut at span ${at.span.spanId}`, at.span.spanId);
    }
    for (const p of path) state.set(p, 2);
  }
  return cut;
}

/** Depth of every span: a root is 1; an orphan or a cut loop hangs under a placeholder at 1, so 2. */
function levels(work: Work[], parentOf: (w: Work) => Work | undefined, cut: Set<Work>): Map<Work, number> {
  const level = new Map<Work, number>();
  for (const w of work) {
    const chain: Work[] = [];
    let cur: Work | undefined = w;
    let base = 0;
    while (cur && !level.has(cur)) {
      chain.push(cur);
      if (cur.span.parentSpanId === null) break;
      const p: Work | undefined = cut.has(cur) ? undefined : parentOf(cur);
      if (!p) {
        base = 1; // placeholder level
        break;
      }
      cur = p;
    }
    if (cur && level.has(cur)) base = level.get(cur)!;
    for (let i = chain.length - 1; i >= 0; i--) level.set(chain[i], ++base);
  }
  return level;
}

const clipName = (name: string) => (name.length > 60 ? `"${name.slice(0, 60)}…"` : `"${name}"`);

/** A nanosecond difference for a warning: "1.5 ms", "320 µs", "12 s". */
function fmtNs(d: bigint): string {
  const n = Number(d);
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(3))} s`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))} ms`;
  if (n >= 1e3) return `${Number((n / 1e3).toPrecision(3))} µs`;
  return `${n} ns`;
}
