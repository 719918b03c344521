// Bad input of every kind gets a clear 4xx problem+json with field paths, and nothing is written.
import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/slos/route";
import * as item from "@/app/api/slos/[id]/route";
import * as archive from "@/app/api/slos/[id]/archive/route";
import * as datasources from "@/app/api/datasources/route";
import { as, inProxyMode } from "@/tests/helpers/auth";
import { call, datasourceInput, rowCounts, sloInput, setupCatalogueDatabase, type CallResult } from "@/tests/helpers/catalogue";

const db = setupCatalogueDatabase();
let dsId: string;

beforeEach(async () => {
  dsId = (await call(datasources.POST, { json: datasourceInput() })).body.id;
});

function expectProblem(res: CallResult, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body).toMatchObject({ type, status });
  expect(typeof res.body.title).toBe("string");
  expect(typeof res.body.detail).toBe("string");
  expect(Array.isArray(res.body.errors)).toBe(true);
}

const paths = (res: CallResult) => res.body.errors.map((e: { path: string }) => e.path);

describe("POST /api/slos with invalid fields", () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ["objective 0", { objective: 0 }, ["objective"]],
    ["objective 1", { objective: 1 }, ["objective"]],
    ["objective 1.5", { objective: 1.5 }, ["objective"]],
    ["objective -1", { objective: -1 }, ["objective"]],
    ["objective as string", { objective: "0.99" }, ["objective"]],
    ["threshold 0", { thresholdSeconds: 0 }, ["thresholdSeconds"]],
    ["negative threshold", { thresholdSeconds: -0.5 }, ["thresholdSeconds"]],
    ["threshold null", { thresholdSeconds: null }, ["thresholdSeconds"]],
    ["unknown field", { color: "red" }, ["color"]],
    ["two unknown fields", { color: "red", size: 3 }, ["color", "size"]],
    ["name too long", { name: "n".repeat(121) }, ["name"]],
    ["description too long", { description: "d".repeat(2001) }, ["description"]],
    ["empty name", { name: "   " }, ["name"]],
    ["slug with capitals", { slug: "Checkout" }, ["slug"]],
    ["slug too long", { slug: "a".repeat(64) }, ["slug"]],
    ["window days 0", { window: { kind: "rolling", days: 0 } }, ["window.days"]],
    ["window days fractional", { window: { kind: "rolling", days: 7.5 } }, ["window.days"]],
    ["unknown window kind", { window: { kind: "weekly" } }, ["window.kind"]],
    ["window with extra field", { window: { kind: "calendar", unit: "month", tz: "CET" } }, ["window.tz"]],
    ["invalid regex operation", { operationMatch: "regex", operation: "GET /(a" }, ["operation"]],
    ["invalid regex matcher", { extraMatchers: [{ label: "route", op: "=~", value: "([" }] }, ["extraMatchers.0.value"]],
    ["reserved label", { extraMatchers: [{ label: "le", op: "=", value: "1" }] }, ["extraMatchers.0.label"]],
    ["bad label name", { extraMatchers: [{ label: "http-route", op: "=", value: "/" }] }, ["extraMatchers.0.label"]],
    ["bad matcher op", { extraMatchers: [{ label: "route", op: "==", value: "/" }] }, ["extraMatchers.0.op"]],
    ["wrong type boolean", { countErrorsAsBad: "yes" }, ["countErrorsAsBad"]],
    ["minEvents negative", { minEvents: -1 }, ["minEvents"]],
    ["unknown span kind", { spanKind: "SERVER" }, ["spanKind"]],
    ["created archived", { status: "archived" }, ["status"]],
  ];

  it.each(cases)("%s → 422 with the field path, nothing written", async (_label, over, expected) => {
    const before = await rowCounts(db().url);
    const res = await call(collection.POST, { json: sloInput(dsId, over) });
    expectProblem(res, 422, "urn:sightline:problem:validation");
    expect(paths(res)).toEqual(expected);
    expect(await rowCounts(db().url)).toEqual(before);
  });

  it("reports every missing required field at once", async () => {
    const res = await call(collection.POST, { json: { slug: "x" } });
    expectProblem(res, 422, "urn:sightline:problem:validation");
    expect(paths(res).sort()).toEqual(["datasourceId", "name", "objective", "operation", "service", "thresholdSeconds", "window"]);
  });

  it("unknown datasourceId → 422 on datasourceId", async () => {
    const res = await call(collection.POST, { json: sloInput("no-such-datasource") });
    expectProblem(res, 422, "urn:sightline:problem:validation");
    expect(paths(res)).toEqual(["datasourceId"]);
    expect((await rowCounts(db().url)).slos).toBe(0);
  });

  it("duplicate slug → 409 on slug, the first SLO untouched", async () => {
    expect((await call(collection.POST, { json: sloInput(dsId) })).status).toBe(201);
    const res = await call(collection.POST, { json: sloInput(dsId, { name: "Other" }) });
    expectProblem(res, 409, "urn:sightline:problem:duplicate");
    expect(paths(res)).toEqual(["slug"]);
    expect(await rowCounts(db().url)).toEqual({ datasources: 1, slos: 1, revisions: 1 });
  });
});

