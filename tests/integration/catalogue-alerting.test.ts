// Per-SLO alert settings through the SLO API against a real PostgreSQL (issue 18): optional on
// create (existing clients keep working), stored, patched with a revision, validated per field, and
// a row written before the column existed reads as the defaults.
import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/slos/route";
import * as item from "@/app/api/slos/[id]/route";
import * as revisions from "@/app/api/slos/[id]/revisions/route";
import * as datasources from "@/app/api/datasources/route";
import { defaultAlertSettings } from "@/lib/schemas/rules";
import { call, datasourceInput, sloInput, sql, setupCatalogueDatabase } from "@/tests/helpers/catalogue";

const db = setupCatalogueDatabase();
let dsId: string;

beforeEach(async () => {
  const res = await call(datasources.POST, { json: datasourceInput() });
  dsId = res.body.id;
});

const create = (over: Record<string, unknown> = {}) => call(collection.POST, { json: sloInput(dsId, over) });

describe("SLO alert settings", () => {
  it("a create without `alerting` stores and returns the defaults", async () => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body.alerting).toEqual(defaultAlertSettings());
    expect(res.body.alerting).toEqual({ disabledTiers: [], runbookUrl: "", deviation: { enabled: false, window: "30m", factor: 2, minDifference: 0.01, minEvents: 100 } });
  });

  it("stores what is sent, filling the rest", async () => {
    const res = await create({ alerting: { disabledTiers: ["ticket-3d"], runbookUrl: "https://runbooks.example.com/x", deviation: { enabled: true, factor: 3 } } });
    expect(res.status).toBe(201);
    const got = await call(item.GET, { params: { id: res.body.id } });
    expect(got.body.alerting).toEqual({
      disabledTiers: ["ticket-3d"],
      runbookUrl: "https://runbooks.example.com/x",
      deviation: { enabled: true, window: "30m", factor: 3, minDifference: 0.01, minEvents: 100 },
    });
  });

  it("PATCH changes alerting with a revision; other PATCHes leave it alone", async () => {
    const { body } = await create({ alerting: { runbookUrl: "https://runbooks.example.com/x" } });
    const renamed = await call(item.PATCH, { params: { id: body.id }, json: { version: 1, name: "Renamed" } });
    expect(renamed.body.alerting.runbookUrl).toBe("https://runbooks.example.com/x");
    const patched = await call(item.PATCH, { params: { id: body.id }, json: { version: 2, alerting: { disabledTiers: ["page-6h"] } } });
    expect(patched.status).toBe(200);
    expect(patched.body.alerting).toMatchObject({ disabledTiers: ["page-6h"], runbookUrl: "" });
    const log = await call(revisions.GET, { params: { id: body.id } });
    expect(log.body.items[0].changedFields).toEqual(["alerting"]);
  });

  it.each([
    [{ disabledTiers: ["page-5m"] }, "alerting.disabledTiers.0"],
    [{ disabledTiers: ["page-1h", "page-1h"] }, "alerting.disabledTiers"],
    [{ runbookUrl: "javascript:alert(1)" }, "alerting.runbookUrl"],
    [{ deviation: { factor: 1 } }, "alerting.deviation.factor"],
    [{ deviation: { minDifference: 2 } }, "alerting.deviation.minDifference"],
    [{ deviation: { enabled: true, window: "6h" } }, "alerting.deviation.window"],
    [{ extra: true }, "alerting.extra"],
  ])("refuses %o with a field error at %s", async (alerting, path) => {
    const res = await create({ alerting });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("a row stored before alerting existed ({}) reads as the defaults", async () => {
    const { body } = await create({ alerting: { runbookUrl: "https://runbooks.example.com/x" } });
    await sql(db().url, `UPDATE "Slo" SET alerting = '{}'::jsonb WHERE id = $1`, [body.id]);
    const got = await call(item.GET, { params: { id: body.id } });
    expect(got.body.alerting).toEqual(defaultAlertSettings());
  });
});
