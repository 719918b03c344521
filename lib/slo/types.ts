// The contract between the data layer (lib/server/sli-data.ts: fetches counts from a
// Prometheus-compatible backend) and the pure SLI engine (lib/slo). Pure types, no I/O.

/** Requests counted over one interval: good = at or under the threshold (and not an error when errors count as bad). */
export interface CountPair {
  good: number;
  total: number;
}

/** Burn-rate look-back windows the engine reports (SRE workbook short and long windows). */
export const BURN_WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];
export const BURN_WINDOW_SECONDS: Record<BurnWindow, number> = {
  "5m": 300,
  "30m": 1800,
  "1h": 3600,
  "2h": 7200,
  "6h": 21600,
  "1d": 86400,
  "3d": 259200,
};

/** A resolved SLO window: [startSeconds, endSeconds] in unix seconds. */
export interface ResolvedWindow {
  startSeconds: number;
  endSeconds: number;
  durationSeconds: number;
  /** Human label, e.g. "28 days rolling" or "November 2026". */
  label: string;
}

/** One step of the per-step increases across the window, for burn-down charts. `t` is the step's end. */
export interface CountStep extends CountPair {
  t: number;
}

/**
 * Where the threshold sits in the bucket layout. When it is a boundary of every selected series
 * the SLI is exact; otherwise `lower`/`upper` counts bound it from both sides (never interpolated).
 */
export type ThresholdFit =
  | { kind: "exact"; boundarySeconds: number }
  | { kind: "between"; lowerSeconds: number | null; upperSeconds: number | null };

/** Everything the engine needs to evaluate one SLO at one moment. Produced by the data layer. */
export interface SliInputs {
  evaluatedAt: number;
  window: ResolvedWindow;
  objective: number;
  minEvents: number;
  thresholdFit: ThresholdFit;
  /** Counts over the whole window, at the threshold (exact) or at the lower neighbouring boundary. */
  counts: CountPair;
  /** Counts at the upper neighbouring boundary when the threshold is not a boundary (good is then an upper bound). */
  countsUpper: CountPair | null;
  /** Counts per burn-rate window ending at evaluatedAt (at the same boundary as `counts`). */
  burnWindows: Partial<Record<BurnWindow, CountPair>>;
  /** Optional per-step increases across the window (burn-down); null when not requested. */
  steps: CountStep[] | null;
  /** Unix seconds of the newest sample seen, null when none. */
  lastSampleAt: number | null;
}
