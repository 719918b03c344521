// Slo → OpenSLO v1 `kind: SLO` document (mapping table: docs/slo-as-code.md). Pure: the caller
// passes the SLO and its datasource's slug and producer-profile setting.
import { defaultAlertSettings } from "@/lib/schemas/rules";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { OPENSLO_API_VERSION, type OpenSloSlo } from "@/lib/schemas/openslo";
import type { ProducerProfileId } from "@/lib/promql/profiles";
import { ANNOTATIONS, TEAM_LABEL } from "./annotations";
import { exportProfile, ratioQueries } from "./queries";
import { toTimeWindow } from "./window";

export interface ExportDatasource {
  slug: string;
  producerProfile: "auto" | ProducerProfileId;
}

/** What export reads of an SLO: its editable fields (status is lifecycle, not definition) and, optionally, its version. */
export type ExportableSlo = Omit<CreateSloInput, "datasourceId" | "status"> & { version?: number };

/** 0.995 → "99.5 %", 0.512 → "512 ms": for display names only (import never reads them). */
const percent = (objective: number) => `${Number((objective * 100).toPrecision(10))} %`;
const latency = (s: number) => (s < 1 ? `${Number((s * 1000).toPrecision(10))} ms` : `${Number(s.toPrecision(10))} s`);

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function toOpenSlo(slo: ExportableSlo, ds: ExportDatasource, opts: { withVersion?: boolean } = {}): OpenSloSlo {
  const a: Record<string, string> = { [ANNOTATIONS.operation]: slo.operation };
  if (slo.operationMatch !== "exact") a[ANNOTATIONS.operationMatch] = slo.operationMatch;
  if (slo.spanKind) a[ANNOTATIONS.spanKind] = slo.spanKind;
  if (slo.extraMatchers.length) a[ANNOTATIONS.extraMatchers] = JSON.stringify(slo.extraMatchers);
  a[ANNOTATIONS.thresholdSeconds] = String(slo.thresholdSeconds);
  if (slo.countErrorsAsBad) a[ANNOTATIONS.countErrorsAsBad] = "true";
  if (slo.minEvents !== 0) a[ANNOTATIONS.minEvents] = String(slo.minEvents);
  if (slo.owner) a[ANNOTATIONS.owner] = slo.owner;
  if (slo.alerting && !sameJson(canonicalAlerting(slo.alerting), canonicalAlerting(defaultAlertSettings())))
    a[ANNOTATIONS.alerting] = JSON.stringify(canonicalAlerting(slo.alerting));
  if (opts.withVersion && slo.version !== undefined) a[ANNOTATIONS.version] = String(slo.version);

  const profile = exportProfile(ds.producerProfile);
  const q = ratioQueries(slo, profile);
  const source = (query: string) => ({ metricSource: { metricSourceRef: ds.slug, type: "Prometheus", spec: { query } } });
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: "SLO",
    metadata: {
      name: slo.slug,
      displayName: slo.name,
      ...(slo.team ? { labels: { [TEAM_LABEL]: slo.team } } : {}),
      annotations: a,
    },
    spec: {
      ...(slo.description ? { description: slo.description } : {}),
      service: slo.service,
      indicator: {
        metadata: { name: slo.slug, displayName: `${slo.operation} under ${latency(slo.thresholdSeconds)}` },
        spec: { ratioMetric: { counter: true, good: source(q.good), total: source(q.total) } },
      },
      timeWindow: [toTimeWindow(slo.window)],
      budgetingMethod: "Occurrences",
      objectives: [{ displayName: `${percent(slo.objective)} under ${latency(slo.thresholdSeconds)}`, target: slo.objective }],
    },
  };
}

/** Alert settings with keys in one order, so the annotation text is stable whatever order the row stored. */
function canonicalAlerting(a: NonNullable<CreateSloInput["alerting"]>) {
  const d = a.deviation;
  return {
    disabledTiers: a.disabledTiers,
    runbookUrl: a.runbookUrl,
    deviation: { enabled: d.enabled, window: d.window, factor: d.factor, minDifference: d.minDifference, minEvents: d.minEvents },
  };
}
