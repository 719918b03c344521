import "server-only";
// GET /api/slos/:id/alerts as a verb: each generated alert's state (inactive / pending / firing,
// or disabled) at a moment and its firing history over the SLO window, read from the ALERTS series
// of the SLO's datasource (Prometheus, Mimir and vmalert+VictoriaMetrics all write it). Two queries:
// the instant ALERTS of the SLO, and the firing ones over the window.
import { matcher, render, selector } from "@/lib/promql/ast";
import { SLO_LABEL } from "@/lib/promql/rules-names";
import type { SloAlertsResponse } from "@/lib/schemas/rules";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { backendProblem, metricsSourceFor } from "@/lib/server/slo/source";
import { tierWindowSeconds } from "@/lib/slo/burn-tiers";
import { alertStates } from "./alert-state-map";

/** History resolution: a minute, coarser only when the window would exceed Prometheus' 11,000 points. */
const stepFor = (windowSeconds: number) => Math.max(60, Math.ceil(windowSeconds / 10_000 / 60) * 60);

export async function sloAlerts(idOrSlug: string, atSeconds: number): Promise<SloAlertsResponse> {
  const { slo, datasource } = await getSloWithDatasource(idOrSlug);
  const source = metricsSourceFor(datasource);
  const at = Math.floor(atSeconds);
  const windowSeconds = tierWindowSeconds(slo.window);
  const step = stepFor(windowSeconds);
  const start = at - windowSeconds;
  const active = render(selector("ALERTS", [matcher(SLO_LABEL, "=", slo.slug)]));
  const firing = render(selector("ALERTS", [matcher(SLO_LABEL, "=", slo.slug), matcher("alertstate", "=", "firing")]));
  const [now, past] = await Promise.all([source.query(active, at), source.queryRange(firing, start, at, step, { align: false })]);
  if (!now.ok) throw backendProblem(now.error);
  if (!past.ok) throw backendProblem(past.error);
  const stepSeconds = past.value.plan.stepSeconds;
  const alerts = alertStates(slo, now.value.samples, past.value.series, stepSeconds, past.value.plan.endSeconds);
  const warnings = [...now.value.warnings, ...past.value.warnings];
  if (slo.status !== "active") warnings.push(`SLO "${slo.slug}" is ${slo.status}: it has no rules; states show what the backend still holds`);
  return {
    slo: { id: slo.id, slug: slo.slug },
    atSeconds: at,
    window: { startSeconds: start, endSeconds: at },
    stepSeconds,
    alerts,
    firingCount: alerts.filter((a) => a.state === "firing").length,
    source: { endpoint: source.endpoint, queries: [active, firing] },
    warnings,
  };
}
