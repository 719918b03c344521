import "server-only";
// GET /api/slos/:id/timeseries as a business verb: per-step good/total increases between two
// moments for charts (SLI per step, request rate), in one range query. When the threshold is not a
// bucket boundary the good count is taken at the lower neighbouring boundary (the conservative
// bound) and `exact` is false: never interpolated.
import { render } from "@/lib/promql/ast";
import { decideFit, spellingsFor } from "@/lib/promql/buckets";
import { goodQuery, PART_LABEL, taggedUnion, totalQuery } from "@/lib/promql/slo-queries";
import type { SloTimeseriesResponse } from "@/lib/schemas/status";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { readLayout } from "@/lib/server/metrics/layout";
import type { MetricsSource } from "@/lib/server/metrics/client";
import { capWarnings, MAX_RESPONSE_WARNINGS } from "@/lib/server/metrics/limits";
import { detectProfile } from "@/lib/server/metrics/profile";
import { backendProblem, metricsSourceFor } from "./source";

export interface TimeseriesOptions {
  fromSeconds: number;
  toSeconds: number;
  stepSeconds?: number;
}

export async function sloTimeseries(idOrSlug: string, opts: TimeseriesOptions): Promise<SloTimeseriesResponse> {
  const { slo, datasource: ds } = await getSloWithDatasource(idOrSlug);
  // One source for the whole request, re-queries included: they share its deadline.
  return readTimeseries(metricsSourceFor(ds), slo, ds.producerProfile, opts);
}

type LoadedSlo = Awaited<ReturnType<typeof getSloWithDatasource>>;

async function readTimeseries(
  source: MetricsSource,
  slo: LoadedSlo["slo"],
  producerProfile: LoadedSlo["datasource"]["producerProfile"],
  opts: TimeseriesOptions,
): Promise<SloTimeseriesResponse> {
  const { fromSeconds: from, toSeconds: to } = opts;

  const detected = await detectProfile(source, { setting: producerProfile, service: slo.service, startSeconds: from, endSeconds: to });
  if (!detected.ok) throw backendProblem(detected.error);
  const profile = detected.value.profile;
  const read = await readLayout(source, slo, profile, from, to);
  if (!read.ok) throw backendProblem(read.error);
  const { layout } = read.value;
  const decision = decideFit(layout, slo.thresholdSeconds, profile.unit);
  const warnings = [...detected.value.warnings];
  if (decision.fit.kind !== "exact")
    warnings.push("the threshold is not a bucket boundary: per-step good counts are taken at the boundary below it (a lower bound)");

  // The step is decided by the client's request or the range; the increase window equals the step so steps tile the range.
  const planStep = opts.stepSeconds ?? Math.max(60, Math.ceil((to - from) / 240 / 60) * 60);
  const parts = [{ tag: "total", expr: totalQuery(slo, profile, planStep) }];
  if (decision.countBoundary !== null)
    parts.push({ tag: "good", expr: goodQuery(slo, profile, spellingsFor(layout, decision.countBoundary), planStep) });
  const r = await source.queryRange(render(taggedUnion(parts)), from, to, planStep);
  if (!r.ok) throw backendProblem(r.error);
  const { plan } = r.value;
  if (plan.stepSeconds !== planStep) {
    // The client asked for more than 11,000 points: re-query with the raised step so each point still covers exactly one step.
    return readTimeseries(source, slo, producerProfile, { ...opts, stepSeconds: plan.stepSeconds });
  }
  warnings.push(...r.value.warnings);

  const byTag = new Map<string, Map<number, number>>();
  for (const s of r.value.series) {
    const tag = s.labels[PART_LABEL];
    if (tag) byTag.set(tag, new Map(s.points.map((p) => [Math.round(p.t), Number.isFinite(p.v) ? Math.max(p.v, 0) : 0])));
  }
  const points: SloTimeseriesResponse["points"] = [];
  for (let t = plan.startSeconds; t <= plan.endSeconds; t += plan.stepSeconds) {
    const total = byTag.get("total")?.get(t) ?? 0;
    const good = Math.min(byTag.get("good")?.get(t) ?? 0, total);
    points.push({ t, good, total, sli: total > 0 ? good / total : null, requestsPerSecond: total / plan.stepSeconds });
  }
  return { from: plan.startSeconds, to: plan.endSeconds, stepSeconds: plan.stepSeconds, exact: decision.fit.kind === "exact", points, warnings: capWarnings(warnings, MAX_RESPONSE_WARNINGS) };
}
