import "server-only";
// Freshness when the batched instant query found no sample in the last 5 minutes: the newest
// `_count` sample within the look-back (the window, 1 h to 7 d). The exact look-up is a subquery
// (`max_over_time(timestamp(...)[R:4m])`), one evaluation per 4 minutes of R: up to 2,520 per call
// for a 7-day look-back. Run on every status call of a stale SLO, it made that SLO slow for every
// dashboard (issue 15). It is made cheap three ways, none of which changes the answer:
//  1. no series at all in the window (the layout read found none): no sample, no query;
//  2. the last hour first (15 evaluations), the whole look-back only when that is empty;
//  3. answers are shared in-process per backend and selection, concurrent callers included, for
//     REUSE_SECONDS of evaluation time. That is exact: reuse happens only when the 5-minute
//     lookback at the new moment is empty too, and REUSE_SECONDS < 300 s means that lookback covers
//     every moment since the cached evaluation, so no newer sample can have been missed.
import { render, type PromQL } from "@/lib/promql/ast";
import type { ProducerProfile } from "@/lib/promql/profiles";
import { FRESHNESS_RESOLUTION_SECONDS, lastSampleWithinQuery, type SloSelection } from "@/lib/promql/slo-queries";
import type { MetricsSource } from "../metrics/client";

/** How far back freshness looks at most ("no data for N days"). */
export const FRESHNESS_MAX_LOOKBACK_SECONDS = 7 * 86_400;
const FIRST_LOOKBACK_SECONDS = 3600;
/** Under Prometheus' 5-minute lookback (see 3. above); also the wall-clock lifetime of an entry. */
export const REUSE_SECONDS = FRESHNESS_RESOLUTION_SECONDS;
/** A failed look-up is not repeated for this long: a backend that cannot answer it must not cost every call. */
const FAILURE_REUSE_MS = 30_000;
/** Bounded: one entry per stale SLO selection; the oldest goes first. */
const MAX_ENTRIES = 1000;

export interface LastSample {
  /** Unix seconds of the newest sample, null when none in the look-back or unknown. */
  atSeconds: number | null;
  /** PromQL sent for this call (empty when answered without a query). */
  queries: string[];
  /** Set when the look-up failed: freshness is advisory, so the status still answers. */
  warning?: string;
}

interface Found {
  lastSampleAt: number | null;
  warning?: string;
}
interface Entry {
  /** Evaluation moment the answer is for. */
  atSeconds: number;
  /** Wall clock after which the entry is dropped. */
  expiresAtMs: number;
  answer: Promise<Found>;
}
const cache = new Map<string, Entry>();

/** The look-back for a window: the window itself, at least 1 h, at most 7 d. */
export const freshnessLookbackSeconds = (windowSeconds: number) => Math.min(Math.max(windowSeconds, FIRST_LOOKBACK_SECONDS), FRESHNESS_MAX_LOOKBACK_SECONDS);

/**
 * What an answer for `entryAt` says at `at`, or undefined when it cannot say (pure; exported for
 * tests). Later moments up to REUSE_SECONDS on are covered by the empty 5-minute lookback; an
 * earlier moment only when the sample found is not newer than it.
 */
export function reuseAnswer(entryAt: number, found: number | null, at: number, lookbackSeconds: number): { lastSampleAt: number | null } | undefined {
  if (at >= entryAt && at - entryAt < REUSE_SECONDS) return { lastSampleAt: found !== null && found >= at - lookbackSeconds ? found : null };
  if (at < entryAt && entryAt - at < REUSE_SECONDS && found !== null && found <= at) return { lastSampleAt: found >= at - lookbackSeconds ? found : null };
  return undefined;
}

export interface FindLastSampleInput {
  slo: SloSelection;
  profile: ProducerProfile;
  windowSeconds: number;
  atSeconds: number;
  /** The layout read found no bucket series in the window. */
  noSeriesInWindow: boolean;
}

export async function findLastSample(source: MetricsSource, input: FindLastSampleInput): Promise<LastSample> {
  const { slo, profile, atSeconds: at } = input;
  const lookback = freshnessLookbackSeconds(input.windowSeconds);
  // The layout read selects the bucket series; with countErrorsAsBad it leaves out error series,
  // which still have `_count` samples, so only without that option does "no series" mean "no sample".
  if (input.noSeriesInWindow && !slo.countErrorsAsBad && input.windowSeconds >= lookback) return { atSeconds: null, queries: [] };

  const full = render(lastSampleWithinQuery(slo, profile, lookback));
  const key = `${source.cacheKey}\n${full}`;
  const nowMs = Date.now();
  const entry = cache.get(key);
  if (entry && entry.expiresAtMs > nowMs) {
    const found = await entry.answer;
    const reused = reuseAnswer(entry.atSeconds, found.lastSampleAt, at, lookback);
    if (reused) return { atSeconds: reused.lastSampleAt, queries: [], warning: found.warning };
  } else if (entry) cache.delete(key);

  const queries: string[] = [];
  const answer = lookUp(source, slo, profile, lookback, full, at, queries);
  const fresh: Entry = { atSeconds: at, expiresAtMs: nowMs + REUSE_SECONDS * 1000, answer };
  cache.delete(key);
  cache.set(key, fresh);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  const found = await answer;
  if (found.warning) fresh.expiresAtMs = Math.min(fresh.expiresAtMs, Date.now() + FAILURE_REUSE_MS);
  return { atSeconds: found.lastSampleAt, queries, warning: found.warning };
}

async function lookUp(source: MetricsSource, slo: SloSelection, profile: ProducerProfile, lookback: number, full: PromQL, at: number, queries: string[]): Promise<Found> {
  const stages = lookback > FIRST_LOOKBACK_SECONDS ? [render(lastSampleWithinQuery(slo, profile, FIRST_LOOKBACK_SECONDS)), full] : [full];
  for (const q of stages) {
    queries.push(q);
    const r = await source.query(q, at);
    if (!r.ok) return { lastSampleAt: null, warning: `could not look up the newest sample (${r.error.message}); freshness unknown` };
    const v = r.value.samples[0]?.value;
    if (v !== undefined && Number.isFinite(v)) return { lastSampleAt: v };
  }
  return { lastSampleAt: null };
}

/** Empties the shared answers (tests, and a datasource whose data was rewritten). */
export const clearFreshnessCache = () => cache.clear();
