// The datasource contract (lib/schemas/datasource.ts).
import { describe, expect, it } from "vitest";
import { CreateDatasourceInput, DatasourceDto, UpdateDatasourceInput } from "@/lib/schemas/datasource";

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
      grafanaUrl: "",
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
    [{ extra: 1 }],
  ])("rejects %j", (over) => {
    expect(CreateDatasourceInput.safeParse({ ...valid, ...over }).success).toBe(false);
  });

  it("accepts a Mimir-style prefix and an empty trace URL", () => {
    expect(CreateDatasourceInput.safeParse({ ...valid, pathPrefix: "/prometheus", traceUrl: "" }).success).toBe(true);
  });
});

describe("UpdateDatasourceInput", () => {
  it("applies no defaults and allows clearing the secret with an empty string", () => {
    expect(UpdateDatasourceInput.parse({ name: "New" })).toEqual({ name: "New" });
    expect(UpdateDatasourceInput.parse({ authSecret: "" })).toEqual({ authSecret: "" });
    expect(UpdateDatasourceInput.safeParse({ id: "x" }).success).toBe(false);
  });
});

describe("DatasourceDto", () => {
  it("never carries a secret, even when the input has one", () => {
    const row = {
      id: "d",
      ...CreateDatasourceInput.parse(valid),
      hasAuthSecret: true,
      authSecret: "token",
      authSecretEnc: "v1.x.y.z",
      createdAt: "2026-11-25T00:00:00.000Z",
      updatedAt: "2026-11-25T00:00:00.000Z",
    };
    const dto = DatasourceDto.parse(row);
    expect(dto).not.toHaveProperty("authSecret");
    expect(dto).not.toHaveProperty("authSecretEnc");
    expect(dto.hasAuthSecret).toBe(true);
  });
});
