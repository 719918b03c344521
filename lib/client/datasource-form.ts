// The datasource form's values and their mapping to the API input. Both secrets (Prometheus's
// and the trace backend's) are write-only: the API only says whether one is set, so an empty
// secret field on edit means "keep the current one". Pure, no I/O.
import { CreateDatasourceInput, urlOrigin, type DatasourceDto, type UpdateDatasourceInput, type UpdatedDatasourceDto } from "@/lib/schemas/datasource";
import { TestConnectionInput, TestConnectionOverlay, type ConnectionCheck } from "@/lib/schemas/datasource-test";

export type DatasourceFormValues = {
  name: string;
  slug: string;
  prometheusUrl: string;
  pathPrefix: string;
  tenant: string;
  authKind: "none" | "bearer" | "basic";
  authSecret: string;
  /** Edit only: remove the stored secret. */
  clearSecret: boolean;
  producerProfile: "auto" | "tempo" | "otel";
  traceBackend: "none" | "tempo" | "jaeger";
  traceUrl: string;
  traceAuthKind: "none" | "bearer" | "basic";
  traceAuthSecret: string;
  /** Edit only: remove the stored trace secret. */
  clearTraceSecret: boolean;
  grafanaUrl: string;
  grafanaTempoUid: string;
};
export type DatasourceFormField = keyof DatasourceFormValues;
export type DatasourceFormErrors = Partial<Record<DatasourceFormField | "form", string>>;

export const emptyDatasourceForm = (): DatasourceFormValues => ({
  name: "",
  slug: "",
  prometheusUrl: "",
  pathPrefix: "",
  tenant: "",
  authKind: "none",
  authSecret: "",
  clearSecret: false,
  producerProfile: "auto",
  traceBackend: "none",
  traceUrl: "",
  traceAuthKind: "none",
  traceAuthSecret: "",
  clearTraceSecret: false,
  grafanaUrl: "",
  grafanaTempoUid: "",
});

export const datasourceToForm = (d: DatasourceDto): DatasourceFormValues => ({
  name: d.name,
  slug: d.slug,
  prometheusUrl: d.prometheusUrl,
  pathPrefix: d.pathPrefix,
  tenant: d.tenant,
  authKind: d.authKind,
  authSecret: "",
  clearSecret: false,
  producerProfile: d.producerProfile,
  traceBackend: d.traceBackend,
  traceUrl: d.traceUrl,
  traceAuthKind: d.traceAuthKind,
  traceAuthSecret: "",
  clearTraceSecret: false,
  grafanaUrl: d.grafanaUrl,
  grafanaTempoUid: d.grafanaTempoUid,
});

function toRaw(v: DatasourceFormValues, existing?: DatasourceDto): Record<string, unknown> {
  const raw: Record<string, unknown> = {
    name: v.name.trim(),
    slug: v.slug.trim(),
    prometheusUrl: v.prometheusUrl.trim().replace(/\/+$/, ""),
    pathPrefix: v.pathPrefix.trim().replace(/\/+$/, ""),
    tenant: v.tenant.trim(),
    authKind: v.authKind,
    producerProfile: v.producerProfile,
    traceBackend: v.traceBackend,
    traceUrl: v.traceUrl.trim().replace(/\/+$/, ""),
    traceAuthKind: v.traceAuthKind,
    grafanaUrl: v.grafanaUrl.trim().replace(/\/+$/, ""),
    grafanaTempoUid: v.grafanaTempoUid.trim(),
  };
  if (v.authKind === "none") {
    if (existing?.hasAuthSecret) raw.authSecret = "";
  } else if (v.authSecret !== "") raw.authSecret = v.authSecret;
  else if (v.clearSecret) raw.authSecret = "";
  if (v.traceAuthKind === "none") {
    if (existing?.hasTraceAuthSecret) raw.traceAuthSecret = "";
  } else if (v.traceAuthSecret !== "") raw.traceAuthSecret = v.traceAuthSecret;
  else if (v.clearTraceSecret) raw.traceAuthSecret = "";
  return raw;
}

/** Missing or malformed secrets, in words, before any request: both credentials follow one rule. */
function secretErrors(v: DatasourceFormValues, existing: DatasourceDto | undefined, errors: DatasourceFormErrors) {
  const pairs = [
    { kind: v.authKind, secret: v.authSecret, clear: v.clearSecret, stored: existing?.hasAuthSecret, field: "authSecret" as const },
    { kind: v.traceAuthKind, secret: v.traceAuthSecret, clear: v.clearTraceSecret, stored: existing?.hasTraceAuthSecret, field: "traceAuthSecret" as const },
  ];
  for (const p of pairs) {
    // Auth with no secret stored and none typed would fail every request: say so now.
    if (p.kind !== "none" && p.secret === "" && (!p.stored || p.clear)) errors[p.field] = p.kind === "basic" ? "Enter user:password." : "Enter the bearer token.";
    if (p.kind === "basic" && p.secret !== "" && !p.secret.includes(":")) errors[p.field] = "Basic auth takes user:password.";
  }
}

export function validateDatasourceForm(
  v: DatasourceFormValues,
  existing?: DatasourceDto,
): { input?: CreateDatasourceInput; patch?: UpdateDatasourceInput; errors: DatasourceFormErrors } {
  const raw = toRaw(v, existing);
  const r = CreateDatasourceInput.safeParse(raw);
  const errors: DatasourceFormErrors = {};
  if (!r.success)
    for (const i of r.error.issues) {
      const f = String(i.path[0] ?? "form") as DatasourceFormField;
      errors[f] ??= f === "slug" ? "Lowercase letters, digits and inner dashes." : i.message;
    }
  secretErrors(v, existing, errors);
  if (v.traceBackend !== "none" && v.traceUrl.trim() === "") errors.traceUrl = "Enter the trace backend's URL.";
  if (v.grafanaTempoUid.trim() !== "" && v.grafanaUrl.trim() === "") errors.grafanaUrl = "Enter the Grafana URL the Tempo datasource UID belongs to.";
  if (Object.keys(errors).length > 0 || !r.success) return { errors };
  if (!existing) return { input: r.data, errors };
  const patch: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(r.data))
    if (k === "authSecret" || k === "traceAuthSecret" || (existing as Record<string, unknown>)[k] !== val) patch[k] = val;
  return { patch: patch as UpdateDatasourceInput, errors };
}

