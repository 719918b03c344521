// The PromQL an exported SLO carries in its ratio metric, built with lib/promql (never by string
// concatenation): good = the bucket counter at the threshold's `le`, total = the `_count` counter,
// over the SLO's selection. Bare counters with `counter: true`, as OpenSLO's ratio examples give
// them: a consumer applies its own rate/increase over its windows. On import the query is
// informational (Sightline builds its own from the annotations); it is compared, never executed. Pure.
import { render } from "@/lib/promql/ast";
import { leSpellings } from "@/lib/promql/buckets";
import { candidateProfiles, toProducerUnit, type ProducerProfile, type ProducerProfileId } from "@/lib/promql/profiles";
import { bucketSelector, countSelector, type SloSelection } from "@/lib/promql/slo-queries";

/**
 * The profile whose names the exported query uses. A datasource on "auto" is detected per request
 * against Prometheus; export reads no backend, so it writes the first candidate (Tempo's names).
 */
export const exportProfile = (setting: "auto" | ProducerProfileId): ProducerProfile => candidateProfiles(setting)[0];

export function ratioQueries(slo: SloSelection & { thresholdSeconds: number }, profile: ProducerProfile): { good: string; total: string } {
  const le = leSpellings(toProducerUnit(slo.thresholdSeconds, profile.unit));
  return { good: render(bucketSelector(slo, profile, le)), total: render(countSelector(slo, profile)) };
}
