// The datasource form's mapping (lib/client/datasource-form.ts): URL complaints land on the URL
// field before any request, and a secret about to be dropped (URL moved to another host) is said
// before saving and after.
import { describe, expect, it } from "vitest";
import { datasourceToForm, emptyDatasourceForm, needsCredentials, savedNotice, secretWillBeDropped, validateDatasourceForm } from "@/lib/client/datasource-form";
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