/** An auth kind without its secret: queries go out unauthenticated until one is entered. */
export const needsCredentials = (d: Pick<DatasourceDto, "authKind" | "hasAuthSecret">) => d.authKind !== "none" && !d.hasAuthSecret;

/** The same for the trace backend's credential. */
export const traceNeedsCredentials = (d: Pick<DatasourceDto, "traceAuthKind" | "hasTraceAuthSecret">) => d.traceAuthKind !== "none" && !d.hasTraceAuthSecret;

/**
 * While editing: saving would drop the stored secret, because the Prometheus URL now points at
 * another scheme, host or port and no secret was typed (the server never sends a secret to a
 * host it was not entered for). Shown before saving, so the user can type it again.
 */
export function secretWillBeDropped(v: DatasourceFormValues, existing?: DatasourceDto): boolean {
  if (!existing?.hasAuthSecret || v.authKind === "none" || v.authSecret !== "" || v.clearSecret) return false;
  const next = urlOrigin(v.prometheusUrl.trim());
  return next !== null && next !== urlOrigin(existing.prometheusUrl);
}

/** The same for the trace secret and the trace backend URL. */
export function traceSecretWillBeDropped(v: DatasourceFormValues, existing?: DatasourceDto): boolean {
  if (!existing?.hasTraceAuthSecret || v.traceAuthKind === "none" || v.traceAuthSecret !== "" || v.clearTraceSecret) return false;
  const next = urlOrigin(v.traceUrl.trim());
  return next !== null && next !== urlOrigin(existing.traceUrl);
}

/** The settings page's notice after a save, in words; a dropped secret is a warning. */
export function savedNotice(d: DatasourceDto | UpdatedDatasourceDto): { tone: "info" | "warning"; title: string; detail?: string } {
  const prom = "credentialsDropped" in d && d.credentialsDropped;
  const trace = "traceCredentialsDropped" in d && d.traceCredentialsDropped;
  if (prom && trace)
    return {
      tone: "warning",
      title: `Saved “${d.name}”; both stored secrets were removed.`,
      detail: "The Prometheus and trace backend URLs now point at other hosts, so the secrets entered for the old ones are not sent there. Edit the datasource and enter them again if the new hosts need them.",
    };
  if (prom)
    return {
      tone: "warning",
      title: `Saved “${d.name}”; its stored secret was removed.`,
      detail: "The Prometheus URL now points at another host, so the secret entered for the old one is not sent there. Edit the datasource and enter the secret again if the new host needs it.",
    };
  if (trace)
    return {
      tone: "warning",
      title: `Saved “${d.name}”; its stored trace backend secret was removed.`,
      detail: "The trace backend URL now points at another host, so the secret entered for the old one is not sent there. Edit the datasource and enter the trace secret again if the new host needs it.",
    };
  return { tone: "info", title: `Saved “${d.name}”.` };
}

const CONNECTION_KEYS = Object.keys(TestConnectionInput.shape);
const pickConnection = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => CONNECTION_KEYS.includes(k)));

/**
 * What "Test connection" sends, from the form as it stands (saved or not): a new datasource's
 * connection fields, or an existing one's unsaved edits (only what differs, and secrets only when
 * typed or cleared), which the server lays over the stored datasource. Name and slug need not be
 * valid to test.
 */
export function connectionTestRequest(
  v: DatasourceFormValues,
  existing?: DatasourceDto,
): { request?: { mode: "unsaved"; body: TestConnectionInput } | { mode: "stored"; id: string; body: TestConnectionOverlay }; errors: DatasourceFormErrors } {
  const raw = pickConnection(toRaw(v, existing));
  const errors: DatasourceFormErrors = {};
  const r = TestConnectionInput.safeParse(raw);
  if (!r.success) for (const i of r.error.issues) errors[String(i.path[0] ?? "form") as DatasourceFormField] ??= i.message;
  secretErrors(v, existing, errors);
  if (v.traceBackend !== "none" && v.traceUrl.trim() === "") errors.traceUrl = "Enter the trace backend's URL.";
  if (Object.keys(errors).length > 0 || !r.success) return { errors };
  if (!existing) return { request: { mode: "unsaved", body: r.data }, errors };
  const overlay: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(r.data))
    if (k === "authSecret" || k === "traceAuthSecret" || (existing as Record<string, unknown>)[k] !== val) overlay[k] = val;
  return { request: { mode: "stored", id: existing.id, body: TestConnectionOverlay.parse(overlay) }, errors };
}

const CHECK_TITLES: Record<ConnectionCheck["check"], string> = { prometheus: "Prometheus", "span-metrics": "Span metrics", traces: "Traces" };
const OUTCOME_WORDS: Record<ConnectionCheck["outcome"], string> = { ok: "OK", warning: "Check", failed: "Failed", skipped: "Skipped" };

/** One result line of the connection test, for the settings form. */
export const describeCheck = (c: ConnectionCheck) => ({ title: CHECK_TITLES[c.check], outcome: OUTCOME_WORDS[c.outcome], tone: c.outcome, message: c.message });
