import "server-only";
// Honest exemplars (issue 17 item 6): before a trace is offered as a link, ask the trace backend
// whether it still has it (exemplars outlive traces that were sampled out or expired, tempo#7500).
// Only the first `max` are asked, a few at a time, within a time budget: a slow trace backend must
// not hold the latency chart back. The rest stay "unchecked" and are checked when clicked.
import type { TraceAvailability } from "@/lib/schemas/exemplars";

/** found / missing, or an error in words (backend down, timeout): the exemplar stays unchecked. */
export type ExistsAnswer = { ok: true; exists: boolean; message?: string } | { ok: false; message: string };
export type ExistsFn = (traceId: string, signal: AbortSignal) => Promise<ExistsAnswer>;

export interface CheckOptions {
  max: number;
  concurrency: number;
  budgetMs: number;
}

export interface CheckSummary {
  availability: Map<string, TraceAvailability>;
  checked: number;
  found: number;
  missing: number;
  /** The first failure or the budget running out, in words. */
  note: string | null;
}

export async function checkTraces(traceIds: readonly string[], exists: ExistsFn, opts: CheckOptions): Promise<CheckSummary> {
  const availability = new Map<string, TraceAvailability>();
  const queue = traceIds.slice(0, opts.max);
  let note: string | null = null;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.budgetMs);
  let next = 0;
  async function worker() {
    while (next < queue.length && !controller.signal.aborted) {
      const id = queue[next++];
      try {
        const r = await exists(id, controller.signal);
        if (r.ok) availability.set(id, r.exists ? "found" : "missing");
        else note ??= `could not check every trace: ${r.message}`;
      } catch (e) {
        note ??= controller.signal.aborted ? null : `could not check every trace: ${(e as Error).message}`;
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, queue.length) }, worker));
  } finally {
    clearTimeout(timer);
  }
  if (controller.signal.aborted && availability.size < queue.length)
    note ??= `checked ${availability.size} of ${queue.length} traces within ${opts.budgetMs} ms; the rest are checked when opened`;
  const values = [...availability.values()];
  return {
    availability,
    checked: values.length,
    found: values.filter((v) => v === "found").length,
    missing: values.filter((v) => v === "missing").length,
    note,
  };
}
