// Unusual days: days whose share of bad requests is far above the baseline's typical day, offered
// to the engineer as known-bad periods to exclude. Pure, no I/O.
//
// Rule (robust, so the bad days being looked for cannot hide themselves by inflating a mean/σ):
//   r_d   = bad ÷ total of judged day d at the reference boundary
//   m     = median of r_d,  MAD = median |r_d − m|  (nearest-rank lower medians)
//   d is unusual ⇔ n ≥ 7 judged days
//                ∧ r_d − m > max(3.5 × 1.4826 × MAD, 0.001)
//                ∧ (r_d − m) × total_d ≥ 5
// 3.5 is Iglewicz & Hoaglin's cut-off for the modified z-score (1.4826 × MAD estimates σ for normal
// data). The 0.1-percentage-point floor keeps a perfectly steady baseline (MAD = 0) from flagging
// noise; the 5-request floor keeps a quiet day with one slow request from being called unusual.
// Only days worse than usual are flagged: an unusually good day is not a known-bad period.
import type { z } from "zod";
import type { UnusualDay } from "@/lib/schemas/suggest";
import type { Grid } from "./suggest-grid";
import { nearestRank } from "./suggest-stats";

export const UNUSUAL_MIN_DAYS = 7;
export const UNUSUAL_Z = 3.5;
export const MAD_TO_SIGMA = 1.4826;
export const UNUSUAL_MIN_RATIO_EXCESS = 0.001;
export const UNUSUAL_MIN_BAD_EXCESS = 5;

export function unusualDays(g: Grid, dailyGood: readonly number[]): z.infer<typeof UnusualDay>[] {
  const judged = g.days.map((d, i) => ({ d, r: d.judged ? (d.total - dailyGood[i]) / d.total : null })).filter((x) => x.r !== null) as {
    d: Grid["days"][number];
    r: number;
  }[];
  if (judged.length < UNUSUAL_MIN_DAYS) return [];
  const m = nearestRank(judged.map((x) => x.r).sort((a, b) => a - b), 0.5);
  const mad = nearestRank(judged.map((x) => Math.abs(x.r - m)).sort((a, b) => a - b), 0.5);
  const cut = Math.max(UNUSUAL_Z * MAD_TO_SIGMA * mad, UNUSUAL_MIN_RATIO_EXCESS);
  return judged
    .filter(({ d, r }) => r - m > cut && (r - m) * d.total >= UNUSUAL_MIN_BAD_EXCESS)
    .map(({ d, r }) => ({ dayStartSeconds: d.dayStartSeconds, badRatio: r, medianBadRatio: m, excessBad: (r - m) * d.total }));
}
