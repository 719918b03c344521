import "server-only";
// The SLI data layer: turns an SLO and a moment into the SliInputs the pure engine (lib/slo)
// evaluates. Resolves the window, picks the producer profile, reads the real bucket layout,
// decides how the threshold fits it, then fetches every count in as few round trips as possible
// (one instant query for window + burn windows + freshness, one range query for the steps, run
// concurrently). Empty answers are zero traffic (0/0), never an error: the engine says "no data".
import type { FitDecision } from "@/lib/promql/buckets";
import type { ProducerProfile } from "@/lib/promql/profiles";
import { PART_LABEL, type SloSelection } from "@/lib/promql/slo-queries";
import type { CreateSloInput } from "@/lib/schemas/slo";
import type { ProducerProfileSetting } from "@/lib/schemas/datasource";
import { BURN_WINDOWS, type BurnWindow, type CountPair, type CountStep, type SliInputs } from "@/lib/slo/types";
import { resolveWindow } from "@/lib/slo/window";
import type { MetricsSource } from "./metrics/client";
import { capWarnings, MAX_RESPONSE_WARNINGS } from "./metrics/limits";
import type { MetricsError } from "./metrics/result";
import { findLastSample } from "./sli-data/freshness";
import { openReadContext } from "./sli-data/read-context";
import { pairOf, planCounts, planHead, planSteps, readParts, type StepPlan } from "./sli-data/plan";

export type SloForSli = SloSelection & Pick<CreateSloInput, "thresholdSeconds" | "objective" | "window" | "minEvents">;

export interface FetchSliOptions {
  /** Evaluation moment, unix seconds (fractions are dropped). */
  atSeconds: number;
  /** Datasource setting; default auto-detection. */
  profile?: ProducerProfileSetting;
  /** Per-step increases across the window for burn-down charts; null/absent: none. */
  steps?: { stepSeconds: number } | null;
}

export interface SliLayoutMeta {
  seriesCount: number;
  mixed: boolean;
  /** Distinct layouts (boundaries in seconds, +Inf as null), most series first. */
  layouts: { boundariesSeconds: (number | null)[]; seriesCount: number; example: Record<string, string> }[];
  /** No series found: the producer's default buckets were assumed. */
  assumed: boolean;
  decision: FitDecision;
}

export interface SliMeta {
  profile: Pick<ProducerProfile, "id" | "histogram" | "unit">;
  /** Every PromQL text sent, in order. */
  queries: string[];
  warnings: string[];
  /** Ends of the steps (burn-down) without samples: gaps, counted as 0 in `steps` but not zero traffic. */
  gapSteps: number[];
  layout: SliLayoutMeta;
}

export type FetchSliResult = { ok: true; value: SliInputs; meta: SliMeta } | { ok: false; error: MetricsError };