describe("malformed requests", () => {
  const raw = (body: string, contentType = "application/json") =>
    call(collection.POST, { raw: body, headers: { "content-type": contentType } });

  it.each([
    ["truncated JSON", '{"slug": "a"'],
    ["not JSON at all", "slug=a&name=b"],
    ["empty body", ""],
    ["an array", "[1, 2]"],
    ["a string", '"hello"'],
    ["null", "null"],
    ["a number", "42"],
  ])("%s → 400 malformed-body, nothing written", async (_label, body) => {
    const res = await raw(body);
    expectProblem(res, 400, "urn:sightline:problem:malformed-body");
    expect(await rowCounts(db().url)).toEqual({ datasources: 1, slos: 0, revisions: 0 });
  });

  it("refuses non-JSON media types with 415 (an HTML form on another site cannot post here)", async () => {
    for (const ct of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await raw(JSON.stringify(sloInput(dsId)), ct);
      expectProblem(res, 415, "urn:sightline:problem:unsupported-media-type");
    }
    const ok = await raw(JSON.stringify(sloInput(dsId)), "application/json; charset=utf-8");
    expect(ok.status).toBe(201);
  });

  it("refuses bodies over 64 KiB with 413, with or without a Content-Length", async () => {
    const huge = JSON.stringify(sloInput(dsId, { description: "x".repeat(70 * 1024) }));
    expectProblem(await raw(huge), 413, "urn:sightline:problem:payload-too-large");
    const declared = await call(collection.POST, { raw: "{}", headers: { "content-type": "application/json", "content-length": String(1 << 20) } });
    expectProblem(declared, 413, "urn:sightline:problem:payload-too-large");
    expect((await rowCounts(db().url)).slos).toBe(0);
  });

  it("does not sign in a proxy user name that is over-long or has control characters (401, nothing written)", () =>
    inProxyMode(async () => {
      for (const actor of ["a".repeat(121), "eve\u0007"]) {
        const res = await call(collection.POST, { json: sloInput(dsId), headers: as(actor) });
        expectProblem(res, 401, "urn:sightline:problem:unauthenticated");
      }
      expect((await rowCounts(db().url)).slos).toBe(0);
    }));
});

describe("PATCH and lifecycle with invalid input", () => {
  let id: string;
  beforeEach(async () => {
    id = (await call(collection.POST, { json: sloInput(dsId) })).body.id;
  });

  it.each([
    ["missing version", { name: "x" }, 422, ["version"]],
    ["version 0", { version: 0, name: "x" }, 422, ["version"]],
    ["objective 1", { version: 1, objective: 1 }, 422, ["objective"]],
    ["threshold negative", { version: 1, thresholdSeconds: -1 }, 422, ["thresholdSeconds"]],
    ["unknown field", { version: 1, id: "other" }, 422, ["id"]],
    ["archive through PATCH", { version: 1, status: "archived" }, 422, ["status"]],
    ["unknown datasource", { version: 1, datasourceId: "nope" }, 422, ["datasourceId"]],
  ] as const)("%s → %i, the SLO unchanged", async (_label, body, status, expected) => {
    const before = await rowCounts(db().url);
    const res = await call(item.PATCH, { method: "PATCH", params: { id }, json: body });
    expectProblem(res, status, "urn:sightline:problem:validation");
    expect(paths(res)).toEqual(expected);
    expect(await rowCounts(db().url)).toEqual(before);
    expect((await call(item.GET, { params: { id } })).body.version).toBe(1);
  });

  it("archive without a version or with extra fields → 422", async () => {
    for (const body of [{}, { version: "1" }, { version: 1, reason: "old" }]) {
      const res = await call(archive.POST, { params: { id }, json: body });
      expectProblem(res, 422, "urn:sightline:problem:validation");
    }
    expect((await call(item.GET, { params: { id } })).body.status).toBe("active");
  });
});
