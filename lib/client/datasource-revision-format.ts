// Words for a datasource's history entries. Pure, no I/O. Secrets arrive only as their state
// ("set", "not set", "changed") and are shown as such.

const labels: Record<string, string> = {
  slug: "Slug",
  name: "Name",
  prometheusUrl: "Prometheus URL",
  pathPrefix: "Path prefix",
  tenant: "Tenant",
  authKind: "Auth",
  authSecret: "Auth secret",
  producerProfile: "Producer",
  traceBackend: "Trace backend",
  traceUrl: "Trace URL",
  traceAuthKind: "Trace auth",
  traceAuthSecret: "Trace auth secret",
  grafanaUrl: "Grafana URL",
  grafanaTempoUid: "Grafana Tempo UID",
};

export const labelDatasourceField = (f: string) => labels[f] ?? f;

const SECRET_FIELDS = new Set(["authSecret", "traceAuthSecret"]);

/** "before → after" for one changed field; a re-entered secret reads "new secret entered". */
export function describeDatasourceChange(field: string, before: unknown, after: unknown): string {
  const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v));
  if (SECRET_FIELDS.has(field) && after === "changed") return "new secret entered";
  return `${show(before)} → ${show(after)}`;
}
