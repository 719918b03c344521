// The datasource contract (lib/schemas/datasource.ts).
import { describe, expect, it } from "vitest";
import { CreateDatasourceInput, DatasourceDto, UpdateDatasourceInput, urlOrigin } from "@/lib/schemas/datasource";

const valid = { slug: "prom", name: "Prom", prometheusUrl: "https://mimir.example/" };

describe("CreateDatasourceInput", () => {
  it("fills defaults", () => {
    expect(CreateDatasourceInput.parse(valid)).toEqual({
      ...valid,
      pathPrefix: "",
      tenant: "",
      authKind: "none",
      producerProfile: "auto",
      traceBackend: "none",
      traceUrl: "",
      traceAuthKind: "none",
      grafanaUrl: "",
      grafanaTempoUid: "",
    });
  });

  it.each([
    [{ prometheusUrl: "file:///etc/passwd" }],
    [{ prometheusUrl: "javascript:alert(1)" }],
    [{ pathPrefix: "/a b" }],
    [{ pathPrefix: "/trailing/" }],
    [{ authKind: "digest" }],
    [{ traceBackend: "zipkin" }],
    [{ grafanaUrl: "grafana" }],
    [{ authSecret: "x".repeat(4097) }],
    [{ traceAuthKind: "digest" }],
    [{ traceAuthSecret: "x".repeat(4097) }],
    [{ grafanaTempoUid: "x".repeat(41) }],
    [{ grafanaTempoUid: "tempo uid" }],
    [{ grafanaTempoUid: "../../api/admin" }],
    [{ grafanaTempoUid: "tempo?orgId=2" }],
    [{ extra: 1 }],
  ])("rejects %j", (over) => {
    expect(CreateDatasourceInput.safeParse({ ...valid, ...over }).success).toBe(false);
  });

  it("accepts a Mimir-style prefix and an empty trace URL", () => {
    expect(CreateDatasourceInput.safeParse({ ...valid, pathPrefix: "/prometheus", traceUrl: "" }).success).toBe(true);
  });
});

describe("grafanaTempoUid", () => {
  it.each(["P214B5B846CF3925F", "tempo", "my_tempo-2", "x".repeat(40), ""])("takes Grafana's UID alphabet: %j", (uid) => {
    expect(CreateDatasourceInput.parse({ ...valid, grafanaTempoUid: uid }).grafanaTempoUid).toBe(uid);
  });

  it("says what a UID may hold", () => {
    const r = CreateDatasourceInput.safeParse({ ...valid, grafanaTempoUid: "tempo/../x" });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["grafanaTempoUid", expect.stringMatching(/^a Grafana datasource UID: letters, digits, - and _ only/)],
    ]);
  });
});

describe("URL fields", () => {
  const urlFields = ["prometheusUrl", "traceUrl", "grafanaUrl"] as const;
  const issues = (over: Record<string, unknown>) => {
    const r = CreateDatasourceInput.safeParse({ ...valid, ...over });
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  };

  it.each(urlFields)("%s refuses a user name or password, pointing at the auth fields", (field) => {
    for (const url of ["http://bob:hunter2@prom:9090", "https://token@prom", "http://:pw@prom", "http://@prom"])
      expect(issues({ [field]: url }), url).toEqual([{ path: field, message: expect.stringMatching(/^must not contain a user name or password: put them under Authentication/) }]);
  });

  it.each(urlFields)("%s matches the scheme in any case and stores it lowercase", (field) => {
    expect(CreateDatasourceInput.parse({ ...valid, [field]: "HTTPS://Prom.Example:9090/x" })[field]).toBe("https://Prom.Example:9090/x");
    expect(CreateDatasourceInput.parse({ ...valid, [field]: "Http://prom" })[field]).toBe("http://prom");
  });

  it.each([
    ["ftp://prom", "must be an http(s) URL, e.g. http://prometheus:9090"],
    ["http:prom", "must be an http(s) URL, e.g. http://prometheus:9090"],
    ["http://prom :9090", "must not contain spaces"],
    ["http://prom:99999", "not a valid URL"],
  ])("%j is refused with %j", (url, message) => {
    expect(issues({ prometheusUrl: url })).toEqual([{ path: "prometheusUrl", message }]);
    expect(issues({ grafanaUrl: url })).toEqual([{ path: "grafanaUrl", message }]);
  });

  it("an @ in the path is no credential", () => {
    expect(issues({ prometheusUrl: "http://prom:9090/@team" })).toEqual([]);
  });

  it("urlOrigin is what decides where credentials may go", () => {
    expect(urlOrigin("HTTP://Prom:80/x")).toBe("http://prom");
    expect(urlOrigin("https://prom:443")).toBe(urlOrigin("https://prom"));
    expect(urlOrigin("https://prom:8443")).not.toBe(urlOrigin("https://prom"));
    expect(urlOrigin("not a url")).toBeNull();
  });
});

describe("UpdateDatasourceInput", () => {
  it("applies no defaults and allows clearing the secret with an empty string", () => {
    expect(UpdateDatasourceInput.parse({ name: "New" })).toEqual({ name: "New" });
    expect(UpdateDatasourceInput.parse({ authSecret: "" })).toEqual({ authSecret: "" });
    expect(UpdateDatasourceInput.parse({ traceAuthSecret: "" })).toEqual({ traceAuthSecret: "" });
    expect(UpdateDatasourceInput.parse({ traceUrl: "http://tempo:3200" })).toEqual({ traceUrl: "http://tempo:3200" });
    expect(UpdateDatasourceInput.safeParse({ id: "x" }).success).toBe(false);
  });
});

describe("DatasourceDto", () => {
  it("never carries a secret, even when the input has one", () => {
    const row = {
      id: "d",
      ...CreateDatasourceInput.parse(valid),
      hasAuthSecret: true,
      hasTraceAuthSecret: true,
      authSecret: "token",
      authSecretEnc: "v1.x.y.z",
      traceAuthSecret: "trace-token",
      traceAuthSecretEnc: "v1.a.b.c",
      createdAt: "2026-11-25T00:00:00.000Z",
      updatedAt: "2026-11-25T00:00:00.000Z",
    };
    const dto = DatasourceDto.parse(row);
    expect(dto).not.toHaveProperty("authSecret");
    expect(dto).not.toHaveProperty("authSecretEnc");
    expect(dto).not.toHaveProperty("traceAuthSecret");
    expect(dto).not.toHaveProperty("traceAuthSecretEnc");
    expect(dto.hasAuthSecret).toBe(true);
    expect(dto.hasTraceAuthSecret).toBe(true);
  });
});
