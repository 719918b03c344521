import "server-only";
// The recorded path of the overview (docs/overview.md, "Recorded path"): SLOs whose generated
// recording rules are deployed and evaluated on their datasource read four series each, all SLOs of
// the datasource in one round of requests, none depending on another:
//
//   max by (sightline_slo) (sightline_slo:{good,total}:increase<W>)   per distinct SLO window W
//   max by (sightline_slo, burn_window, burn_severity) (sightline_slo:burn_rate:worst)
//   sightline_slo:sli:ratio6h                                          a range query: the 7-day trend
//   ALERTS{alertname="SightlineErrorBudgetBurn", alertstate="firing"}
//
// An SLO whose window total is recorded at `at` has its rules deployed (so `firing` is known for
// it); calendar-month SLOs are looked up under the nominal 30 days their rules record, for that
// purpose only: they are read raw, as the rules do not record the month to date. The status engine
// evaluates the window counts (the rules count at the threshold's boundary or the one below it, as
// status does, so SLI and budget are status' own; the upper bound is not recorded, so `sliBounds`
// is absent here); the worst burn rate, and whether a tier is exceeded, are the rules' own answer
// (lib/promql/rules-overview.ts computes lib/slo/overview-state.ts' worstBurnRate in PromQL).
import type { PromQL } from "@/lib/promql/ast";
import { firingBurnAlerts, recordedPerSlug, recordedSeries, recordedWorstBurn } from "@/lib/promql/overview-queries";
import { BURN_SEVERITY_LABEL, BURN_WINDOW_LABEL, SLO_LABEL, TREND_STEP_SECONDS, increaseName, trendSliName } from "@/lib/promql/rules-names";
import { recordedWindowSeconds } from "@/lib/promql/rules-recording";
import type { OverviewSloInput } from "@/lib/server/catalogue/slo-mapping";
import { evaluateSli, resolveWindow, type SliStatus } from "@/lib/slo";
import type { WorstBurn } from "@/lib/slo/overview-state";
import { BURN_WINDOWS, type BurnWindow, type CountPair } from "@/lib/slo/types";
import type { MetricsSource } from "../metrics/client";
import type { MetricsError } from "../metrics/result";
import { firingBySlug, type FiringTier } from "./overview-firing";
import { pool, trendPlan, TREND_STEPS, type TrendPoint } from "./overview-common";

const QUERY_CONCURRENCY = 4;
const TREND_CHUNKS = 2;

export interface RecordedEvaluation {
  status: SliStatus;
  /** Its severity is set exactly when a burn tier is exceeded (the rule's burn_severity label). */
  worst: WorstBurn | null;
  trend: TrendPoint[];
}

export type FiringRead = { ok: true; bySlug: Map<string, FiringTier[]> } | { ok: false; error: MetricsError };

export type RecordedRead =
  | { ok: false; error: MetricsError; queries: string[] }
  | {
      ok: true;
      /** Slugs whose rules are deployed here (their window total is recorded at `at`). */
      deployed: Set<string>;
      /** The SLOs answered from recorded series; the others of `deployed` are read raw. */
      results: Map<string, RecordedEvaluation>;
      /** Set when the window totals were read but the rest of the recorded series were not. */
      recordedProblem: MetricsError | null;
      firing: FiringRead;
      queries: string[];
    };

/** Can this SLO be read from recorded series? Rolling windows only (see the header). */
export const recordable = (slo: Pick<OverviewSloInput, "window">): boolean => slo.window.kind === "rolling";

const isBurnWindow = (w: string | undefined): w is BurnWindow => (BURN_WINDOWS as readonly string[]).includes(w ?? "");

/**
 * Reads what the rules recorded for `slos` (all of one datasource) at `at`. `evaluate: false` only
 * finds which SLOs have rules deployed and which alerts fire (the raw-only comparison of the tests).
 * Fails only when the window totals cannot be read: the datasource is then unavailable.
 */
