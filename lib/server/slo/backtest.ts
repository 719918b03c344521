import "server-only";
// POST /api/backtest as a business verb: "had this SLO existed". For a saved SLO, a draft, or both
// (edit: side by side over the same past), read per-step good/total at the SLO's boundary from its
// datasource, starting early enough that the first moment's SLO window is covered, plus the burn
// windows the steps cannot sum to (5m and 30m at hourly steps) at each step end, in one range query
// per definition; then the pure engine (lib/slo/backtest.ts) replays status and alert tiers.
import { render } from "@/lib/promql/ast";
import { spellingsFor } from "@/lib/promql/buckets";
import { backtestStepsQuery, windowsBesideSteps } from "@/lib/promql/history-queries";
import { DAY_STEPS, planDayStep } from "@/lib/promql/step";
import type { SloSelection } from "@/lib/promql/slo-queries";
import { BacktestTarget, type BacktestRequest, type BacktestResponse, type BacktestResult } from "@/lib/schemas/backtest";
import type { ProducerProfileSetting } from "@/lib/schemas/datasource";
import type { SloWindow } from "@/lib/schemas/slo";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { ValidationError } from "@/lib/server/errors";
import type { MetricsSource } from "@/lib/server/metrics/client";
import { capWarnings, MAX_RESPONSE_WARNINGS } from "@/lib/server/metrics/limits";
import { openReadContext } from "@/lib/server/sli-data/read-context";
import { backtest } from "@/lib/slo/backtest";
import { burnRateTiers } from "@/lib/slo/burn-tiers";
import { formatMs } from "@/lib/slo/format";
import { resolveWindow } from "@/lib/slo/window";
import { readBacktestSteps } from "./backtest-steps";
import { datasourceForBody, orThrow } from "./selection-source";
import { metricsSourceFor } from "./source";

const DAY = 86_400;
/** Moments a default step aims at over the range (hourly over 90 days). */
const TARGET_MOMENTS = 2200;

interface Definition {
  datasourceId: string;
  setting: ProducerProfileSetting;
  source: MetricsSource;
  selection: SloSelection;
  target: BacktestTarget;
}

export async function backtestSlo(req: BacktestRequest, nowSeconds = Date.now() / 1000): Promise<BacktestResponse> {
  if (req.stepSeconds !== undefined && !(DAY_STEPS as readonly number[]).includes(req.stepSeconds))
    throw new ValidationError([{ path: "stepSeconds", message: `must divide a day: one of ${DAY_STEPS.join(", ")}` }]);
  const [current, draft] = await loadDefinitions(req);
  const defs = [current, draft].filter((d): d is Definition => d !== null);

  const rangeSeconds = req.range.endSeconds - req.range.startSeconds;
  const coverFor = (w: SloWindow, at: number) => Math.max(resolveWindow(w, at).durationSeconds, ...burnRateTiers(w).map((t) => t.longWindowSeconds));
  // Plan with the widest cover any month could need (31 days), then place the steps exactly.
  const plan = planDayStep(rangeSeconds, rangeSeconds + Math.max(...defs.map((d) => coverFor(d.target.window, req.range.startSeconds)), 31 * DAY), {
    requested: req.stepSeconds,
    targetPoints: TARGET_MOMENTS,
  });
  const step = plan.stepSeconds;
  const warnings: string[] = plan.raised ? [`step raised to ${step} s: the range and its SLO window must stay under 11,000 steps`] : [];
  const firstMoment = Math.ceil(req.range.startSeconds / step) * step;
  const lastMoment = Math.min(Math.floor(req.range.endSeconds / step), Math.floor(nowSeconds / step)) * step;
  if (lastMoment < firstMoment) throw new ValidationError([{ path: "range", message: `must hold a ${step}-second step end that has passed` }]);
  const cover = Math.max(...defs.map((d) => coverFor(d.target.window, firstMoment)));
  const firstStepEnd = firstMoment - cover + step;
  const n = (lastMoment - firstStepEnd) / step + 1;

  const queries: string[] = [];
  const run = (d: Definition | null) => (d ? runOne(d, { firstStepEnd, lastMoment, step, n }, queries, warnings) : Promise.resolve(null));
  const [cur, drf] = await Promise.all([run(current), run(draft)]);
  // The engine answers for the range asked; moments are the step ends inside it.
  return { current: cur, draft: drf, source: { queries, warnings: capWarnings(warnings, MAX_RESPONSE_WARNINGS) } };

  async function runOne(d: Definition, s: { firstStepEnd: number; lastMoment: number; step: number; n: number }, q: string[], w: string[]): Promise<BacktestResult> {
    const ctx = orThrow(await openReadContext(d.source, { setting: d.setting, selection: d.selection, startSeconds: s.firstStepEnd - s.step, endSeconds: s.lastMoment }));
    q.push(...ctx.queries);
    w.push(...ctx.warnings);
    const decision = ctx.fit(d.target.thresholdSeconds);
    if (decision.fit.kind !== "exact")
      w.push(
        `${formatMs(d.target.thresholdSeconds)} is not a bucket boundary: good requests are counted at ${decision.fit.lowerSeconds === null ? "no boundary (none below it)" : formatMs(decision.fit.lowerSeconds)}, a lower bound`,
      );
    const le = decision.countBoundary === null ? null : spellingsFor(ctx.layout, decision.countBoundary);
    const query = render(backtestStepsQuery(d.selection, ctx.profile, le, s.step));
    q.push(query);
    const r = orThrow(await d.source.queryRange(query, s.firstStepEnd, s.lastMoment, s.step));
    w.push(...r.warnings);
    const steps = readBacktestSteps(r.series, s.firstStepEnd, s.step, s.n, windowsBesideSteps(s.step));
    return backtest({ range: req.range, stepSeconds: s.step, firstStepEndSeconds: s.firstStepEnd, ...steps, target: d.target });
  }
}

async function loadDefinitions(req: BacktestRequest): Promise<[Definition | null, Definition | null]> {
  const sources = new Map<string, MetricsSource>();
  let current: Definition | null = null;
  if (req.sloId !== undefined) {
    const { slo, datasource } = await getSloWithDatasource(req.sloId);
    const source = metricsSourceFor(datasource);
    sources.set(datasource.id, source);
    const target = BacktestTarget.safeParse({ thresholdSeconds: slo.thresholdSeconds, objective: slo.objective, window: slo.window, minEvents: slo.minEvents });
    if (!target.success) throw new ValidationError([{ path: "sloId", message: "this SLO's target cannot be backtested" }]);
    current = { datasourceId: datasource.id, setting: datasource.producerProfile, source, selection: slo, target: target.data };
  }
  let draft: Definition | null = null;
  if (req.draft) {
    const id = req.draft.selection.datasourceId;
    const { ds, source } = await datasourceForBody(id, "draft.selection.datasourceId");
    // One source per datasource per request: it carries the request's deadline.
    const shared = sources.get(ds.id) ?? source;
    draft = { datasourceId: ds.id, setting: ds.producerProfile, source: shared, selection: req.draft.selection, target: req.draft.target };
  }
  return [current, draft];
}
