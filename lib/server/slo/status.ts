import "server-only";
// GET /api/slos/:id/status as a business verb: load the SLO and its datasource, fetch the counts
// (lib/server/sli-data), evaluate them with the pure engine (lib/slo) and shape the documented
// response (lib/schemas/status.ts). Backend failures become BackendProblem (502/504).
import type { SloStatusResponse } from "@/lib/schemas/status";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { fetchSliInputs } from "@/lib/server/sli-data";
import { burnDown, burnRateTiers, evaluateSli } from "@/lib/slo";
import { backendProblem, metricsSourceFor } from "./source";

export interface StatusOptions {
  atSeconds: number;
  /** Include the burn-down across the window at this step (seconds). */
  burnDownStepSeconds?: number;
}

export async function sloStatus(idOrSlug: string, opts: StatusOptions): Promise<SloStatusResponse> {
  const { slo, datasource: ds } = await getSloWithDatasource(idOrSlug);
  const source = metricsSourceFor(ds);
  const fetched = await fetchSliInputs(source, slo, {
    atSeconds: opts.atSeconds,
    profile: ds.producerProfile,
    steps: opts.burnDownStepSeconds ? { stepSeconds: opts.burnDownStepSeconds } : null,
  });
  if (!fetched.ok) throw backendProblem(fetched.error);
  const { value: inputs, meta } = fetched;
  const status = evaluateSli(inputs, slo);
  const { decision } = meta.layout;
  return {
    slo: { id: slo.id, slug: slo.slug, name: slo.name, objective: slo.objective, thresholdSeconds: slo.thresholdSeconds, window: slo.window },
    status,
    exactness: {
      fit: decision.fit,
      exact: decision.fit.kind === "exact",
      offeredThresholdsSeconds: decision.offerSeconds,
      mixedLayouts: meta.layout.mixed,
      seriesCount: meta.layout.seriesCount,
      layoutAssumed: meta.layout.assumed,
    },
    freshness: {
      lastSampleAt: inputs.lastSampleAt,
      ageSeconds: inputs.lastSampleAt === null ? null : Math.max(0, inputs.evaluatedAt - inputs.lastSampleAt),
    },
    burnRateTiers: burnRateTiers(slo.window),
    burnDown: inputs.steps ? markGaps(burnDown(inputs.steps, slo.objective), meta.gapSteps) : null,
    burnDownUnplaced: inputs.steps ? unplaced(inputs.counts.total, inputs.steps, meta.gapSteps) : null,
    source: { endpoint: source.endpoint, profile: meta.profile, queries: meta.queries },
    warnings: meta.warnings,
  };
}

/** Steps without samples are gaps (drawn as gaps), not zero traffic. */
const markGaps = <P extends { t: number }>(points: P[], gapSteps: readonly number[]) => {
  const gaps = new Set(gapSteps);
  return points.map((p) => (gaps.has(p.t) ? { ...p, gap: true } : p));
};

/**
 * Requests the window counted that no step can show: `increase()` over the window counts across a
 * scrape gap from the samples around it, while each step only sees its own samples.
 */
function unplaced(windowTotal: number, steps: readonly { total: number }[], gapSteps: readonly number[]) {
  const placed = steps.reduce((a, s) => a + s.total, 0);
  return { gapSteps: gapSteps.length, requests: Math.max(0, windowTotal - placed) };
}
