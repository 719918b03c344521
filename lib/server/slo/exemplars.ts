import "server-only";
// GET /api/slos/:id/exemplars as a business verb: the exemplars of the SLO's own bucket series over
// a range (optionally narrowed to one label value), read through the shared read context so the
// producer's metric names, labels and unit are the ones status and charts use. Values in seconds,
// trace ids normalised, one entry per trace, slowest first; the slowest are checked against the
// trace backend so a link is only promised for a trace that exists.
import { matcher, render, selector } from "@/lib/promql/ast";
import { bucketMetric } from "@/lib/promql/profiles";
import { selectionMatchers } from "@/lib/promql/slo-queries";
import { EXEMPLARS_CHECKED, EXEMPLARS_DEFAULT_LIMIT, type SloExemplarsResponse } from "@/lib/schemas/exemplars";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { capWarnings, MAX_RESPONSE_WARNINGS } from "@/lib/server/metrics/limits";
import { openReadContext } from "@/lib/server/sli-data/read-context";
import { dedupeByTrace, flattenExemplars } from "@/lib/slo/exemplars";
import { checkTraces } from "./exemplar-check";
import { traceExistsFor } from "./exemplar-traces";
import { backendProblem, metricsSourceFor } from "./source";

export interface ExemplarsOptions {
  fromSeconds: number;
  toSeconds: number;
  aboveOnly?: boolean;
  narrow?: { label: string; value: string };
  limit?: number;
}

/** How long the existence checks of one response may take, and how many run at once. */
export const CHECK_BUDGET_MS = 2500;
export const CHECK_CONCURRENCY = 4;

export async function sloExemplars(idOrSlug: string, opts: ExemplarsOptions): Promise<SloExemplarsResponse> {
  const { slo, datasource: ds } = await getSloWithDatasource(idOrSlug);
  const source = metricsSourceFor(ds);
  const { fromSeconds: from, toSeconds: to } = opts;
  const opened = await openReadContext(source, { setting: ds.producerProfile, selection: slo, startSeconds: from, endSeconds: to });
  if (!opened.ok) throw backendProblem(opened.error);
  const { profile } = opened.value;
  const warnings = [...opened.value.warnings];

  // Every bucket of the selection, errors included: a slow failed request spent budget too.
  const matchers = [...selectionMatchers(slo, profile), ...(opts.narrow ? [matcher(opts.narrow.label, "=", opts.narrow.value)] : [])];
  const query = render(selector(bucketMetric(profile), matchers));
  const r = await source.queryExemplars(query, from, to);
  if (!r.ok) throw backendProblem(r.error);

  const flat = flattenExemplars(r.value, profile, slo.thresholdSeconds);
  if (flat.withoutTraceId > 0) warnings.push(`${flat.withoutTraceId} exemplar(s) carry no trace id label (traceID, trace_id or traceId)`);
  if (flat.invalidTraceIds.length > 0) warnings.push(`ignored exemplar trace ids that are not hex: ${flat.invalidTraceIds.map((t) => JSON.stringify(t)).join(", ")}`);
  if (flat.invalidValues > 0) warnings.push(`ignored ${flat.invalidValues} exemplar(s) without a numeric value`);
  if (r.value.length === 0) warnings.push(await whyNone(source));

  const all = dedupeByTrace(opts.aboveOnly ? flat.exemplars.filter((e) => e.aboveThreshold) : flat.exemplars);
  const limited = all.slice(0, opts.limit ?? EXEMPLARS_DEFAULT_LIMIT);

  const exists = traceExistsFor(ds);
  let traces: SloExemplarsResponse["traces"] = { backend: ds.traceBackend, checked: 0, found: 0, missing: 0, note: null };
  let availability = new Map<string, "found" | "missing" | "unchecked">();
  if (!exists) traces.note = "this datasource has no trace backend: set one under Settings to open traces";
  else if (limited.length > 0) {
    const c = await checkTraces(
      limited.map((e) => e.traceId),
      exists,
      { max: EXEMPLARS_CHECKED, concurrency: CHECK_CONCURRENCY, budgetMs: CHECK_BUDGET_MS },
    );
    availability = c.availability;
    traces = { backend: ds.traceBackend, checked: c.checked, found: c.found, missing: c.missing, note: c.note };
  }

  return {
    from,
    to,
    thresholdSeconds: slo.thresholdSeconds,
    datasourceId: ds.id,
    exemplars: limited.map((e) => ({ ...e, trace: availability.get(e.traceId) ?? "unchecked" })),
    matched: all.length,
    traces,
    source: { endpoint: source.endpoint, profile: profile.id, unit: profile.unit, queries: [...opened.value.queries, query] },
    warnings: capWarnings(warnings, MAX_RESPONSE_WARNINGS),
  };
}

/** An empty answer in words: VictoriaMetrics stores none (its build info is empty); otherwise the producer or Prometheus flags. */
async function whyNone(source: ReturnType<typeof metricsSourceFor>): Promise<string> {
  const info = await source.buildInfo();
  if (info.ok && !info.value.version)
    return `no exemplars: ${source.endpoint} keeps none (VictoriaMetrics does not store exemplars); the chart shows counts only`;
  return "no exemplars in this range: the producer may not attach them, or Prometheus runs without --enable-feature=exemplar-storage (it keeps them in memory only, so older ones are gone)";
}
