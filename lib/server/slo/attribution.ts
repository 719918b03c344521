import "server-only";
// GET /api/slos/:id/attribution as a business verb: which dimension value spent the budget. Opens
// the same read context as the status verb (producer, layout, threshold fit), sends one instant
// query of per-series good/total increases over the window (lib/promql/attribution-queries.ts) and
// hands the pairs to the pure attribution (lib/slo/attribution.ts).
//
// Consistency with status: the selectors are the status verb's, the threshold is fitted the same
// way, and good is counted at the same boundary — the threshold when it is one, else its lower
// neighbour — so Σ bad over any dimension equals the status budget's badEvents for the same window.
// Between boundaries that bad is an upper bound (requests in the straddling bucket count as slow);
// the upper neighbour's counts give each value's lower bound (badLowerBound).
import { render } from "@/lib/promql/ast";
import { attributionQuery } from "@/lib/promql/attribution-queries";
import { spellingsFor } from "@/lib/promql/buckets";
import { PART_LABEL } from "@/lib/promql/slo-queries";
import type { AttributionResponse } from "@/lib/schemas/attribution";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { capWarnings, MAX_RESPONSE_WARNINGS } from "@/lib/server/metrics/limits";
import type { Sample } from "@/lib/server/metrics/schemas";
import { openReadContext } from "@/lib/server/sli-data/read-context";
import { attributeBudget, type SeriesCounts } from "@/lib/slo/attribution";
import { formatMs } from "@/lib/slo/format";
import { allowedBadFraction } from "@/lib/slo/ratio";
import type { ResolvedWindow } from "@/lib/slo/types";
import { resolveWindow } from "@/lib/slo/window";
import { backendProblem, metricsSourceFor } from "./source";
import { formatDuration } from "@/lib/promql/duration";

export interface AttributionOptions {
  atSeconds: number;
  /** Rolling window ending at atSeconds; default the SLO's own window. */
  windowSeconds?: number;
}

export async function sloAttribution(idOrSlug: string, opts: AttributionOptions): Promise<AttributionResponse> {
  const { slo, datasource: ds } = await getSloWithDatasource(idOrSlug);
  const source = metricsSourceFor(ds);
  const at = Math.floor(opts.atSeconds);
  const window: ResolvedWindow =
    opts.windowSeconds === undefined
      ? resolveWindow(slo.window, at)
      : { startSeconds: at - opts.windowSeconds, endSeconds: at, durationSeconds: opts.windowSeconds, label: `${formatDuration(opts.windowSeconds)} ending at evaluation` };

  const opened = await openReadContext(source, { setting: ds.producerProfile, selection: slo, startSeconds: window.startSeconds, endSeconds: at });
  if (!opened.ok) throw backendProblem(opened.error);
  const ctx = opened.value;
  const decision = ctx.fit(slo.thresholdSeconds);
  const queries = [...ctx.queries];
  const warnings = [...ctx.warnings];
  if (decision.fit.kind === "between")
    warnings.push(
      `${formatMs(slo.thresholdSeconds)} is not a bucket boundary: bad requests are counted above ${decision.fit.lowerSeconds === null ? "no boundary (every request)" : formatMs(decision.fit.lowerSeconds)}, as the status budget does; badLowerBound counts above ${decision.fit.upperSeconds === null ? "+Inf" : formatMs(decision.fit.upperSeconds)}`,
    );

  let series: SeriesCounts[] = [];
  // A calendar month at its first instant has an empty window: nothing to attribute.
  if (window.durationSeconds > 0) {
    const q = render(
      attributionQuery(
        slo,
        ctx.profile,
        {
          count: decision.countBoundary === null ? null : spellingsFor(ctx.layout, decision.countBoundary),
          upper: decision.upperBoundary === null ? null : spellingsFor(ctx.layout, decision.upperBoundary),
        },
        window.durationSeconds,
      ),
    );
    queries.push(q);
    const r = await source.query(q, at);
    if (!r.ok) throw backendProblem(r.error);
    warnings.push(...r.value.warnings);
    series = joinSeries(r.value.samples, decision.fit.kind === "between", warnings);
  }

  const a = attributeBudget({
    series,
    allowedBadFraction: allowedBadFraction(slo.objective),
    labels: { operation: ctx.profile.labels.spanName, spanKind: ctx.profile.labels.spanKind, statusCode: ctx.profile.labels.statusCode },
    // The service is pinned by the selection; `job`/`instance` stay: a pod that spent the budget is worth knowing.
    ignore: [ctx.profile.labels.service, PART_LABEL],
  });
  if (a.clampedSeries > 0) warnings.push(`${a.clampedSeries} series counted more good than total requests (scrape skew); clamped to their total`);

  return {
    slo: { id: slo.id, slug: slo.slug, name: slo.name, objective: slo.objective, thresholdSeconds: slo.thresholdSeconds },
    window,
    fit: decision.fit,
    ...a,
    spansSeveralSeries: ctx.layout.seriesCount > 1 || a.seriesWithTraffic > 1,
    source: { queries, warnings: capWarnings(warnings, MAX_RESPONSE_WARNINGS) },
  };
}

/** One pair per series identity (labels without `le` and the part tag); a missing good is 0 (every request bad). */
function joinSeries(samples: readonly Sample[], between: boolean, warnings: string[]): SeriesCounts[] {
  const byId = new Map<string, SeriesCounts & { goodUpper: number }>();
  let dropped = 0;
  for (const s of samples) {
    const tag = s.labels[PART_LABEL];
    if (tag !== "total" && tag !== "good" && tag !== "upper") continue;
    if (!Number.isFinite(s.value)) {
      dropped++;
      continue;
    }
    const labels = Object.fromEntries(Object.entries(s.labels).filter(([k]) => k !== "le" && k !== PART_LABEL && k !== "__name__"));
    const id = JSON.stringify(Object.entries(labels).sort(([x], [y]) => (x < y ? -1 : 1)));
    const row = byId.get(id) ?? { labels, good: 0, total: 0, goodUpper: 0 };
    // A boundary written in two spellings (a 2.x and a 3.x scrape) is two series: they add up.
    if (tag === "total") row.total += s.value;
    else if (tag === "good") row.good += s.value;
    else row.goodUpper += s.value;
    byId.set(id, row);
  }
  if (dropped) warnings.push(`${dropped} series answered a non-finite increase; left out`);
  return [...byId.values()].map(({ goodUpper, ...r }) => (between ? { ...r, goodUpper } : r));
}
