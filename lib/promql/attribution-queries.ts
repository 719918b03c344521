// The one instant query budget attribution sends: per-series good and total increases over the
// window, tagged, in one round trip. Pure. Not aggregated on purpose: the dimensions are whatever
// labels the selected series vary on, unknown before the answer, and "grouped by every label but
// `le`" is one sample per series — as many as the layout read already listed for this selection.
//   total_i = increase(<hist>_count{sel}[W])
//   good_i  = increase(<hist>_bucket{sel, le=~"<count boundary>"}[W])   (errors left out when they count as bad)
//   upper_i = increase(<hist>_bucket{sel, le=~"<upper boundary>"}[W])   (only when the threshold is between boundaries)
// The same selectors as the status verb's sums (slo-queries.ts), so Σ_i equals its window counts.
import { rangeFn, type Expr } from "./ast";
import { bucketSelector, countSelector, taggedUnion, type LeSpellings, type SloSelection } from "./slo-queries";
import type { ProducerProfile } from "./profiles";

export interface AttributionLe {
  /** Spellings of the boundary good is counted at (the threshold, or its lower neighbour); null: none below. */
  count: LeSpellings | null;
  /** Spellings of the upper neighbour when the threshold is not a boundary; null when exact. */
  upper: LeSpellings | null;
}

export function attributionQuery(slo: SloSelection, profile: ProducerProfile, le: AttributionLe, windowSeconds: number): Expr {
  const parts: { tag: string; expr: Expr }[] = [{ tag: "total", expr: rangeFn("increase", countSelector(slo, profile), windowSeconds) }];
  if (le.count) parts.push({ tag: "good", expr: rangeFn("increase", bucketSelector(slo, profile, le.count), windowSeconds) });
  if (le.upper) parts.push({ tag: "upper", expr: rangeFn("increase", bucketSelector(slo, profile, le.upper), windowSeconds) });
  return taggedUnion(parts);
}
