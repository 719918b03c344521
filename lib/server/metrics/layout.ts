import "server-only";
// Reads the real bucket layout of an SLO's series (every `le` of every selected bucket series over
// the window) so the threshold fit is decided on facts, not on the producer's defaults.
import { render } from "@/lib/promql/ast";
import { layoutFromBoundaries, layoutFromSeries, type BucketLayout } from "@/lib/promql/buckets";
import type { ProducerProfile } from "@/lib/promql/profiles";
import { bucketSelector, type SloSelection } from "@/lib/promql/slo-queries";
import type { MetricsSource } from "./client";
import { ok, type Result } from "./result";

export interface ReadLayout {
  layout: BucketLayout;
  /** True when no series exist and the producer's default buckets were assumed. */
  assumed: boolean;
  query: string;
}

export async function readLayout(
  src: MetricsSource,
  slo: SloSelection,
  profile: ProducerProfile,
  startSeconds: number,
  endSeconds: number,
): Promise<Result<ReadLayout>> {
  const query = render(bucketSelector(slo, profile, null));
  const r = await src.series([query], startSeconds, endSeconds);
  if (!r.ok) return r;
  const layout = layoutFromSeries(r.value);
  if (layout.seriesCount === 0) return ok({ layout: layoutFromBoundaries(profile.defaultBuckets), assumed: true, query });
  return ok({ layout, assumed: false, query });
}
