// The SLO contract (lib/schemas/slo.ts): what the API accepts and what it returns.
import { describe, expect, it } from "vitest";
import { CreateSloInput, SloDto, SloRevisionDto, SloVersionInput, UpdateSloInput } from "@/lib/schemas/slo";
import { defaultAlertSettings } from "@/lib/schemas/rules";

const valid = {
  slug: "checkout-latency",
  name: "Checkout latency",
  service: "checkout",
  operation: "POST /checkout",
  thresholdSeconds: 0.5,
  objective: 0.99,
  window: { kind: "rolling", days: 28 },
  datasourceId: "ds1",
};

const issuePaths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : [...new Set(r.error!.issues.map((i) => i.path.join(".")))];

describe("CreateSloInput", () => {
  it("fills defaults for optional fields", () => {
    expect(CreateSloInput.parse(valid)).toEqual({
      ...valid,
      description: "",
      team: "",
      owner: "",
      operationMatch: "exact",
      spanKind: null,
      extraMatchers: [],
      countErrorsAsBad: false,
      minEvents: 0,
      status: "active",
    });
  });

  it.each([
    [{ objective: 0 }, "objective"],
    [{ objective: 1 }, "objective"],
    [{ objective: 1.5 }, "objective"],
    [{ objective: -1 }, "objective"],
    [{ objective: Number.NaN }, "objective"],
    [{ thresholdSeconds: 0 }, "thresholdSeconds"],
    [{ thresholdSeconds: -1 }, "thresholdSeconds"],
    [{ thresholdSeconds: 3601 }, "thresholdSeconds"],
    [{ window: { kind: "rolling", days: 91 } }, "window.days"],
    [{ window: { kind: "calendar", unit: "week" } }, "window.unit"],
    [{ slug: "-leading-dash" }, "slug"],
    [{ slug: "" }, "slug"],
    [{ operationMatch: "regex", operation: "(" }, "operation"],
    [{ extraMatchers: [{ label: "__name__", op: "=", value: "x" }] }, "extraMatchers.0.label"],
    [{ extraMatchers: [{ label: "a", op: "!~", value: "[" }] }, "extraMatchers.0.value"],
    [{ extraMatchers: Array.from({ length: 11 }, () => ({ label: "a", op: "=", value: "b" })) }, "extraMatchers"],
    [{ minEvents: 1.5 }, "minEvents"],
    [{ unexpected: true }, ""],
  ])("rejects %j at %s", (over, path) => {
    expect(issuePaths(CreateSloInput.safeParse({ ...valid, ...over }))).toEqual([path]);
  });

  it("accepts the edges of the allowed ranges", () => {
    for (const over of [{ objective: 0.000001 }, { objective: 0.999999 }, { thresholdSeconds: 3600 }, { window: { kind: "rolling", days: 1 } }, { window: { kind: "calendar", unit: "month" } }])
      expect(CreateSloInput.safeParse({ ...valid, ...over }).success, JSON.stringify(over)).toBe(true);
  });

  it("accepts a valid regex operation and trims free text", () => {
    const r = CreateSloInput.parse({ ...valid, operationMatch: "regex", operation: "GET /api/(v1|v2)/.*", name: "  Spaced  " });
    expect(r.name).toBe("Spaced");
  });
});

describe("UpdateSloInput", () => {
  it("applies no defaults: absent fields stay absent", () => {
    expect(UpdateSloInput.parse({ version: 3, name: "x" })).toEqual({ version: 3, name: "x" });
  });

  it("requires a positive version and rejects unknown fields", () => {
    expect(issuePaths(UpdateSloInput.safeParse({ name: "x" }))).toEqual(["version"]);
    expect(issuePaths(UpdateSloInput.safeParse({ version: 0 }))).toEqual(["version"]);
    expect(UpdateSloInput.safeParse({ version: 1, id: "x" }).success).toBe(false);
  });

  it("still checks each field sent", () => {
    expect(issuePaths(UpdateSloInput.safeParse({ version: 1, objective: 1 }))).toEqual(["objective"]);
  });
});

