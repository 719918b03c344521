// Datasource history, deletion and save-time URL refusal against a real PostgreSQL (issue 20
// items 5 and 6): every create/update/delete leaves one revision with the actor, secrets only as
// set / not set / changed; a datasource SLOs use is not deleted (409 with how many); a URL the
// outbound guard refuses is a 422 field error naming why.
import { afterEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/datasources/route";
import * as item from "@/app/api/datasources/[id]/route";
import * as revisions from "@/app/api/datasources/[id]/revisions/route";
import * as slos from "@/app/api/slos/route";
import * as archive from "@/app/api/slos/[id]/archive/route";
import { as, inProxyMode } from "@/tests/helpers/auth";
import { call, datasourceInput, sloInput, sql, setupCatalogueDatabase } from "@/tests/helpers/catalogue";

const db = setupCatalogueDatabase();
const TOKEN = "hist-tok-4c1e2b9a";
const TRACE = "trace-user:trace-pw-77aa";

afterEach(() => {
  delete process.env.SIGHTLINE_DATASOURCE_ALLOW;
});

describe("datasource revisions", () => {
  it("create, updates and delete each write one revision in order, with the actor and no secret", () => inProxyMode(async () => {
    const created = await call(collection.POST, {
      json: datasourceInput({ authKind: "bearer", authSecret: TOKEN, traceBackend: "tempo", traceUrl: "http://tempo.internal:3200", traceAuthKind: "basic", traceAuthSecret: TRACE }),
      headers: as("alice"),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await call(item.PATCH, { method: "PATCH", params: { id }, json: { name: "Renamed", tenant: "team-a" }, headers: as("bob") })).status).toBe(200);
    expect((await call(item.PATCH, { method: "PATCH", params: { id }, json: { authSecret: "another-token-123" }, headers: as("carol") })).status).toBe(200);
    expect((await call(item.PATCH, { method: "PATCH", params: { id: "prod-prom" }, json: { traceAuthKind: "none" }, headers: as("erin") })).status).toBe(200);

    const h = await call(revisions.GET, { params: { id: "prod-prom" }, headers: as("vera", "viewer") });
    expect(h.status).toBe(200);
    expect(h.body.items.map((r: { version: number; action: string; actor: string }) => [r.version, r.action, r.actor])).toEqual([
      [4, "updated", "erin"],
      [3, "updated", "carol"],
      [2, "updated", "bob"],
      [1, "created", "alice"],
    ]);
    const [dropTrace, newToken, rename, create] = h.body.items;
    expect(create.before).toBeNull();
    expect(create.after).toMatchObject({ slug: "prod-prom", authKind: "bearer", authSecret: "set", traceAuthKind: "basic", traceAuthSecret: "set" });
    expect(rename.changedFields).toEqual(["name", "tenant"]);
    expect(rename.after).toMatchObject({ name: "Renamed", authSecret: "set" });
    expect(newToken.changedFields).toEqual(["authSecret"]);
    expect(newToken.after.authSecret).toBe("changed");
    expect(dropTrace.changedFields).toEqual(["traceAuthKind", "traceAuthSecret"]);
    expect(dropTrace.after).toMatchObject({ traceAuthKind: "none", traceAuthSecret: "not set" });

    const everything = JSON.stringify(h.body) + JSON.stringify(await sql(db().url, `SELECT * FROM "DatasourceRevision"`));
    for (const secret of [TOKEN, "another-token-123", TRACE, "trace-pw-77aa", Buffer.from(TRACE).toString("base64")]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/v1\./); // nor a ciphertext

    expect((await call(item.DELETE, { method: "DELETE", params: { id }, headers: as("dave") })).status).toBe(204);
    const after = await call(revisions.GET, { params: { id }, headers: as("vera", "viewer") });
    expect(after.body.items[0]).toMatchObject({ version: 5, action: "deleted", actor: "dave", after: null, before: { slug: "prod-prom", name: "Renamed" } });
    expect((await call(revisions.GET, { params: { id: "prod-prom" }, headers: as("vera", "viewer") })).status).toBe(404); // the slug is free again
    expect((await call(revisions.GET, { params: { id: "never-was" }, headers: as("vera", "viewer") })).status).toBe(404);
  }));
});

describe("deleting a datasource in use", () => {
  it("409 saying how many SLOs (active, archived) use it; nothing deleted, no revision", async () => {
    const ds = (await call(collection.POST, { json: datasourceInput() })).body;
    for (const slug of ["a", "b", "c"]) expect((await call(slos.POST, { json: sloInput(ds.id, { slug }) })).status).toBe(201);
    expect((await call(archive.POST, { params: { id: "c" }, json: { version: 1 } })).status).toBe(200);

    const res = await call(item.DELETE, { method: "DELETE", params: { id: ds.slug } });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({
      type: "urn:sightline:problem:in-use",
      title: "Datasource in use",
      detail: 'datasource "prod-prom" is used by 3 SLOs (2 active, 1 archived); move them to another datasource or delete them first',
      slos: { active: 2, archived: 1 },
    });
    expect((await call(item.GET, { params: { id: ds.id } })).status).toBe(200);
    expect((await call(revisions.GET, { params: { id: ds.id } })).body.items).toHaveLength(1);
  });

  it("an unknown datasource: 404", async () => {
    expect((await call(item.DELETE, { method: "DELETE", params: { id: "nope" } })).status).toBe(404);
  });
});

describe("save-time URL refusal (422 naming why)", () => {
  it.each([
    ["prometheusUrl", "http://169.254.169.254/latest", "169.254.169.254 is a cloud metadata address; Sightline never connects there"],
    ["prometheusUrl", "http://2852039166:9090", "169.254.169.254 is a cloud metadata address"],
    ["prometheusUrl", "http://0.0.0.0:9090", "0.0.0.0 is an unspecified address"],
    ["traceUrl", "http://[fe80::1]:3200", "fe80::1 is link-local"],
  ])("%s %s", async (field, url, words) => {
    const res = await call(collection.POST, { json: datasourceInput({ [field]: url, ...(field === "traceUrl" ? { traceBackend: "tempo" } : {}) }) });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: field, message: expect.stringContaining(`Sightline will not connect to this URL: ${words}`) }]);
    expect(await sql(db().url, `SELECT count(*)::int AS n FROM "Datasource"`)).toEqual([{ n: 0 }]);
  });

  it("PATCH too, and the allow-list is honoured (localhost:22 refused when not on it)", async () => {
    const ds = (await call(collection.POST, { json: datasourceInput({ prometheusUrl: "http://127.0.0.1:9090" }) })).body;
    const bad = await call(item.PATCH, { method: "PATCH", params: { id: ds.id }, json: { prometheusUrl: "http://0xa9fea9fe/" } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("prometheusUrl");
    process.env.SIGHTLINE_DATASOURCE_ALLOW = "10.0.0.0/8";
    const ssh = await call(item.PATCH, { method: "PATCH", params: { id: ds.id }, json: { prometheusUrl: "http://localhost:22" } });
    expect(ssh.status).toBe(422);
    expect(ssh.body.errors[0].message).toMatch(/^Sightline will not connect to this URL: localhost \((127\.0\.0\.1|::1)\) is not on the datasource allow-list \(SIGHTLINE_DATASOURCE_ALLOW\)$/);
    expect((await call(item.PATCH, { method: "PATCH", params: { id: ds.id }, json: { prometheusUrl: "http://10.1.2.3:9090" } })).status).toBe(200);
    expect((await call(revisions.GET, { params: { id: ds.id } })).body.items).toHaveLength(2);
  });
});
