// Bucket layouts: which `le` boundaries the selected series really have, and where an SLO threshold
// falls among them. Pure, no I/O. An SLI read from a classic histogram is exact only when the
// threshold is a boundary of every selected series (PEER-LESSONS.md, "Latency SLI"); otherwise the
// neighbouring boundaries bound it from both sides, and those are what the UI offers instead.
import type { ThresholdFit } from "@/lib/slo/types";
import { fromProducerUnit, toProducerUnit, type DurationUnit } from "./profiles";

/** Relative tolerance for "the threshold is this boundary" (float noise from unit conversion). */
export const BOUNDARY_TOLERANCE = 1e-9;

export const sameBoundary = (a: number, b: number): boolean =>
  a === b ||
  (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= BOUNDARY_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)));

/** Parses an `le` label value as any Prometheus version writes it; null when it is not a number. */
export function parseLe(text: string): number | null {
  const t = text.trim();
  if (/^\+?inf$/i.test(t)) return Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

/**
 * The spellings Prometheus 2 and 3 give one boundary: 2.x keeps what the exporter wrote (`1`,
 * `0.512`, `512`), 3.x normalises integers to `1.0` (pyrra#1502). Observed spellings are added by
 * the caller from the real layout.
 */
export function leSpellings(value: number, observed: readonly string[] = []): [string, ...string[]] {
  if (value === Infinity) return ["+Inf", ...observed.filter((s) => s !== "+Inf")];
  const plain = String(value);
  const base = Number.isInteger(value) && !plain.includes("e") ? [plain, `${plain}.0`] : [plain];
  return [base[0], ...new Set([...base.slice(1), ...observed.filter((s) => s !== base[0])])];
}

export interface Layout {
  /** Sorted boundaries in the producer's unit, +Inf included when present. */
  boundaries: number[];
  seriesCount: number;
  /** Labels (without `le`) of one series with this layout, for messages. */
  example: Record<string, string>;
}

export interface BucketLayout {
  /** Distinct layouts, most series first. More than one means the selection mixes bucket configurations. */
  layouts: Layout[];
  /** Boundaries present in every series (producer unit, sorted). */
  common: number[];
  /** Every spelling seen for each boundary, keyed by String(boundary). */
  spellings: Record<string, string[]>;
  seriesCount: number;
  /** `le` values that are not numbers (reported, ignored). */
  invalid: string[];
}

// Remembered per label object: the overview reads the layout of many selections out of one
// `/api/v1/series` answer, so the same objects come back once per selection.
const identities = new WeakMap<Record<string, string>, string>();
const identity = (labels: Record<string, string>) => {
  let id = identities.get(labels);
  if (id === undefined) {
    id = JSON.stringify(Object.entries(labels).filter(([k]) => k !== "le" && k !== "__name__").sort(([a], [b]) => (a < b ? -1 : 1)));
    identities.set(labels, id);
  }
  return id;
};

/** Groups bucket series (as `/api/v1/series` returns them) by everything but `le`. */
export function layoutFromSeries(series: readonly Record<string, string>[]): BucketLayout {
  const bySeries = new Map<string, { labels: Record<string, string>; les: Set<number> }>();
  const spellings: Record<string, string[]> = {};
  const invalid = new Set<string>();
  for (const labels of series) {
    const raw = labels.le;
    if (raw === undefined) continue;
    const v = parseLe(raw);
    if (v === null) {
      invalid.add(raw);
      continue;
    }
    const key = String(v);
    if (!(spellings[key] ??= []).includes(raw)) spellings[key].push(raw);
    const id = identity(labels);
    let entry = bySeries.get(id);
    if (!entry) {
      entry = { labels: Object.fromEntries(Object.entries(labels).filter(([k]) => k !== "le" && k !== "__name__")), les: new Set() };
      bySeries.set(id, entry);
    }
    entry.les.add(v);
  }
  const layouts = new Map<string, Layout>();
  for (const { labels, les } of bySeries.values()) {
    const boundaries = [...les].sort((a, b) => a - b);
    const key = boundaries.join(",");
    const l = layouts.get(key);
    if (l) l.seriesCount++;
    else layouts.set(key, { boundaries, seriesCount: 1, example: labels });
  }
  const list = [...layouts.values()].sort((a, b) => b.seriesCount - a.seriesCount);
  return { layouts: list, common: commonBoundaries(list), spellings, seriesCount: bySeries.size, invalid: [...invalid] };
}

/** A layout assumed from a profile's default buckets, used when no series exist yet. */
export function layoutFromBoundaries(boundaries: readonly number[]): BucketLayout {
  const sorted = [...new Set([...boundaries, Infinity])].sort((a, b) => a - b);
  return { layouts: [{ boundaries: sorted, seriesCount: 0, example: {} }], common: sorted, spellings: {}, seriesCount: 0, invalid: [] };
}

function commonBoundaries(layouts: readonly Layout[]): number[] {
  if (layouts.length === 0) return [];
  return layouts[0].boundaries.filter((b) => layouts.every((l) => l.boundaries.some((x) => sameBoundary(x, b))));
}

export const isMixed = (layout: BucketLayout): boolean => layout.layouts.length > 1;

export interface FitDecision {
  fit: ThresholdFit;
  /** Boundary (producer unit) whose bucket gives `counts`: the threshold when exact, else the lower neighbour (null: none below). */
  countBoundary: number | null;
  /** Upper neighbour (producer unit, Infinity for +Inf) when not exact. */
  upperBoundary: number | null;
  /** Finite boundaries common to every series, in seconds: the thresholds that would be exact. */
  offerSeconds: number[];
}

/** Decides where `thresholdSeconds` falls in the layout (compared in the producer's unit). */
export function decideFit(layout: BucketLayout, thresholdSeconds: number, unit: DurationUnit): FitDecision {
  const t = toProducerUnit(thresholdSeconds, unit);
  const offerSeconds = layout.common.filter(Number.isFinite).map((b) => fromProducerUnit(b, unit));
  const hit = layout.common.find((b) => sameBoundary(b, t));
  if (hit !== undefined)
    return { fit: { kind: "exact", boundarySeconds: fromProducerUnit(hit, unit) }, countBoundary: hit, upperBoundary: null, offerSeconds };
  const below = layout.common.filter((b) => b < t && !sameBoundary(b, t));
  const above = layout.common.filter((b) => b > t && !sameBoundary(b, t));
  const lower = below.length ? below[below.length - 1] : null;
  // +Inf is a boundary of every classic histogram: with no finite boundary above, the upper count is the total.
  const upper = above.length ? above[0] : Infinity;
  return {
    fit: {
      kind: "between",
      lowerSeconds: lower === null ? null : fromProducerUnit(lower, unit),
      upperSeconds: Number.isFinite(upper) ? fromProducerUnit(upper, unit) : null,
    },
    countBoundary: lower,
    upperBoundary: upper,
    offerSeconds,
  };
}

/** The spellings to match for one boundary of this layout: both standard spellings plus any seen. */
export const spellingsFor = (layout: BucketLayout, boundary: number): [string, ...string[]] =>
  leSpellings(boundary, layout.spellings[String(boundary)] ?? []);