describe("DTOs", () => {
  const dto = {
    ...CreateSloInput.parse(valid),
    alerting: defaultAlertSettings(),
    id: "c1",
    version: 1,
    createdAt: "2026-11-25T00:00:00.000Z",
    updatedAt: "2026-11-25T00:00:00.000Z",
  };

  it("SloDto drops fields outside the contract", () => {
    expect(SloDto.parse({ ...dto, internalNote: "x", datasource: { authSecretEnc: "v1..." } })).toEqual(dto);
  });

  it("SloVersionInput takes exactly {version}", () => {
    expect(SloVersionInput.safeParse({ version: 2 }).success).toBe(true);
    expect(SloVersionInput.safeParse({ version: 2, force: true }).success).toBe(false);
    expect(SloVersionInput.safeParse({}).success).toBe(false);
  });

  it("SloRevisionDto reads old snapshots loosely but pins the action", () => {
    const rev = { id: "r", version: 1, action: "created", actor: "a", changedAt: dto.createdAt, before: null, after: { slug: "x" }, changedFields: [] };
    expect(SloRevisionDto.safeParse(rev).success).toBe(true);
    expect(SloRevisionDto.safeParse({ ...rev, action: "deleted" }).success).toBe(false);
  });
});

describe("regexes follow Prometheus (RE2), not JavaScript", () => {
  const regexOp = (operation: string) => ({ ...valid, operationMatch: "regex", operation });
  const firstIssue = (r: ReturnType<typeof CreateSloInput.safeParse>) => (r.success ? undefined : { path: r.error.issues[0].path.join("."), message: r.error.issues[0].message });

  it("refuses a lookahead on the operation field, saying why", () => {
    expect(firstIssue(CreateSloInput.safeParse(regexOp("Place(?=Order)Order")))).toEqual({
      path: "operation",
      message: "lookahead (?=…) is not supported by Prometheus (RE2)",
    });
  });

  it("accepts inline flags that JavaScript's RegExp refuses", () => {
    expect(CreateSloInput.safeParse(regexOp("(?i)placeorder")).success).toBe(true);
  });

  it("does not judge an exact operation as a regex", () => {
    expect(CreateSloInput.safeParse({ ...valid, operation: "Place(?=Order)Order" }).success).toBe(true);
  });

  it("checks =~ and !~ label matchers, on create and on update", () => {
    const matchers = [{ label: "http_route", op: "=~", value: "/api/(?<=v1)" }, { label: "region", op: "=", value: "(?=" }];
    expect(firstIssue(CreateSloInput.safeParse({ ...valid, extraMatchers: matchers }))).toEqual({
      path: "extraMatchers.0.value",
      message: "lookbehind (?<=…) is not supported by Prometheus (RE2)",
    });
    expect(issuePaths(UpdateSloInput.safeParse({ version: 1, extraMatchers: [{ label: "a", op: "!~", value: "(a)\\1" }] }))).toEqual(["extraMatchers.0.value"]);
    expect(UpdateSloInput.safeParse({ version: 1, extraMatchers: [{ label: "a", op: "!~", value: "(?i)x|y" }] }).success).toBe(true);
  });

  it("still reads an SLO stored before the rule tightened (the DTO does not re-judge)", () => {
    const stored = { ...CreateSloInput.parse(valid), operationMatch: "regex", operation: "Place(?=Order)Order", extraMatchers: [{ label: "a", op: "=~", value: "(?=x)" }] };
    const dto = { ...stored, id: "c1", version: 1, createdAt: "2026-11-25T00:00:00.000Z", updatedAt: "2026-11-25T00:00:00.000Z" };
    expect(SloDto.safeParse(dto).success).toBe(true);
  });
});
