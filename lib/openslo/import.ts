// OpenSLO v1 document → CreateSloInput (mapping table: docs/slo-as-code.md). Pure: the datasource
// named by `metricSourceRef` is looked up through the caller's resolver. Nothing is dropped
// silently: every field that does not map gives a note with its document path; `errors` make the
// document invalid, `notes` only say what Sightline does instead (e.g. ignores a foreign label).
import type { z } from "zod";
import { CreateSloInput } from "@/lib/schemas/slo";
import { OpenSloObjectHead, OpenSloSlo, OPENSLO_API_VERSION, type OpenSloNote } from "@/lib/schemas/openslo";
import type { ProducerProfileId } from "@/lib/promql/profiles";
import { ANNOTATION_PREFIX, ANNOTATIONS, KNOWN_ANNOTATION_KEYS, TEAM_LABEL, annotationPath } from "./annotations";
import { exportProfile, ratioQueries } from "./queries";
import { fromTimeWindow } from "./window";

export interface ResolvedDatasource {
  id: string;
  producerProfile: "auto" | ProducerProfileId;
}

export type ImportResult =
  | { kind: "ok"; slug: string; input: CreateSloInput; version: number | null; notes: OpenSloNote[] }
  /** The document is fine but names a datasource the catalogue does not have: a conflict, not a typo in the file's shape. */
  | { kind: "unknown-datasource"; slug: string; datasource: string; notes: OpenSloNote[] }
  | { kind: "invalid"; slug: string | null; errors: OpenSloNote[]; notes: OpenSloNote[] };

const RATIO = "spec.indicator.spec.ratioMetric";

/** Where each CreateSloInput field lives in a document: validation issues and diffs name these paths. */
export const FIELD_PATHS: Record<keyof CreateSloInput, string> = {
  slug: "metadata.name",
  name: "metadata.displayName",
  description: "spec.description",
  team: `metadata.labels.${TEAM_LABEL}`,
  owner: annotationPath(ANNOTATIONS.owner),
  service: "spec.service",
  operation: annotationPath(ANNOTATIONS.operation),
  operationMatch: annotationPath(ANNOTATIONS.operationMatch),
  spanKind: annotationPath(ANNOTATIONS.spanKind),
  extraMatchers: annotationPath(ANNOTATIONS.extraMatchers),
  thresholdSeconds: annotationPath(ANNOTATIONS.thresholdSeconds),
  objective: "spec.objectives[0].target",
  window: "spec.timeWindow[0]",
  countErrorsAsBad: annotationPath(ANNOTATIONS.countErrorsAsBad),
  minEvents: annotationPath(ANNOTATIONS.minEvents),
  datasourceId: `${RATIO}.good.metricSource.metricSourceRef`,
  status: "metadata",
  alerting: annotationPath(ANNOTATIONS.alerting),
};

const zodPath = (issuePath: readonly PropertyKey[]) =>
  issuePath.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("") || "(document)";

const issuesToNotes = (error: z.ZodError, base = ""): OpenSloNote[] =>
  error.issues.map((i) => ({ path: base + zodPath(i.path), message: i.message }));

