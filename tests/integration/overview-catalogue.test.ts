// GET /api/overview reads the catalogue rows again whenever the SLO table changed (it remembers
// them per filter while the table's fingerprint, count and hashes of (id, version), stays the
// same): every catalogue change is in the very next overview, filtered or not.
import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/slos/route";
import * as item from "@/app/api/slos/[id]/route";
import * as archive from "@/app/api/slos/[id]/archive/route";
import * as restore from "@/app/api/slos/[id]/restore/route";
import * as datasources from "@/app/api/datasources/route";
import { GET as getOverview } from "@/app/api/overview/route";
import { OverviewResponse } from "@/lib/schemas/overview";
import { call, datasourceInput, sloInput, sql, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { freePort } from "@/tests/helpers/ports";

const db = setupCatalogueDatabase();
let dsId: string;

beforeEach(async () => {
  // A port nobody listens on: every SLO is listed as unavailable, quickly, with its catalogue fields.
  const res = await call(datasources.POST, { json: datasourceInput({ prometheusUrl: `http://127.0.0.1:${await freePort()}` }) });
  expect(res.status).toBe(201);
  dsId = res.body.id;
});

const create = async (over: Record<string, unknown>) => {
  const res = await call(collection.POST, { json: sloInput(dsId, over) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
};

async function rows(query: Record<string, string> = {}) {
  const res = await call(getOverview, { query: { at: "1790000000", ...query } });
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
  return OverviewResponse.parse(res.body).slos.map((s) => ({ slug: s.slug, objective: s.objective, team: s.team }));
}

describe("the overview follows the catalogue", () => {
  it("edits, archive and restore, a row deleted and another added (same count), each filter apart", async () => {
    const a = await create({ slug: "a", team: "payments" });
    const b = await create({ slug: "b", team: "payments" });
    expect(await rows()).toEqual([
      { slug: "a", objective: 0.995, team: "payments" },
      { slug: "b", objective: 0.995, team: "payments" },
    ]);
    expect((await rows({ team: "payments" })).map((r) => r.slug)).toEqual(["a", "b"]);

    const edited = await call(item.PATCH, { method: "PATCH", params: { id: a.id }, json: { version: a.version, objective: 0.999 } });
    expect(edited.status).toBe(200);
    expect((await rows())[0]).toEqual({ slug: "a", objective: 0.999, team: "payments" });

    // The team filter was remembered before the edits: it is read again too.
    const moved = await call(item.PATCH, { method: "PATCH", params: { id: b.id }, json: { version: b.version, team: "search" } });
    expect(moved.status).toBe(200);
    expect((await rows({ team: "payments" })).map((r) => r.slug)).toEqual(["a"]);
    expect((await rows({ team: "search" })).map((r) => r.slug)).toEqual(["b"]);

    const archived = await call(archive.POST, { params: { id: b.id }, json: { version: moved.body.version } });
    expect(archived.status).toBe(200);
    expect((await rows()).map((r) => r.slug)).toEqual(["a"]);
    expect(await rows({ team: "search" })).toEqual([]);
    const restored = await call(restore.POST, { params: { id: b.id }, json: { version: archived.body.version } });
    expect(restored.status).toBe(200);
    expect((await rows()).map((r) => r.slug)).toEqual(["a", "b"]);

    // Deleted behind the API's back and another one added: the count is the same, the ids are not.
    await sql(db().url, `DELETE FROM "SloRevision" WHERE "sloId" = $1`, [a.id]);
    await sql(db().url, `DELETE FROM "Slo" WHERE id = $1`, [a.id]);
    await create({ slug: "c", team: "payments" });
    expect((await rows()).map((r) => r.slug)).toEqual(["b", "c"]);
    expect((await rows({ team: "payments" })).map((r) => r.slug)).toEqual(["c"]);
  }, 60_000);
});
