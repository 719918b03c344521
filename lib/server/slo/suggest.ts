import "server-only";
// POST /api/suggest as a business verb: read the selection's history at every real bucket boundary
// from its datasource (one read context, one oldest-sample look-up, one range query) and hand it to
// the pure engine (lib/slo/suggest.ts). The response carries the engine's result whole, the history
// view (rate and bucket-resolution p50/p90/p99 per step), the data range and every query sent.
import { render } from "@/lib/promql/ast";
import { oldestSampleQuery, suggestStepsQuery } from "@/lib/promql/history-queries";
import { planDayStep } from "@/lib/promql/step";
import type { SuggestRequest, SuggestResponse, TimeRange } from "@/lib/schemas/suggest";
import { ValidationError } from "@/lib/server/errors";
import type { MetricsSource } from "@/lib/server/metrics/client";
import type { ProducerProfile } from "@/lib/promql/profiles";
import type { SloSelection } from "@/lib/promql/slo-queries";
import { capWarnings, MAX_RESPONSE_WARNINGS } from "@/lib/server/metrics/limits";
import { openReadContext } from "@/lib/server/sli-data/read-context";
import { suggestTargets } from "@/lib/slo/suggest";
import { datasourceForBody, orThrow } from "./selection-source";
import { engineCandidates, readSuggestSteps } from "./suggest-steps";

const DAY = 86_400;
export const DEFAULT_BASELINE_SECONDS = 28 * DAY;
/** How far back the oldest sample is looked for: the longest baseline the wizard offers. */
export const OLDEST_LOOKBACK_SECONDS = 90 * DAY;
const SUGGEST_STEP_SECONDS = 3600;

export async function suggestForSelection(req: SuggestRequest, nowSeconds = Date.now() / 1000): Promise<SuggestResponse> {
  const { ds, source } = await datasourceForBody(req.selection.datasourceId, "selection.datasourceId");
  const selection = req.selection;
  const requested = req.baseline ?? { startSeconds: Math.floor(nowSeconds) - DEFAULT_BASELINE_SECONDS, endSeconds: Math.floor(nowSeconds) };
  const step = planDayStep(requested.endSeconds - requested.startSeconds, requested.endSeconds - requested.startSeconds, { requested: SUGGEST_STEP_SECONDS }).stepSeconds;
  // Whole steps only, and never the unfinished step at the end: its counts would still grow.
  const end = Math.min(Math.ceil(requested.endSeconds / step), Math.floor(nowSeconds / step)) * step;
  let start = Math.floor(requested.startSeconds / step) * step;
  if (end <= start)
    throw new ValidationError([{ path: "baseline", message: `must hold at least one whole ${step / 3600}-hour step that has ended` }]);

  const ctx = orThrow(await openReadContext(source, { setting: ds.producerProfile, selection, startSeconds: start, endSeconds: end }));
  const queries = [...ctx.queries];
  const warnings = [...ctx.warnings];

  const oldest = await findOldestSample(source, selection, ctx.profile, end, queries);
  let clipped = false;
  if (oldest !== null && oldest > start) {
    // The step holding the oldest sample is partial (increase() starts at that sample): start after it.
    start = Math.min(Math.ceil(oldest / step) * step, end - step);
    clipped = true;
  }

  const n = (end - start) / step;
  const q = render(suggestStepsQuery(selection, ctx.profile, step));
  queries.push(q);
  const range = orThrow(await source.queryRange(q, start + step, end, step));
  warnings.push(...range.warnings);

  const boundaries = ctx.layout.common.filter(Number.isFinite).map((value, i) => ({ value, seconds: ctx.boundariesSeconds[i] }));
  const steps = readSuggestSteps({ series: range.series, startSeconds: start, stepSeconds: step, steps: n, profile: ctx.profile, boundaries, countErrorsAsBad: selection.countErrorsAsBad });
  if (boundaries.length > 64) warnings.push(`the selection has ${boundaries.length} common boundaries; the first 64 are candidates`);

  const baseline: TimeRange = { startSeconds: start, endSeconds: end };
  const result = suggestTargets({
    baseline,
    stepSeconds: step,
    total: steps.total,
    candidates: engineCandidates(steps, boundaries),
    exclusions: req.exclusions,
    resetsAtSeconds: steps.resetsAtSeconds,
    window: req.window,
    intent: req.intent,
    selection: { label: `${selection.service} ${selection.operation}`, seriesCount: ctx.layout.seriesCount, layoutCount: ctx.layout.layouts.length },
  });

  return {
    ...result,
    history: { stepSeconds: step, points: steps.history },
    dataRange: { oldestSampleSeconds: oldest, requested, clipped },
    selectionFacts: {
      profile: { id: ctx.profile.id, histogram: ctx.profile.histogram, unit: ctx.profile.unit },
      seriesCount: ctx.layout.seriesCount,
      layoutCount: ctx.layout.layouts.length,
      boundariesSeconds: ctx.boundariesSeconds,
    },
    source: { queries, warnings: capWarnings(warnings, MAX_RESPONSE_WARNINGS) },
  };
}

/**
 * Oldest `_count` sample of the selection within OLDEST_LOOKBACK_SECONDS before `end`: hourly first
 * (2,160 evaluations), then the hour before that answer at one minute (65 evaluations), which is exact
 * for any scrape interval under Prometheus' 5-minute lookback. Null when the backend holds none.
 */
export async function findOldestSample(source: MetricsSource, selection: SloSelection, profile: ProducerProfile, end: number, queries: string[]): Promise<number | null> {
  const coarse = render(oldestSampleQuery(selection, profile, OLDEST_LOOKBACK_SECONDS, 3600));
  queries.push(coarse);
  const first = orThrow(await source.query(coarse, end)).samples[0]?.value;
  if (first === undefined || !Number.isFinite(first)) return null;
  const fine = render(oldestSampleQuery(selection, profile, 3600 + 300, 60));
  queries.push(fine);
  const exact = orThrow(await source.query(fine, first)).samples[0]?.value;
  return exact !== undefined && Number.isFinite(exact) ? Math.min(exact, first) : first;
}
