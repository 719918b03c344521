import "server-only";
// The one read context (issue 16, item 6): which producer wrote the selection's span metrics, the
// real bucket layout of its series, and the threshold fit, decided once per request and shared by
// every verb that reads counts (status, timeseries, burn-down, suggestion, backtest). Boundaries are
// converted to seconds here, once; everything after works in seconds.
//
// Detection and layout are cached per backend, profile setting and selection for CACHE_TTL_MS
// (bounded, oldest first out): a page that asks for status, burn-down and charts within a minute
// reads them once. The range is part of the key at CACHE_RANGE_GRAIN_SECONDS: a layout is "the
// series with a sample in this range", and a rolling window moving by seconds does not change it
// beyond what the TTL already allows (a series born in the last minute is seen within a minute).
import { decideFit, isMixed, type BucketLayout, type FitDecision } from "@/lib/promql/buckets";
import { fromProducerUnit, type ProducerProfile } from "@/lib/promql/profiles";
import type { SloSelection } from "@/lib/promql/slo-queries";
import type { ProducerProfileSetting } from "@/lib/schemas/datasource";
import type { MetricsSource } from "../metrics/client";
import { readLayout } from "../metrics/layout";
import { detectProfile, type DetectedProfile } from "../metrics/profile";
import { ok, type Result } from "../metrics/result";

export const CACHE_TTL_MS = 60_000;
export const CACHE_RANGE_GRAIN_SECONDS = 300;
const MAX_ENTRIES = 500;

export interface LayoutSeconds {
  /** Boundaries in seconds, ascending; +Inf as null. */
  boundariesSeconds: (number | null)[];
  seriesCount: number;
  example: Record<string, string>;
}

export interface ReadContext {
  profile: ProducerProfile;
  basis: DetectedProfile["basis"];
  /** In the producer's unit (queries match `le` spellings in it). */
  layout: BucketLayout;
  /** No series in the range: the producer's default buckets were assumed. */
  assumed: boolean;
  /** Finite boundaries common to every selected series, in seconds, ascending: the exact thresholds. */
  boundariesSeconds: number[];
  layouts: LayoutSeconds[];
  mixed: boolean;
  /** Requests sent to open this context (empty when it came from the cache). */
  queries: string[];
  warnings: string[];
  /** True when detection and layout came from the cache. */
  cached: boolean;
  fit(thresholdSeconds: number): FitDecision;
}

export interface ReadContextOptions {
  setting: ProducerProfileSetting;
  selection: SloSelection;
  startSeconds: number;
  endSeconds: number;
}

interface Entry {
  expiresAtMs: number;
  value: Promise<Result<Omit<ReadContext, "queries" | "cached" | "fit"> & { queries: string[] }>>;
}
const cache = new Map<string, Entry>();

export async function openReadContext(source: MetricsSource, opts: ReadContextOptions): Promise<Result<ReadContext>> {
  const grain = (t: number) => Math.floor(t / CACHE_RANGE_GRAIN_SECONDS);
  const key = JSON.stringify([source.cacheKey, opts.setting, selectionKey(opts.selection), grain(opts.startSeconds), grain(opts.endSeconds)]);
  const now = Date.now();
  const hit = cache.get(key);
  let cached = true;
  let entry: Entry;
  if (hit && hit.expiresAtMs > now) entry = hit;
  else {
    cached = false;
    entry = { expiresAtMs: now + CACHE_TTL_MS, value: read(source, opts) };
    cache.delete(key);
    cache.set(key, entry);
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  const r = await entry.value;
  // A failure is the backend's answer to this request only: never served to the next one.
  if (!r.ok) {
    if (cache.get(key) === entry) cache.delete(key);
    return r;
  }
  const v = r.value;
  return ok({ ...v, queries: cached ? [] : v.queries, cached, fit: (t: number) => decideFit(v.layout, t, v.profile.unit) });
}

async function read(source: MetricsSource, opts: ReadContextOptions) {
  const { selection, startSeconds, endSeconds } = opts;
  const detected = await detectProfile(source, { setting: opts.setting, service: selection.service, startSeconds, endSeconds });
  if (!detected.ok) return detected;
  const { profile } = detected.value;
  const queries = [...detected.value.queries];
  const warnings = [...detected.value.warnings];
  const r = await readLayout(source, selection, profile, startSeconds, endSeconds);
  if (!r.ok) return r;
  queries.push(r.value.query);
  const { layout, assumed } = r.value;
  if (assumed) warnings.push(`no bucket series for this selection in the range; assuming ${profile.histogram}'s default buckets`);
  if (isMixed(layout)) warnings.push(`the selected series use ${layout.layouts.length} different bucket layouts; only boundaries shared by all are exact`);
  if (layout.invalid.length) warnings.push(`ignored non-numeric le values: ${layout.invalid.slice(0, 5).join(", ")}`);
  const seconds = (b: number) => fromProducerUnit(b, profile.unit);
  return ok({
    profile,
    basis: detected.value.basis,
    layout,
    assumed,
    boundariesSeconds: layout.common.filter(Number.isFinite).map(seconds),
    layouts: layout.layouts.map((l) => ({
      boundariesSeconds: l.boundaries.map((b) => (Number.isFinite(b) ? seconds(b) : null)),
      seriesCount: l.seriesCount,
      example: l.example,
    })),
    mixed: isMixed(layout),
    queries,
    warnings,
  });
}

const selectionKey = (s: SloSelection) => [s.service, s.operation, s.operationMatch, s.spanKind, s.extraMatchers, s.countErrorsAsBad];

/** Empties the cache (tests, and a datasource whose data or profile setting changed). */
export const clearReadContextCache = () => cache.clear();
