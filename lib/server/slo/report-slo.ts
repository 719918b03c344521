import "server-only";
// One SLO's calendar month for the report: the month's counts through the status verb's own data
// layer (fetchSliInputs: same read context, threshold fit and queries), and the page tiers' firing
// over the month through backtest's engine (the arithmetic of the generated alert rules).
//
// Month counts: a past month is the increase over its whole length evaluated at its end (a rolling
// window of exactly the month's days, which is what fetchSliInputs reads for it); the current month
// is the calendar month to date at now, i.e. exactly the status verb of a calendar-window SLO.
// Fast burn: 5-minute steps from 6 h before the month (the longest page window) to its end, ticket
// tiers off, the generated rules' `for` (BURN_FOR_SECONDS); firing is placed to the step.
import { render } from "@/lib/promql/ast";
import { spellingsFor } from "@/lib/promql/buckets";
import { backtestStepsQuery, windowsBesideSteps } from "@/lib/promql/history-queries";
import { BURN_FOR_SECONDS } from "@/lib/promql/rules-alerts";
import type { ReportSloEntry } from "@/lib/schemas/report";
import type { SloDto } from "@/lib/schemas/slo";
import type { DatasourceConfig } from "@/lib/server/catalogue/datasources";
import type { MetricsSource } from "@/lib/server/metrics/client";
import type { MetricsError } from "@/lib/server/metrics/result";
import { openReadContext } from "@/lib/server/sli-data/read-context";
import { fetchSliInputs } from "@/lib/server/sli-data";
import { backtest } from "@/lib/slo/backtest";
import { burnRateTiers } from "@/lib/slo/burn-tiers";
import { sloMonth, type ReportMonth, type StepCounts, type TierIntervals } from "@/lib/slo/report";
import { tierId } from "@/lib/slo/tier-firing";
import { readBacktestSteps } from "./backtest-steps";
import { backendProblem } from "./source";

export const REPORT_STEP_SECONDS = 300;
const PAGE_COVER_SECONDS = 6 * 3600;

class Unavailable extends Error {
  constructor(readonly error: MetricsError) {
    super(error.message);
  }
}
const orThrow = <T,>(r: { ok: true; value: T } | { ok: false; error: MetricsError }): T => {
  if (!r.ok) throw new Unavailable(r.error);
  return r.value;
};

export async function reportSloMonth(slo: SloDto, ds: DatasourceConfig, source: MetricsSource, month: ReportMonth, nowSeconds: number): Promise<ReportSloEntry["result"]> {
  const countedUntil = Math.min(month.endSeconds, Math.floor(nowSeconds));
  const past = countedUntil === month.endSeconds;
  try {
    const window = past ? ({ kind: "rolling", days: month.days } as const) : ({ kind: "calendar", unit: "month" } as const);
    const fetched = await fetchSliInputs(source, { ...slo, window }, { atSeconds: countedUntil, profile: ds.producerProfile });
    if (!fetched.ok) throw new Unavailable(fetched.error);
    const { value: inputs, meta } = fetched;
    const fire = await pageFiring(slo, ds, source, month, countedUntil);
    const m = sloMonth({
      objective: slo.objective,
      counts: { good: inputs.counts.good, total: inputs.counts.total, goodUpper: inputs.countsUpper?.good ?? null },
      samplesSeen: inputs.lastSampleAt !== null,
      steps: fire?.steps ?? null,
      pageTiers: fire?.tiers ?? [],
      countedUntilSeconds: countedUntil,
      month,
    });
    return { kind: "answered", ...m, samplesSeen: inputs.lastSampleAt !== null, exact: meta.layout.decision.fit.kind === "exact", warnings: [...meta.warnings, ...(fire?.warnings ?? [])].slice(0, 10) };
  } catch (e) {
    if (!(e instanceof Unavailable)) throw e;
    const p = backendProblem(e.error);
    return { kind: "unavailable", title: p.kind === "timeout" ? "Prometheus did not answer in time" : "Prometheus is unavailable", detail: `no data from Prometheus: ${p.message}` };
  }
}

/** Page-tier firing intervals over the month and the per-step counts they were read from; null before the first step. */
async function pageFiring(slo: SloDto, ds: DatasourceConfig, source: MetricsSource, month: ReportMonth, countedUntil: number) {
  const step = REPORT_STEP_SECONDS;
  const firstMoment = Math.ceil(month.startSeconds / step) * step;
  const lastMoment = Math.floor(countedUntil / step) * step;
  if (lastMoment <= firstMoment) return null;
  const firstStepEnd = firstMoment - PAGE_COVER_SECONDS + step;
  const n = (lastMoment - firstStepEnd) / step + 1;
  const ctx = orThrow(await openReadContext(source, { setting: ds.producerProfile, selection: slo, startSeconds: firstStepEnd - step, endSeconds: lastMoment }));
  const decision = ctx.fit(slo.thresholdSeconds);
  const le = decision.countBoundary === null ? null : spellingsFor(ctx.layout, decision.countBoundary);
  const r = orThrow(await source.queryRange(render(backtestStepsQuery(slo, ctx.profile, le, step)), firstStepEnd, lastMoment, step));
  const steps = readBacktestSteps(r.series, firstStepEnd, step, n, windowsBesideSteps(step));
  const tiers = burnRateTiers(slo.window);
  const off = new Set<string>([...tiers.filter((t) => t.severity !== "page").map(tierId), ...slo.alerting.disabledTiers]);
  const result = backtest({
    range: { startSeconds: firstMoment, endSeconds: lastMoment },
    stepSeconds: step,
    firstStepEndSeconds: firstStepEnd,
    ...steps,
    target: { thresholdSeconds: slo.thresholdSeconds, objective: slo.objective, window: slo.window, minEvents: slo.minEvents, disabledTiers: [...off], forSeconds: BURN_FOR_SECONDS },
  });
  const pageTiers: TierIntervals[] = result.tiers.filter((t) => t.severity === "page" && t.enabled).map((t) => ({ tier: t.id, longWindowSeconds: t.longWindowSeconds, intervals: t.intervals }));
  const stepCounts: StepCounts = { firstStepEndSeconds: firstStepEnd, stepSeconds: step, good: steps.good, total: steps.total };
  return { steps: stepCounts, tiers: pageTiers, warnings: [...r.warnings] };
}
