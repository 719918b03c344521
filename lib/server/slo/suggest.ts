import "server-only";
// POST /api/suggest as a business verb: read the selection's history at every real bucket boundary
// from its datasource (one read context, then the oldest-sample look-up beside one range query) and hand it to
// the pure engine (lib/slo/suggest.ts). The response carries the engine's result whole, the history
// view (rate and bucket-resolution p50/p90/p99 per step), the data range and every query sent.
import { render, type Expr } from "@/lib/promql/ast";
import { firstSampleWindowQuery, oldestSampleQuery, suggestStepsQuery } from "@/lib/promql/history-queries";
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
const HOUR = 3600;
const MINUTE = 60;
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

  // The range query does not wait for the oldest sample: it reads from the requested start, and a
  // clipped baseline only drops its leading steps. Both start at step multiples, so the clipped steps
  // are the same evaluations (the reader ignores points before the start it is given).
  const q = render(suggestStepsQuery(selection, ctx.profile, step));
  const [oldest, range] = await Promise.all([findOldestSample(source, selection, ctx.profile, end, queries), source.queryRange(q, start + step, end, step)]);
  queries.push(q);
  const read = orThrow(range);
  warnings.push(...read.warnings);
  let clipped = false;
  if (oldest !== null && oldest > start) {
    // The step holding the oldest sample is partial (increase() starts at that sample): start after it.
    start = Math.min(Math.ceil(oldest / step) * step, end - step);
    clipped = true;
  }
  const n = (end - start) / step;

  const boundaries = ctx.layout.common.filter(Number.isFinite).map((value, i) => ({ value, seconds: ctx.boundariesSeconds[i] }));
  const steps = readSuggestSteps({ series: read.series, startSeconds: start, stepSeconds: step, steps: n, profile: ctx.profile, boundaries, countErrorsAsBad: selection.countErrorsAsBad });
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
 * Oldest `_count` sample of the selection within OLDEST_LOOKBACK_SECONDS before `end`, or null when
 * the backend holds none. Narrowed in three cheap requests instead of one look-back subquery over 90
 * days at 1 h (2,160 seeks per series, about a second on Prometheus 2.42): the first hour window
 * holding a sample (raw-sample counts over 90 days), then the first minute window in that hour, then
 * the sample itself at one-second ticks (exact whenever a series' samples are at least a second apart).
 */
export async function findOldestSample(source: MetricsSource, selection: SloSelection, profile: ProducerProfile, end: number, queries: string[]): Promise<number | null> {
  const at = async (expr: Expr, atSeconds: number) => {
    const q = render(expr);
    queries.push(q);
    const v = orThrow(await source.query(q, atSeconds)).samples[0]?.value;
    return v !== undefined && Number.isFinite(v) ? v : null;
  };
  // Hour ticks up to the first at or after `end`, so the last window reaches `end`; a sample after
  // `end` found that way is not in the range asked.
  const hourEnd = await at(firstSampleWindowQuery(selection, profile, OLDEST_LOOKBACK_SECONDS, HOUR), Math.ceil(end / HOUR) * HOUR);
  if (hourEnd === null) return null;
  const minuteEnd = (await at(firstSampleWindowQuery(selection, profile, HOUR, MINUTE), hourEnd)) ?? hourEnd;
  const oldest = (await at(oldestSampleQuery(selection, profile, MINUTE, 1), minuteEnd)) ?? minuteEnd;
  return oldest <= end ? oldest : null;
}
