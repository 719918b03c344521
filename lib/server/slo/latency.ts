import "server-only";
// GET /api/slos/:id/latency as a business verb: per-step increases of every bucket of the SLO's
// selection (errors included: they are requests too), summed by `le`, in one range query, turned
// into p50/p90/p99 by lib/slo/quantile.ts and a request rate from the +Inf bucket. Boundaries are
// read in the producer's unit and converted to seconds once; `le` spellings of one boundary
// ("1" and "1.0") are merged.
import { agg, rangeFn, render, selector } from "@/lib/promql/ast";
import { bucketMetric } from "@/lib/promql/profiles";
import { selectionMatchers } from "@/lib/promql/slo-queries";
import { defaultChartStep, planRange } from "@/lib/promql/step";
import type { SloLatencyResponse } from "@/lib/schemas/latency";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { capWarnings, MAX_RESPONSE_WARNINGS } from "@/lib/server/metrics/limits";
import { openReadContext } from "@/lib/server/sli-data/read-context";
import { leSeconds } from "@/lib/slo/exemplars";
import { bucketQuantile } from "@/lib/slo/quantile";
import { backendProblem, metricsSourceFor } from "./source";

export interface LatencyOptions {
  fromSeconds: number;
  toSeconds: number;
  stepSeconds?: number;
}

export async function sloLatency(idOrSlug: string, opts: LatencyOptions): Promise<SloLatencyResponse> {
  const { slo, datasource: ds } = await getSloWithDatasource(idOrSlug);
  const source = metricsSourceFor(ds);
  const { fromSeconds: from, toSeconds: to } = opts;
  const opened = await openReadContext(source, { setting: ds.producerProfile, selection: slo, startSeconds: from, endSeconds: to });
  if (!opened.ok) throw backendProblem(opened.error);
  const { profile } = opened.value;
  const warnings = [...opened.value.warnings];

  const plan = planRange(from, to, opts.stepSeconds ?? defaultChartStep(to - from));
  if (plan.raised) warnings.push(`step raised to ${plan.stepSeconds} s to stay under 11,000 points`);
  const step = plan.stepSeconds;
  const expr = agg("sum", rangeFn("increase", selector(bucketMetric(profile), selectionMatchers(slo, profile)), step), ["le"]);
  const r = await source.queryRange(render(expr), plan.startSeconds, plan.endSeconds, step);
  if (!r.ok) throw backendProblem(r.error);
  warnings.push(...r.value.warnings.filter((w) => !w.startsWith("step raised")));

  // t → (le in seconds, Infinity for +Inf) → count
  const byT = new Map<number, Map<number, number>>();
  for (const s of r.value.series) {
    const le = leSeconds(s.labels.le, profile.unit);
    if (le === undefined) continue;
    const key = le ?? Infinity;
    for (const p of s.points) {
      const t = Math.round(p.t);
      const m = byT.get(t) ?? new Map<number, number>();
      m.set(key, (m.get(key) ?? 0) + (Number.isFinite(p.v) ? Math.max(p.v, 0) : 0));
      byT.set(t, m);
    }
  }
  const points: SloLatencyResponse["points"] = [];
  for (let t = plan.startSeconds; t <= plan.endSeconds; t += step) {
    const m = byT.get(t);
    const buckets = m ? [...m].map(([leSecondsValue, count]) => ({ leSeconds: leSecondsValue, count })) : [];
    const total = m?.get(Infinity) ?? 0;
    const q = (x: number) => (total > 0 ? bucketQuantile(x, buckets) : null);
    points.push({ t, p50: q(0.5), p90: q(0.9), p99: q(0.99), requestsPerSecond: total / step });
  }
  return {
    from: plan.startSeconds,
    to: plan.endSeconds,
    stepSeconds: step,
    thresholdSeconds: slo.thresholdSeconds,
    boundariesSeconds: opened.value.boundariesSeconds,
    points,
    warnings: capWarnings(warnings, MAX_RESPONSE_WARNINGS),
  };
}
