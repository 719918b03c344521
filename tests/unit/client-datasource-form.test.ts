// The datasource form's mapping (lib/client/datasource-form.ts): URL complaints land on the URL
// field before any request, and a secret about to be dropped (URL moved to another host) is said
// before saving and after.
import { describe, expect, it } from "vitest";
import { datasourceToForm, describeCheck, emptyDatasourceForm, needsCredentials, savedNotice, secretWillBeDropped, traceSecretWillBeDropped } from "@/lib/client/datasource-form";
import { connectionTestRequest, validateDatasourceForm } from "@/lib/client/datasource-form-validate";
import type { DatasourceDto } from "@/lib/schemas/datasource";

const existing: DatasourceDto = {
  id: "ds_1",
  slug: "prod",
  name: "Prod",
  prometheusUrl: "http://prometheus.internal:9090",
  pathPrefix: "",
  tenant: "",
  authKind: "bearer",
  hasAuthSecret: true,
  producerProfile: "auto",
  traceBackend: "none",
  traceUrl: "",
  traceAuthKind: "none",
  hasTraceAuthSecret: false,
  grafanaUrl: "",
  grafanaTempoUid: "",
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
};
const form = (over: Partial<ReturnType<typeof emptyDatasourceForm>> = {}) => ({ ...emptyDatasourceForm(), name: "Prod", slug: "prod", prometheusUrl: "http://prom:9090", ...over });

describe("validateDatasourceForm URLs", () => {
  it("puts a password in the URL on its field, in the browser already", () => {
    const r = validateDatasourceForm(form({ prometheusUrl: "http://bob:hunter2@prom:9090" }));
    expect(r.input).toBeUndefined();
    expect(r.errors.prometheusUrl).toMatch(/^must not contain a user name or password: put them under Authentication/);
    expect(validateDatasourceForm(form({ grafanaUrl: "https://me:pw@grafana" })).errors.grafanaUrl).toMatch(/Authentication/);
  });

  it("takes the scheme in capitals and sends it lowercase; an unchanged origin is no change", () => {
    expect(validateDatasourceForm(form({ prometheusUrl: "HTTPS://prom:9090" })).input?.prometheusUrl).toBe("https://prom:9090");
    const v = { ...datasourceToForm(existing), prometheusUrl: "HTTP://prometheus.internal:9090" };
    expect(validateDatasourceForm(v, existing)).toEqual({ patch: {}, errors: {} });
  });
});

describe("secretWillBeDropped", () => {
  const edit = (over: Partial<ReturnType<typeof datasourceToForm>>) => ({ ...datasourceToForm(existing), ...over });

  it.each([
    ["another host", { prometheusUrl: "http://other:9090" }, true],
    ["another port", { prometheusUrl: "http://prometheus.internal:9091" }, true],
    ["another scheme", { prometheusUrl: "https://prometheus.internal:9090" }, true],
    ["a new path on the same origin", { prometheusUrl: "http://prometheus.internal:9090/mimir" }, false],
    ["a new host with the secret typed again", { prometheusUrl: "http://other:9090", authSecret: "tok" }, false],
    ["a new host and no auth", { prometheusUrl: "http://other:9090", authKind: "none" as const }, false],
    ["a URL still being typed", { prometheusUrl: "http://" }, false],
  ])("%s → %s", (_, over, expected) => {
    expect(secretWillBeDropped(edit(over), existing)).toBe(expected);
  });

  it("is never true on create or without a stored secret", () => {
    expect(secretWillBeDropped(form({ authKind: "bearer" }))).toBe(false);
    expect(secretWillBeDropped(edit({ prometheusUrl: "http://other:9090" }), { ...existing, hasAuthSecret: false })).toBe(false);
  });
});

describe("after saving", () => {
  it("warns when the server dropped the secret, and the list flags the datasource", () => {
    const dropped = { ...existing, hasAuthSecret: false, credentialsDropped: true };
    expect(savedNotice(dropped)).toMatchObject({ tone: "warning", title: "Saved “Prod”; its stored secret was removed." });
    expect(savedNotice(dropped).detail).toMatch(/enter the secret again/);
    expect(savedNotice({ ...existing, credentialsDropped: false })).toEqual({ tone: "info", title: "Saved “Prod”." });
    expect(needsCredentials(dropped)).toBe(true);
    expect(needsCredentials(existing)).toBe(false);
    expect(needsCredentials({ authKind: "none", hasAuthSecret: false })).toBe(false);
  });

  it("editing a datasource that waits for its secret asks for it", () => {
    const waiting = { ...existing, hasAuthSecret: false };
    expect(validateDatasourceForm(datasourceToForm(waiting), waiting).errors.authSecret).toBe("Enter the bearer token.");
  });
});

