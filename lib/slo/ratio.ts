// Count hygiene shared by every SLI number: the allowed bad fraction of an objective, and checking
// a good/total pair before any ratio is taken. Pure, no I/O.
import type { CountPair } from "./types";

/**
 * 1 − objective, as the decimal the user typed. Objectives are decimal percentages, but
 * 1 − 0.999 in binary is 0.0010000000000000009; rounding to 15 decimals restores 0.001 (and 1e-6
 * for 0.999999) without touching any objective the schema accepts with up to 15 decimals.
 */
export function allowedBadFraction(objective: number): number {
  if (!(objective > 0 && objective < 1)) throw new RangeError(`objective must be in (0, 1), got ${objective}`);
  const raw = 1 - objective;
  const rounded = Number(raw.toFixed(15));
  return rounded > 0 ? rounded : raw;
}

export type CountProblem =
  /** good > total: scrape skew between the bucket and count series, or extrapolation (pyrra#448). */
  | { code: "good_exceeds_total"; good: number; total: number; excess: number }
  /** A count that is negative, NaN or infinite: the backend answer cannot be used. */
  | { code: "invalid_counts"; good: number; total: number };

export interface CheckedCounts extends CountPair {
  problem: CountProblem | null;
}

/**
 * Makes a pair safe to divide: good is clamped to total (the count-consistent value, so a ratio
 * never exceeds 1) and the skew is reported; unusable numbers become 0/0 with a problem.
 */
export function checkCounts(pair: CountPair): CheckedCounts {
  const { good, total } = pair;
  const usable = (n: number) => Number.isFinite(n) && n >= 0;
  if (!usable(good) || !usable(total)) return { good: 0, total: 0, problem: { code: "invalid_counts", good, total } };
  if (good > total) return { good: total, total, problem: { code: "good_exceeds_total", good, total, excess: good - total } };
  return { good, total, problem: null };
}

/** Fraction of bad requests; null for no requests (0/0 is "no data", never NaN and never 0 %). */
export function errorRatio(pair: CountPair): number | null {
  return pair.total > 0 ? (pair.total - pair.good) / pair.total : null;
}