export function fromOpenSlo(raw: unknown, resolve: (ref: string) => ResolvedDatasource | null): ImportResult {
  const head = OpenSloObjectHead.safeParse(raw);
  if (!head.success) return { kind: "invalid", slug: null, errors: [{ path: "(document)", message: "not an OpenSLO object: it needs apiVersion and kind" }], notes: [] };
  const slugOf = () => {
    const n = (raw as { metadata?: { name?: unknown } }).metadata?.name;
    return typeof n === "string" ? n : null;
  };
  if (head.data.apiVersion !== OPENSLO_API_VERSION)
    return { kind: "invalid", slug: slugOf(), errors: [{ path: "apiVersion", message: `Sightline reads ${OPENSLO_API_VERSION}, not ${head.data.apiVersion}` }], notes: [] };
  if (head.data.kind !== "SLO")
    return { kind: "invalid", slug: slugOf(), errors: [{ path: "kind", message: `Sightline imports kind SLO (with its SLI inline), not ${head.data.kind}` }], notes: [] };
  const parsed = OpenSloSlo.safeParse(raw);
  if (!parsed.success) return { kind: "invalid", slug: slugOf(), errors: issuesToNotes(parsed.error), notes: [] };
  const doc = parsed.data;
  const errors: OpenSloNote[] = [];
  const notes: OpenSloNote[] = [];
  const fields: Record<string, unknown> = { slug: doc.metadata.name, name: doc.metadata.displayName ?? doc.metadata.name };
  if (doc.spec.description !== undefined) fields.description = doc.spec.description;
  fields.service = doc.spec.service;

  // Labels: one team; others have no home.
  for (const [key, value] of Object.entries(doc.metadata.labels ?? {})) {
    const path = `metadata.labels.${key}`;
    if (key !== TEAM_LABEL) notes.push({ path, message: "Sightline keeps no labels but team: not imported" });
    else if (typeof value === "string") fields.team = value;
    else if (value.length === 1) fields.team = value[0];
    else errors.push({ path, message: `a Sightline SLO belongs to one team, not ${value.length}` });
  }

  // Annotations: Sightline's own carry the fields OpenSLO has no place for.
  const ann = doc.metadata.annotations ?? {};
  let version: number | null = null;
  for (const [key, value] of Object.entries(ann)) {
    const path = annotationPath(key);
    if (!key.startsWith(ANNOTATION_PREFIX)) {
      notes.push({ path, message: "not a Sightline annotation: not imported" });
      continue;
    }
    if (!KNOWN_ANNOTATION_KEYS.has(key)) {
      errors.push({ path, message: `unknown Sightline annotation (known: ${[...KNOWN_ANNOTATION_KEYS].map((k) => k.slice(ANNOTATION_PREFIX.length)).join(", ")})` });
      continue;
    }
    const r = readAnnotation(key, value);
    if ("error" in r) errors.push({ path, message: r.error });
    else if (key === ANNOTATIONS.version) version = r.value as number;
    else fields[r.field] = r.value;
  }
  if (ann[ANNOTATIONS.operation] === undefined)
    errors.push({ path: annotationPath(ANNOTATIONS.operation), message: "required: the span name (operation) Sightline selects; the query is not read" });
  if (ann[ANNOTATIONS.thresholdSeconds] === undefined)
    errors.push({ path: annotationPath(ANNOTATIONS.thresholdSeconds), message: "required: the latency threshold in seconds; the query is not read" });

  // The indicator: an inline ratio of Prometheus counters on one datasource.
  const source = readIndicator(doc, errors, notes);

  // Window, budgeting, objective.
  const tws = doc.spec.timeWindow;
  if (!tws || tws.length === 0) errors.push({ path: "spec.timeWindow", message: "required: Sightline needs the SLO's window (e.g. 28d rolling or 1M calendar)" });
  else {
    if (tws.length > 1) errors.push({ path: "spec.timeWindow", message: `OpenSLO allows exactly one time window, not ${tws.length}` });
    const w = fromTimeWindow(tws[0], "spec.timeWindow[0]");
    if ("notes" in w) errors.push(...w.notes);
    else fields.window = w.window;
  }
  if (doc.spec.budgetingMethod !== "Occurrences")
    errors.push({ path: "spec.budgetingMethod", message: `Sightline counts good and total requests (Occurrences); ${doc.spec.budgetingMethod} has no equivalent` });
  readObjectives(doc, fields, errors, notes);
  if (doc.spec.alertPolicies?.length)
    notes.push({ path: "spec.alertPolicies", message: "not imported: Sightline generates its own burn-rate alerts (settings in sightline.dev/alerting)" });

  const slug = doc.metadata.name;
  if (errors.length) return { kind: "invalid", slug, errors, notes };
  const ds = resolve(source!.ref);
  if (!ds) return { kind: "unknown-datasource", slug, datasource: source!.ref, notes };

  const input = CreateSloInput.safeParse({ ...fields, datasourceId: ds.id });
  if (!input.success)
    return {
      kind: "invalid",
      slug,
      errors: input.error.issues.map((i) => {
        const [field, ...rest] = i.path;
        const base = FIELD_PATHS[field as keyof CreateSloInput] ?? zodPath(i.path);
        return { path: rest.length ? `${base}${rest.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}` : base, message: i.message };
      }),
      notes,
    };

  // The queries are informational: say so when they are not what Sightline would run.
  const expected = ratioQueries(input.data, exportProfile(ds.producerProfile));
  for (const part of ["good", "total"] as const) {
    const got = source![part];
    if (got !== undefined && got.trim() !== expected[part])
      notes.push({ path: `${RATIO}.${part}.metricSource.spec.query`, message: `not read: Sightline builds its query from the annotations, here ${expected[part]}` });
  }
  return { kind: "ok", slug, input: input.data, version, notes };
}

type AnnotationValue = { field: string; value: unknown } | { error: string };

function readAnnotation(key: string, value: string): AnnotationValue {
  const json = (field: string): AnnotationValue => {
    try {
      return { field, value: JSON.parse(value) };
    } catch {
      return { error: "must be JSON (as export writes it)" };
    }
  };
  switch (key) {
    case ANNOTATIONS.operation:
      return { field: "operation", value };
    case ANNOTATIONS.operationMatch:
      return { field: "operationMatch", value };
    case ANNOTATIONS.spanKind:
      return { field: "spanKind", value };
    case ANNOTATIONS.owner:
      return { field: "owner", value };
    case ANNOTATIONS.extraMatchers:
      return json("extraMatchers");
    case ANNOTATIONS.alerting:
      return json("alerting");
    case ANNOTATIONS.thresholdSeconds: {
      const t = value.trim();
      return /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? { field: "thresholdSeconds", value: Number(t) } : { error: `a number of seconds, e.g. 0.512, not "${value}"` };
    }
    case ANNOTATIONS.countErrorsAsBad:
      return value === "true" || value === "false" ? { field: "countErrorsAsBad", value: value === "true" } : { error: `"true" or "false", not "${value}"` };
    case ANNOTATIONS.minEvents:
      return /^\d{1,10}$/.test(value) ? { field: "minEvents", value: Number(value) } : { error: `a whole number of requests, not "${value}"` };
    case ANNOTATIONS.version:
      return /^[1-9]\d{0,9}$/.test(value) ? { field: "version", value: Number(value) } : { error: `a catalogue version (1, 2, ...), not "${value}"` };
    default:
      return { error: "unknown Sightline annotation" };
  }
}