describe("the trace backend's credential and Grafana fields", () => {
  const tempo: DatasourceDto = { ...existing, traceBackend: "tempo", traceUrl: "http://tempo.internal:3200", traceAuthKind: "bearer", hasTraceAuthSecret: true };
  const edit = (over: Partial<ReturnType<typeof datasourceToForm>>) => ({ ...datasourceToForm(tempo), ...over });

  it("an untouched edit sends nothing; a typed trace secret is sent; switching to none clears it", () => {
    expect(validateDatasourceForm(edit({}), tempo)).toEqual({ patch: {}, errors: {} });
    expect(validateDatasourceForm(edit({ traceAuthSecret: "new" }), tempo).patch).toEqual({ traceAuthSecret: "new" });
    expect(validateDatasourceForm(edit({ traceAuthKind: "none" }), tempo).patch).toEqual({ traceAuthKind: "none", traceAuthSecret: "" });
  });

  it("asks for the trace secret when none is stored, and for user:password with basic", () => {
    expect(validateDatasourceForm(form({ traceBackend: "tempo", traceUrl: "http://t:3200", traceAuthKind: "bearer" })).errors.traceAuthSecret).toBe("Enter the bearer token.");
    expect(validateDatasourceForm(form({ traceBackend: "tempo", traceUrl: "http://t:3200", traceAuthKind: "basic", traceAuthSecret: "x" })).errors.traceAuthSecret).toBe("Basic auth takes user:password.");
  });

  it("a Grafana UID needs its Grafana URL and Grafana's alphabet", () => {
    expect(validateDatasourceForm(form({ grafanaTempoUid: "tempo" })).errors.grafanaUrl).toMatch(/Grafana URL the Tempo datasource UID belongs to/);
    expect(validateDatasourceForm(form({ grafanaUrl: "https://g", grafanaTempoUid: "a/b" })).errors.grafanaTempoUid).toMatch(/letters, digits, - and _ only/);
    expect(validateDatasourceForm(form({ grafanaUrl: "https://g", grafanaTempoUid: "P214B5B846CF3925F" })).input?.grafanaTempoUid).toBe("P214B5B846CF3925F");
  });

  it("warns before and after a trace URL move drops the trace secret", () => {
    expect(traceSecretWillBeDropped(edit({ traceUrl: "http://other:3200" }), tempo)).toBe(true);
    expect(traceSecretWillBeDropped(edit({ traceUrl: "http://tempo.internal:3200/tempo" }), tempo)).toBe(false);
    expect(traceSecretWillBeDropped(edit({ traceUrl: "http://other:3200", traceAuthSecret: "t" }), tempo)).toBe(false);
    expect(savedNotice({ ...tempo, credentialsDropped: false, traceCredentialsDropped: true }).title).toBe("Saved “Prod”; its stored trace backend secret was removed.");
    expect(savedNotice({ ...tempo, credentialsDropped: true, traceCredentialsDropped: true }).title).toBe("Saved “Prod”; both stored secrets were removed.");
  });
});

describe("connectionTestRequest", () => {
  const tempo: DatasourceDto = { ...existing, traceBackend: "tempo", traceUrl: "http://tempo.internal:3200" };

  it("a new datasource sends its connection fields only, even with no name yet", () => {
    const r = connectionTestRequest({ ...emptyDatasourceForm(), prometheusUrl: "http://prom:9090/", traceBackend: "jaeger", traceUrl: "http://j:16686" });
    expect(r.errors).toEqual({});
    expect(r.request).toEqual({
      mode: "unsaved",
      body: { prometheusUrl: "http://prom:9090", pathPrefix: "", tenant: "", authKind: "none", producerProfile: "auto", traceBackend: "jaeger", traceUrl: "http://j:16686", traceAuthKind: "none" },
    });
  });

  it("an existing datasource sends only unsaved edits, never a stored secret", () => {
    expect(connectionTestRequest(datasourceToForm(tempo), tempo).request).toEqual({ mode: "stored", id: "ds_1", body: {} });
    const moved = connectionTestRequest({ ...datasourceToForm(tempo), traceUrl: "http://other:3200", name: "" }, tempo);
    expect(moved.request).toEqual({ mode: "stored", id: "ds_1", body: { traceUrl: "http://other:3200" } });
  });

  it("says what is wrong before sending anything", () => {
    const r = connectionTestRequest({ ...emptyDatasourceForm(), prometheusUrl: "ftp://x", traceBackend: "tempo" });
    expect(r.request).toBeUndefined();
    expect(Object.keys(r.errors).sort()).toEqual(["prometheusUrl", "traceUrl"]);
  });

  it("describes each check in words", () => {
    expect(describeCheck({ check: "span-metrics", outcome: "warning", url: null, httpStatus: null, version: null, elapsedMs: null, message: "No span metrics." })).toEqual({ title: "Span metrics", outcome: "Check", tone: "warning", message: "No span metrics." });
  });
});
