// The datasource form's values and their mapping to the API input. The auth secret is
// write-only: the API only says whether one is set, so an empty secret field on edit means
// "keep the current one". Pure, no I/O.
import { CreateDatasourceInput, urlOrigin, type DatasourceDto, type UpdateDatasourceInput, type UpdatedDatasourceDto } from "@/lib/schemas/datasource";

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
  grafanaUrl: string;
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
  grafanaUrl: "",
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
  grafanaUrl: d.grafanaUrl,
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
    grafanaUrl: v.grafanaUrl.trim().replace(/\/+$/, ""),
  };
  if (v.authKind === "none") {
    if (existing?.hasAuthSecret) raw.authSecret = "";
  } else if (v.authSecret !== "") raw.authSecret = v.authSecret;
  else if (v.clearSecret) raw.authSecret = "";
  return raw;
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
  // Auth with no secret stored and none typed would fail every query: say so now.
  if (v.authKind !== "none" && v.authSecret === "" && (!existing?.hasAuthSecret || v.clearSecret))
    errors.authSecret = v.authKind === "basic" ? "Enter user:password." : "Enter the bearer token.";
  if (v.authKind === "basic" && v.authSecret !== "" && !v.authSecret.includes(":")) errors.authSecret = "Basic auth takes user:password.";
  if (v.traceBackend !== "none" && v.traceUrl.trim() === "") errors.traceUrl = "Enter the trace backend's URL.";
  if (Object.keys(errors).length > 0 || !r.success) return { errors };
  if (!existing) return { input: r.data, errors };
  const patch: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(r.data))
    if (k === "authSecret" || (existing as Record<string, unknown>)[k] !== val) patch[k] = val;
  return { patch: patch as UpdateDatasourceInput, errors };
}

/** An auth kind without its secret: queries go out unauthenticated until one is entered. */
export const needsCredentials = (d: Pick<DatasourceDto, "authKind" | "hasAuthSecret">) => d.authKind !== "none" && !d.hasAuthSecret;

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

/** The settings page's notice after a save, in words; a dropped secret is a warning. */
export function savedNotice(d: DatasourceDto | UpdatedDatasourceDto): { tone: "info" | "warning"; title: string; detail?: string } {
  if ("credentialsDropped" in d && d.credentialsDropped)
    return {
      tone: "warning",
      title: `Saved “${d.name}”; its stored secret was removed.`,
      detail: "The Prometheus URL now points at another host, so the secret entered for the old one is not sent there. Edit the datasource and enter the secret again if the new host needs it.",
    };
  return { tone: "info", title: `Saved “${d.name}”.` };
}