export async function fetchSliInputs(source: MetricsSource, slo: SloForSli, opts: FetchSliOptions): Promise<FetchSliResult> {
  const at = Math.floor(opts.atSeconds);
  const window = resolveWindow(slo.window, at);
  const queries: string[] = [];
  const warnings: string[] = [];

  // Detection, layout and fit: the shared read context (cached briefly per backend and selection).
  const opened = await openReadContext(source, { setting: opts.profile ?? "auto", selection: slo, startSeconds: window.startSeconds, endSeconds: at });
  if (!opened.ok) return opened;
  const ctx = opened.value;
  const { profile, layout, assumed } = ctx;
  queries.push(...ctx.queries);
  warnings.push(...ctx.warnings);
  const decision = ctx.fit(slo.thresholdSeconds);

  const stepPlan: StepPlan | null = opts.steps ? planSteps(window, opts.steps.stepSeconds) : null;
  if (stepPlan?.raised) warnings.push(`step raised to ${stepPlan.stepSeconds} s to stay under 11,000 points`);
  const plan = planCounts(slo, profile, layout, decision, window, stepPlan);
  // When the step does not divide the window, the first (partial) step is its own instant query.
  const headQuery = stepPlan && stepPlan.headSeconds > 0 ? planHead(slo, profile, layout, decision, stepPlan.headSeconds) : null;

  queries.push(plan.instant);
  if (headQuery) queries.push(headQuery);
  if (plan.range) queries.push(plan.range);
  const [instant, head, range] = await Promise.all([
    source.query(plan.instant, at),
    headQuery ? source.query(headQuery, window.startSeconds + stepPlan!.headSeconds) : null,
    plan.range && stepPlan
      ? source.queryRange(plan.range, at - (stepPlan.fullSteps - 1) * stepPlan.stepSeconds, at, stepPlan.stepSeconds, { align: false })
      : null,
  ]);
  if (!instant.ok) return instant;
  if (head && !head.ok) return head;
  if (range && !range.ok) return range;
  warnings.push(...instant.value.warnings, ...(range?.value.warnings ?? []));

  const { values, warnings: partWarnings } = readParts(instant.value.samples);
  warnings.push(...partWarnings);
  const counts = window.durationSeconds > 0 ? pairOf(values, "window") : { good: 0, total: 0 };
  const countsUpper: CountPair | null =
    decision.fit.kind === "exact" ? null : { good: values.get("upper_window") ?? 0, total: counts.total };
  const burnWindows: Partial<Record<BurnWindow, CountPair>> = {};
  for (const w of BURN_WINDOWS) burnWindows[w] = pairOf(values, w);
  if (counts.good > counts.total)
    warnings.push(`good (${counts.good}) exceeds total (${counts.total}): series were scraped at different moments or selections differ`);

  let lastSampleAt = values.get("last") ?? null;
  if (lastSampleAt === null) {
    const found = await findLastSample(source, { slo, profile, windowSeconds: window.durationSeconds, atSeconds: at, noSeriesInWindow: assumed });
    queries.push(...found.queries);
    if (found.warning) warnings.push(found.warning);
    lastSampleAt = found.atSeconds;
    if (lastSampleAt !== null) warnings.push(`no sample in the last 5 minutes; newest at ${new Date(lastSampleAt * 1000).toISOString()}`);
  }

  let steps: CountStep[] | null = null;
  const gapSteps: number[] = [];
  if (stepPlan) {
    steps = [];
    if (head) steps.push({ t: window.startSeconds + stepPlan.headSeconds, ...pairOf(readParts(head.value.samples).values, "head") });
    if (range) steps.push(...stepsFromRange(range.value.series, at, stepPlan, gapSteps));
  }

  return {
    ok: true,
    value: {
      evaluatedAt: at,
      window,
      objective: slo.objective,
      minEvents: slo.minEvents,
      thresholdFit: decision.fit,
      counts,
      countsUpper,
      burnWindows,
      steps,
      lastSampleAt,
    },
    meta: {
      profile: { id: profile.id, histogram: profile.histogram, unit: profile.unit },
      queries,
      warnings: capWarnings(warnings, MAX_RESPONSE_WARNINGS),
      gapSteps,
      layout: {
        seriesCount: layout.seriesCount,
        mixed: ctx.mixed,
        layouts: ctx.layouts,
        assumed,
        decision,
      },
    },
  };
}

/** A step without a total point had fewer than two samples in every series: a gap, listed in `gaps`. */
function stepsFromRange(series: { labels: Record<string, string>; points: { t: number; v: number }[] }[], at: number, plan: StepPlan, gaps: number[]): CountStep[] {
  const byTag = new Map<string, Map<number, number>>();
  for (const s of series) {
    const tag = s.labels[PART_LABEL];
    if (tag) byTag.set(tag, new Map(s.points.map((p) => [Math.round(p.t), Number.isFinite(p.v) ? p.v : 0])));
  }
  const out: CountStep[] = [];
  for (let k = plan.fullSteps - 1; k >= 0; k--) {
    const t = at - k * plan.stepSeconds;
    if (!byTag.get("total_step")?.has(t)) gaps.push(t);
    out.push({ t, good: byTag.get("good_step")?.get(t) ?? 0, total: byTag.get("total_step")?.get(t) ?? 0 });
  }
  return out;
}