function readIndicator(doc: OpenSloSlo, errors: OpenSloNote[], notes: OpenSloNote[]): { ref: string; good?: string; total?: string } | null {
  if (doc.spec.indicatorRef !== undefined && doc.spec.indicator === undefined) {
    errors.push({ path: "spec.indicatorRef", message: "Sightline reads the SLI inline (spec.indicator), not a reference to a separate SLI object" });
    return null;
  }
  const ind = doc.spec.indicator;
  if (!ind) {
    errors.push({ path: "spec.indicator", message: "required: an inline ratioMetric SLI naming the Sightline datasource" });
    return null;
  }
  if (ind.spec.thresholdMetric)
    errors.push({ path: "spec.indicator.spec.thresholdMetric", message: "Sightline's SLI is a ratio of requests under the threshold (ratioMetric good/total), not a threshold metric" });
  const r = ind.spec.ratioMetric;
  if (!r) {
    if (!ind.spec.thresholdMetric) errors.push({ path: RATIO, message: "required: good and total over the latency histogram" });
    return null;
  }
  if (r.bad) errors.push({ path: `${RATIO}.bad`, message: "Sightline counts good requests (good/total), not bad ones" });
  if (r.raw || r.rawType !== undefined) errors.push({ path: `${RATIO}.raw`, message: "Sightline computes the ratio from counts; a precomputed raw ratio has no equivalent" });
  if (r.counter === false) errors.push({ path: `${RATIO}.counter`, message: "histogram buckets are counters: counter must be true (or left out)" });
  const parts = { good: r.good, total: r.total };
  const refs: string[] = [];
  const queries: { good?: string; total?: string } = {};
  for (const [part, m] of Object.entries(parts) as ["good" | "total", typeof r.good][]) {
    const path = `${RATIO}.${part}`;
    if (!m) {
      errors.push({ path, message: "required: Sightline's ratio is good/total" });
      continue;
    }
    const s = m.metricSource;
    if (s.type !== undefined && s.type !== "Prometheus")
      errors.push({ path: `${path}.metricSource.type`, message: `Sightline reads Prometheus-compatible backends, not ${s.type}` });
    if (!s.metricSourceRef) errors.push({ path: `${path}.metricSource.metricSourceRef`, message: "required: the slug of the Sightline datasource to read" });
    else refs.push(s.metricSourceRef);
    const q = s.spec?.query;
    if (q !== undefined && typeof q !== "string") errors.push({ path: `${path}.metricSource.spec.query`, message: "must be a PromQL string" });
    else if (q !== undefined) queries[part] = q;
    for (const k of Object.keys(s.spec ?? {})) if (k !== "query") notes.push({ path: `${path}.metricSource.spec.${k}`, message: "not imported" });
  }
  if (refs.length === 2 && refs[0] !== refs[1])
    errors.push({ path: `${RATIO}.total.metricSource.metricSourceRef`, message: `good and total must read the same datasource ("${refs[0]}" and "${refs[1]}")` });
  return refs.length ? { ref: refs[0], ...queries } : null;
}

function readObjectives(doc: OpenSloSlo, fields: Record<string, unknown>, errors: OpenSloNote[], notes: OpenSloNote[]) {
  const objs = doc.spec.objectives;
  if (objs.length > 1) errors.push({ path: "spec.objectives", message: `a Sightline SLO has one objective, not ${objs.length} (make one SLO each)` });
  const o = objs[0];
  const p = "spec.objectives[0]";
  if (o.target !== undefined && o.targetPercent !== undefined && Math.abs(o.target * 100 - o.targetPercent) > 1e-9)
    errors.push({ path: `${p}.targetPercent`, message: `target ${o.target} and targetPercent ${o.targetPercent} disagree` });
  if (o.target !== undefined) fields.objective = o.target;
  else if (o.targetPercent !== undefined) fields.objective = Number((o.targetPercent / 100).toPrecision(12));
  else errors.push({ path: `${p}.target`, message: "required: the target fraction (target, or targetPercent)" });
  for (const k of ["op", "value"] as const)
    if (o[k] !== undefined) errors.push({ path: `${p}.${k}`, message: "for threshold metrics only; Sightline's threshold is sightline.dev/threshold-seconds" });
  for (const k of ["indicator", "indicatorRef", "compositeWeight"] as const)
    if (o[k] !== undefined) errors.push({ path: `${p}.${k}`, message: "composite SLOs have no Sightline equivalent" });
  for (const k of ["timeSliceTarget", "timeSliceWindow"] as const)
    if (o[k] !== undefined) notes.push({ path: `${p}.${k}`, message: "not imported: Sightline counts occurrences, not time slices" });
}