export async function readRecorded(source: MetricsSource, slos: readonly OverviewSloInput[], at: number, opts: { evaluate: boolean }): Promise<RecordedRead> {
  const windows = [...new Set(slos.map(recordedWindowSeconds))];
  const evaluable = opts.evaluate ? slos.filter(recordable) : [];
  const goodWindows = [...new Set(evaluable.map(recordedWindowSeconds))];
  const plan = trendPlan(at);
  const wanted = new Set(slos.map((s) => s.slug));

  const totals = new Map<number, Map<string, number>>();
  const goods = new Map<number, Map<string, number>>();
  const worst = new Map<string, WorstBurn>();
  const trend = new Map<string, TrendPoint[]>();
  let totalsError: MetricsError | null = null;
  let recordedError: MetricsError | null = null;
  // Written by the ALERTS job; every job has run once the window totals were all answered.
  const alerts: { read: FiringRead } = { read: { ok: false, error: { kind: "unavailable", message: "ALERTS was not read" } } };

  const perSlug = (into: Map<number, Map<string, number>>, sec: number, samples: readonly { labels: Record<string, string>; value: number }[]) => {
    const m = into.get(sec) ?? into.set(sec, new Map()).get(sec)!;
    for (const x of samples) {
      const slug = x.labels[SLO_LABEL];
      if (slug && wanted.has(slug) && Number.isFinite(x.value)) m.set(slug, x.value);
    }
  };
  const queries: string[] = [];
  const job = (text: PromQL, run: (text: PromQL) => Promise<void>) => {
    queries.push(text);
    return () => run(text);
  };
  const trendText = recordedSeries(trendSliName(TREND_STEP_SECONDS));
  const worstText = recordedWorstBurn();
  const jobs: (() => Promise<void>)[] = [
    // The largest answer first: it overlaps the small ones instead of trailing them. Split in
    // TREND_CHUNKS ranges of consecutive steps, answered side by side (Prometheus evaluates one
    // query on one core; 10,000 SLOs × 28 steps is the one heavy request of this round).
    ...(evaluable.length > 0
      ? Array.from({ length: TREND_CHUNKS }, (_, c) => {
          const first = Math.floor((c * TREND_STEPS) / TREND_CHUNKS);
          const last = Math.floor(((c + 1) * TREND_STEPS) / TREND_CHUNKS) - 1;
          return job(trendText, async (text) => {
            const r = await source.queryRange(text, plan.startSeconds + first * plan.stepSeconds, plan.startSeconds + last * plan.stepSeconds, plan.stepSeconds, { align: false });
            if (!r.ok) return void (recordedError ??= r.error);
            for (const s of r.value.series) {
              const slug = s.labels[SLO_LABEL];
              if (!slug || !wanted.has(slug)) continue;
              const steps = trend.get(slug) ?? trend.set(slug, new Array<TrendPoint>(TREND_STEPS).fill(null)).get(slug)!;
              for (const p of s.points) {
                const k = Math.round((p.t - plan.startSeconds) / plan.stepSeconds);
                // Two series of one slug (replicas evaluating the same rules): the higher, as `max by`.
                if (k >= first && k <= last && Number.isFinite(p.v)) steps[k] = Math.max(steps[k] ?? 0, Math.min(1, Math.max(0, p.v)));
              }
            }
          });
        })
      : []),
    ...windows.map((sec) =>
      job(recordedPerSlug(increaseName("total", sec)), async (text) => {
        const r = await source.query(text, at);
        if (!r.ok) return void (totalsError ??= r.error);
        perSlug(totals, sec, r.value.samples);
      }),
    ),
    ...(evaluable.length > 0
      ? [
          job(worstText, async (text) => {
            const r = await source.query(text, at);
            if (!r.ok) return void (recordedError ??= r.error);
            for (const x of r.value.samples) {
              const slug = x.labels[SLO_LABEL];
              const window = x.labels[BURN_WINDOW_LABEL];
              const sev = x.labels[BURN_SEVERITY_LABEL];
              if (!slug || !wanted.has(slug) || !isBurnWindow(window) || !Number.isFinite(x.value) || x.value < 0) continue;
              worst.set(slug, { window, rate: x.value, severity: sev === "page" || sev === "ticket" ? sev : null });
            }
          }),
        ]
      : []),
    ...goodWindows.map((sec) =>
      job(recordedPerSlug(increaseName("good", sec)), async (text) => {
        const r = await source.query(text, at);
        if (!r.ok) return void (recordedError ??= r.error);
        perSlug(goods, sec, r.value.samples);
      }),
    ),
    job(firingBurnAlerts(), async () => {
      const r = await firingBySlug(source, at);
      alerts.read = r.ok ? { ok: true, bySlug: r.bySlug } : { ok: false, error: r.error };
    }),
  ];
  // Once the datasource fails to answer a window total, the rest would only wait out the deadline.
  await pool(jobs, QUERY_CONCURRENCY, (j) => (totalsError ? Promise.resolve() : j()));
  if (totalsError) return { ok: false, error: totalsError, queries };

  const deployed = new Set<string>();
  for (const slo of slos) if (totals.get(recordedWindowSeconds(slo))?.has(slo.slug)) deployed.add(slo.slug);
  const results = new Map<string, RecordedEvaluation>();
  if (!recordedError) {
    for (const slo of evaluable) {
      const w = recordedWindowSeconds(slo);
      const total = totals.get(w)?.get(slo.slug);
      const good = goods.get(w)?.get(slo.slug);
      // Rules deployed moments ago, or a good count missing: read raw instead.
      if (total === undefined || good === undefined) continue;
      const status = evaluateSli(
        {
          evaluatedAt: at,
          window: resolveWindow(slo.window, at),
          objective: slo.objective,
          minEvents: slo.minEvents,
          // The rules fixed the boundary when they were generated; the bracket is not recorded.
          thresholdFit: { kind: "exact", boundarySeconds: slo.thresholdSeconds },
          counts: { good, total } satisfies CountPair,
          countsUpper: null,
          // The burn rates are folded into the worst one by the rules (read above).
          burnWindows: {},
          steps: null,
          lastSampleAt: null,
        },
        slo,
      );
      results.set(slo.slug, { status, worst: worst.get(slo.slug) ?? null, trend: trend.get(slo.slug) ?? new Array<TrendPoint>(TREND_STEPS).fill(null) });
    }
  }
  return { ok: true, deployed, results, recordedProblem: recordedError, firing: alerts.read, queries };
}
