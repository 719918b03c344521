// The datasource form's values and their mapping to the API input. Both secrets (Prometheus's
// and the trace backend's) are write-only: the API only says whether one is set, so an empty
// secret field on edit means "keep the current one". Pure, no I/O.
import type { DatasourceDto, UpdatedDatasourceDto } from "@/lib/schemas/datasource";
import { urlOrigin } from "@/lib/schemas/values";
import type { ConnectionCheck } from "@/lib/schemas/datasource-test";

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

export function toRaw(v: DatasourceFormValues, existing?: DatasourceDto): Record<string, unknown> {
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
export function secretErrors(v: DatasourceFormValues, existing: DatasourceDto | undefined, errors: DatasourceFormErrors) {
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

const CHECK_TITLES: Record<ConnectionCheck["check"], string> = { prometheus: "Prometheus", "span-metrics": "Span metrics", traces: "Traces" };
const OUTCOME_WORDS: Record<ConnectionCheck["outcome"], string> = { ok: "OK", warning: "Check", failed: "Failed", skipped: "Skipped" };

/** One result line of the connection test, for the settings form. */
export const describeCheck = (c: ConnectionCheck) => ({ title: CHECK_TITLES[c.check], outcome: OUTCOME_WORDS[c.outcome], tone: c.outcome, message: c.message });
