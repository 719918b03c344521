import "server-only";
// GET /api/slos/:id/timeseries as a business verb: per-step good/total increases between two
// moments for charts (SLI per step, request rate), in one range query. When the threshold is not a
// bucket boundary the good count is taken at the lower neighbouring boundary (the conservative
// bound) and `exact` is false: never interpolated. Detection, layout and fit come from the shared
// read context; the step from the one range planner (lib/promql/step.ts). A step without samples
// (a scrape gap) is marked `gap`, and `unplaced` says how many requests of the range no step shows.
import { render } from "@/lib/promql/ast";
import { spellingsFor } from "@/lib/promql/buckets";
import { goodQuery, PART_LABEL, taggedUnion, totalQuery } from "@/lib/promql/slo-queries";
import { defaultChartStep, planRange } from "@/lib/promql/step";
import type { SloTimeseriesResponse } from "@/lib/schemas/status";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { capWarnings, MAX_RESPONSE_WARNINGS } from "@/lib/server/metrics/limits";
import { openReadContext } from "@/lib/server/sli-data/read-context";
import { backendProblem, metricsSourceFor } from "./source";

export interface TimeseriesOptions {
  fromSeconds: number;
  toSeconds: number;
  stepSeconds?: number;
}

export async function sloTimeseries(idOrSlug: string, opts: TimeseriesOptions): Promise<SloTimeseriesResponse> {
  const { slo, datasource: ds } = await getSloWithDatasource(idOrSlug);
  // One source for the whole request: every call shares its deadline.
  const source = metricsSourceFor(ds);
  const { fromSeconds: from, toSeconds: to } = opts;

  const opened = await openReadContext(source, { setting: ds.producerProfile, selection: slo, startSeconds: from, endSeconds: to });
  if (!opened.ok) throw backendProblem(opened.error);
  const ctx = opened.value;
  const { profile, layout } = ctx;
  const decision = ctx.fit(slo.thresholdSeconds);
  const warnings = [...ctx.warnings];
  if (decision.fit.kind !== "exact")
    warnings.push("the threshold is not a bucket boundary: per-step good counts are taken at the boundary below it (a lower bound)");

  // The increase window equals the step so steps tile the range; the planner keeps it under 11,000 points.
  const plan = planRange(from, to, opts.stepSeconds ?? defaultChartStep(to - from));
  if (plan.raised) warnings.push(`step raised to ${plan.stepSeconds} s to stay under 11,000 points`);
  const step = plan.stepSeconds;
  const parts = [{ tag: "total", expr: totalQuery(slo, profile, step) }];
  if (decision.countBoundary !== null) parts.push({ tag: "good", expr: goodQuery(slo, profile, spellingsFor(layout, decision.countBoundary), step) });
  const r = await source.queryRange(render(taggedUnion(parts)), plan.startSeconds, plan.endSeconds, step);
  if (!r.ok) throw backendProblem(r.error);
  warnings.push(...r.value.warnings.filter((w) => !w.startsWith("step raised")));

  const byTag = new Map<string, Map<number, number>>();
  for (const s of r.value.series) {
    const tag = s.labels[PART_LABEL];
    if (tag) byTag.set(tag, new Map(s.points.map((p) => [Math.round(p.t), Number.isFinite(p.v) ? Math.max(p.v, 0) : 0])));
  }
  const totals = byTag.get("total");
  const points: SloTimeseriesResponse["points"] = [];
  let placed = 0;
  let gaps = 0;
  for (let t = plan.startSeconds; t <= plan.endSeconds; t += step) {
    const gap = !totals?.has(t);
    const total = totals?.get(t) ?? 0;
    const good = Math.min(byTag.get("good")?.get(t) ?? 0, total);
    placed += total;
    if (gap) gaps++;
    points.push({ t, good, total, sli: total > 0 ? good / total : null, requestsPerSecond: total / step, ...(gap ? { gap: true } : {}) });
  }

  let unplaced: SloTimeseriesResponse["unplaced"];
  if (gaps > 0 && gaps < points.length) {
    // Counting went on across the gap: the range's own increase includes what the steps lost.
    const span = plan.endSeconds - plan.startSeconds + step;
    const whole = await source.query(render(totalQuery(slo, profile, span)), plan.endSeconds);
    const all = whole.ok ? whole.value.samples[0]?.value : undefined;
    if (all !== undefined && Number.isFinite(all)) unplaced = { gapSteps: gaps, requests: Math.max(0, Math.round(all - placed)) };
    else if (!whole.ok) warnings.push(`could not count the requests the gaps hide (${whole.error.message})`);
  } else if (gaps > 0) unplaced = { gapSteps: gaps, requests: 0 };
  if (unplaced && unplaced.requests > 0)
    warnings.push(`${unplaced.gapSteps} step(s) have no samples (scrape gap); ${unplaced.requests.toLocaleString("en-US")} requests of the range fall in no step`);

  return {
    from: plan.startSeconds,
    to: plan.endSeconds,
    stepSeconds: step,
    exact: decision.fit.kind === "exact",
    points,
    ...(unplaced ? { unplaced } : {}),
    warnings: capWarnings(warnings, MAX_RESPONSE_WARNINGS),
  };
}
