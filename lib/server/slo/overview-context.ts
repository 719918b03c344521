import "server-only";
// The read context of many SLOs of one datasource at once: which producer wrote each SLO's series, its
// real bucket layout and the threshold fit, decided exactly as the per-SLO read context
// (lib/server/sli-data/read-context.ts) decides them, from one `/api/v1/series` request per distinct
// window start instead of two requests per SLO:
// - profile: the first candidate (preference order) with a count series for the SLO's service in the
//   window, else the first with any count series (detectProfile, asked once), else the fallback;
// - layout: the `le` sets of the bucket series the SLO's own selector selects (selection, plus
//   status_code != error when errors count as bad), evaluated in JS with Prometheus' matcher rules;
// - fit: decideFit on that layout, the same function status calls.
import { decideFit, isMixed, layoutFromBoundaries, layoutFromSeries, type BucketLayout, type FitDecision } from "@/lib/promql/buckets";
import { contextSelectors } from "@/lib/promql/overview-queries";
import { bucketMetric, candidateProfiles, countMetric, type ProducerProfile } from "@/lib/promql/profiles";
import { selectionMatchers, type SloSelection } from "@/lib/promql/slo-queries";
import { matcher, type Matcher } from "@/lib/promql/ast";
import type { ProducerProfileSetting } from "@/lib/schemas/datasource";
import { allMatch } from "@/lib/slo/overview-assign";
import type { MetricsSource } from "../metrics/client";
import { detectProfile } from "../metrics/profile";
import { ok, type Result } from "../metrics/result";

export interface SloContext {
  profile: ProducerProfile;
  layout: BucketLayout;
  assumed: boolean;
  decision: FitDecision;
  warnings: string[];
}

/** Matchers of the SLO's bucket series (the layout and good-count selection without `le`). */
export function bucketMatchers(slo: SloSelection, p: ProducerProfile): Matcher[] {
  return [...selectionMatchers(slo, p), ...(slo.countErrorsAsBad ? [matcher(p.labels.statusCode, "!=", p.statusError)] : [])];
}

export interface ContextRequest {
  selection: SloSelection;
  thresholdSeconds: number;
}

/**
 * Contexts for SLOs that share a window start. `queries` lists what was asked; the union layout per
 * profile (every spelling seen) is returned for building `le` matchers of grouped queries.
 */
export async function openContexts(
  source: MetricsSource,
  setting: ProducerProfileSetting,
  slos: readonly ContextRequest[],
  startSeconds: number,
  endSeconds: number,
): Promise<Result<{ contexts: SloContext[]; unionLayouts: Map<ProducerProfile, BucketLayout>; queries: string[] }>> {
  const candidates = candidateProfiles(setting);
  const services = [...new Set(slos.map((s) => s.selection.service))];
  const match = contextSelectors(candidates, services);
  const queries: string[] = [`series ${match.join(" , ")}`];
  const r = await source.series(match, startSeconds, endSeconds);
  if (!r.ok) return r;
  const counts = new Map<ProducerProfile, Set<string>>();
  const buckets = new Map<ProducerProfile, Record<string, string>[]>();
  for (const labels of r.value) {
    const name = labels.__name__;
    for (const p of candidates) {
      if (name === countMetric(p)) (counts.get(p) ?? counts.set(p, new Set()).get(p)!).add(labels[p.labels.service] ?? "");
      else if (name === bucketMetric(p)) (buckets.get(p) ?? buckets.set(p, []).get(p)!).push(labels);
    }
  }

  // Services no candidate has data for: status asks which names exist at all, once per range.
  let present: { profile: ProducerProfile; warning: string | null } | null = null;
  const profileFor = async (service: string): Promise<Result<{ profile: ProducerProfile; warning: string | null }>> => {
    if (candidates.length === 1) return ok({ profile: candidates[0], warning: null });
    const byService = candidates.find((p) => counts.get(p)?.has(service));
    if (byService) return ok({ profile: byService, warning: null });
    if (!present) {
      const d = await detectProfile(source, { setting, startSeconds, endSeconds });
      if (!d.ok) return d;
      queries.push(...d.value.queries);
      present = { profile: d.value.profile, warning: d.value.warnings[0] ?? null };
    }
    return ok({ profile: present.profile, warning: `no span metrics for service "${service}" in this range; using ${present.profile.histogram}` });
  };

  const memo = new Map<string, Omit<SloContext, "decision">>();
  const contexts: SloContext[] = [];
  for (const s of slos) {
    const prof = await profileFor(s.selection.service);
    if (!prof.ok) return prof;
    const { profile } = prof.value;
    const key = JSON.stringify([profile.histogram, s.selection.service, s.selection.operation, s.selection.operationMatch, s.selection.spanKind, s.selection.extraMatchers, s.selection.countErrorsAsBad]);
    let base = memo.get(key);
    if (!base) {
      const ms = bucketMatchers(s.selection, profile);
      const selected = (buckets.get(profile) ?? []).filter((l) => allMatch(ms, l));
      const read = layoutFromSeries(selected);
      const assumed = read.seriesCount === 0;
      const layout = assumed ? layoutFromBoundaries(profile.defaultBuckets) : read;
      const warnings = prof.value.warning ? [prof.value.warning] : [];
      if (assumed) warnings.push(`no bucket series for this selection in the range; assuming ${profile.histogram}'s default buckets`);
      if (isMixed(layout)) warnings.push(`the selected series use ${layout.layouts.length} different bucket layouts; only boundaries shared by all are exact`);
      base = { profile, layout, assumed, warnings };
      memo.set(key, base);
    }
    contexts.push({ ...base, decision: decideFit(base.layout, s.thresholdSeconds, base.profile.unit) });
  }
  const unionLayouts = new Map<ProducerProfile, BucketLayout>();
  for (const [p, list] of buckets) unionLayouts.set(p, layoutFromSeries(list));
  return ok({ contexts, unionLayouts, queries });
}
