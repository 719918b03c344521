import "server-only";
// The recorded path of the overview: SLOs whose generated recording rules are deployed and evaluated
// on their datasource (docs/alerting.md) read `sightline_slo:{good,total}:increase<d>` for every
// window in one query per window and kind (`sum by (sightline_slo)`), and the status
// engine evaluates those counts. The rules count at the threshold's boundary or the one below it, as
// status does, so SLI and budget are status' own (the lower bound when the threshold is not a
// boundary; the upper bound is not recorded, so `sliBounds` is absent here). Calendar-month SLOs
// are never recorded-path: the rules record a nominal 30-day window, not the month to date.
import { SLO_LABEL } from "@/lib/promql/rules-names";
import { recordedIncrease, recordedPresence } from "@/lib/promql/overview-queries";
import { recordedWindowSeconds } from "@/lib/promql/rules-recording";
import type { SloDto } from "@/lib/schemas/slo";
import { evaluateSli, resolveWindow, type SliStatus } from "@/lib/slo";
import { BURN_WINDOWS, BURN_WINDOW_SECONDS, type BurnWindow, type CountPair } from "@/lib/slo/types";
import type { MetricsSource } from "../metrics/client";
import type { MetricsError } from "../metrics/result";
import { pool, trendFromSteps, trendPlan, type TrendPoint } from "./overview-common";

const QUERY_CONCURRENCY = 4;

/** Slugs whose rules are deployed on this datasource (their 5-minute total is recorded now). */
export async function deployedSlugs(source: MetricsSource, at: number): Promise<{ ok: true; slugs: Set<string>; query: string } | { ok: false; error: MetricsError; query: string }> {
  const query = recordedPresence();
  const r = await source.query(query, at);
  if (!r.ok) return { ok: false, error: r.error, query };
  return { ok: true, slugs: new Set(r.value.samples.map((s) => s.labels[SLO_LABEL]).filter((x): x is string => !!x)), query };
}

export interface RecordedEvaluation {
  status: SliStatus;
  trend: TrendPoint[];
}

export type RecordedGroupResult =
  | { ok: true; results: Map<string, RecordedEvaluation>; queries: string[] }
  | { ok: false; error: MetricsError; queries: string[] };

/** Can this SLO be read from recorded series? Rolling windows only (see the header). */
export const recordable = (slo: Pick<SloDto, "window">): boolean => slo.window.kind === "rolling";

/**
 * Evaluates the SLOs from recorded series. An SLO whose window total is not recorded at `at` (rules
 * deployed moments ago, or changed) is left out of `results`: the caller reads it raw instead.
 */
export async function recordedOverview(source: MetricsSource, slos: readonly SloDto[], at: number): Promise<RecordedGroupResult> {
  const seconds = [...new Set([...BURN_WINDOWS.map((w) => BURN_WINDOW_SECONDS[w]), ...slos.map(recordedWindowSeconds)])];
  // Good and total as separate queries: `or` between two 10,000-series vectors took ~20 s on
  // Prometheus 2.42 where each side alone takes a fraction of a second.
  const parts = seconds.flatMap((sec) => (["good", "total"] as const).map((kind) => ({ sec, kind, text: recordedIncrease(kind, sec) })));
  const texts = parts.map((p) => p.text);
  const plan = trendPlan(at);
  const trendTexts = (["good", "total"] as const).map((k) => recordedIncrease(k, plan.stepSeconds));
  const queries = [...texts, ...trendTexts];
  const wanted = new Set(slos.map((s) => s.slug));
  // counts.get(seconds).get(slug) = {good?, total?}
  const counts = new Map<number, Map<string, Partial<CountPair>>>();
  const trend = new Map<string, Map<number, CountPair>>();
  let failure: MetricsError | null = null;

  const jobs: (() => Promise<void>)[] = [
    ...parts.map(({ sec, kind, text }) => async () => {
      const r = await source.query(text, at);
      if (!r.ok) return void (failure ??= r.error);
      const bySlug = counts.get(sec) ?? counts.set(sec, new Map()).get(sec)!;
      for (const x of r.value.samples) {
        const slug = x.labels[SLO_LABEL];
        if (!slug || !wanted.has(slug) || !Number.isFinite(x.value)) continue;
        (bySlug.get(slug) ?? bySlug.set(slug, {}).get(slug)!)[kind] = x.value;
      }
    }),
    ...(["good", "total"] as const).map((kind, k) => async () => {
      const r = await source.queryRange(trendTexts[k], plan.startSeconds, plan.endSeconds, plan.stepSeconds, { align: false });
      if (!r.ok) return void (failure ??= r.error);
      for (const s of r.value.series) {
        const slug = s.labels[SLO_LABEL];
        if (!slug || !wanted.has(slug)) continue;
        const m = trend.get(slug) ?? trend.set(slug, new Map()).get(slug)!;
        for (const p of s.points) {
          const t = Math.round(p.t);
          const cur = m.get(t) ?? { good: 0, total: 0 };
          cur[kind] = Number.isFinite(p.v) ? p.v : 0;
          m.set(t, cur);
        }
      }
    }),
  ];
  await pool(jobs, QUERY_CONCURRENCY, (job) => (failure ? Promise.resolve() : job()));
  if (failure) return { ok: false, error: failure, queries };

  const results = new Map<string, RecordedEvaluation>();
  for (const slo of slos) {
    const w = recordedWindowSeconds(slo);
    const own = counts.get(w)?.get(slo.slug);
    if (own?.total === undefined) continue;
    const pair = (s: number): CountPair => {
      const c = counts.get(s)?.get(slo.slug);
      return { good: c?.good ?? 0, total: c?.total ?? 0 };
    };
    const burnWindows: Partial<Record<BurnWindow, CountPair>> = {};
    for (const bw of BURN_WINDOWS) burnWindows[bw] = pair(BURN_WINDOW_SECONDS[bw]);
    const status = evaluateSli(
      {
        evaluatedAt: at,
        window: resolveWindow(slo.window, at),
        objective: slo.objective,
        minEvents: slo.minEvents,
        // The rules fixed the boundary when they were generated; the bracket is not recorded.
        thresholdFit: { kind: "exact", boundarySeconds: slo.thresholdSeconds },
        counts: pair(w),
        countsUpper: null,
        burnWindows,
        steps: null,
        lastSampleAt: null,
      },
      slo,
    );
    results.set(slo.slug, { status, trend: trendFromSteps(plan, trend.get(slo.slug) ?? new Map()) });
  }
  return { ok: true, results, queries };
}
