// Datasource API against a real PostgreSQL: CRUD, write-only encrypted secrets, validation, and
// the decrypted view the metrics client uses.
import http from "node:http";
import type net from "node:net";
import { describe, expect, it } from "vitest";
import { num, render } from "@/lib/promql/ast";
import { metricsSourceFor } from "@/lib/server/slo/source";
import * as collection from "@/app/api/datasources/route";
import * as item from "@/app/api/datasources/[id]/route";
import { getDatasourceWithSecret } from "@/lib/server/catalogue/datasources";
import { DatasourceDto } from "@/lib/schemas/datasource";
import { call, datasourceInput, rowCounts, sql, setupCatalogueDatabase } from "@/tests/helpers/catalogue";

const db = setupCatalogueDatabase();

const patch = (id: string, json: unknown) => call(item.PATCH, { method: "PATCH", params: { id }, json });
const storedSecret = async () => (await sql(db().url, `SELECT "authSecretEnc" FROM "Datasource"`))[0].authSecretEnc as string | null;
const storedTraceSecret = async () =>
  (await sql(db().url, `SELECT "traceAuthSecretEnc" FROM "Datasource"`))[0].traceAuthSecretEnc as string | null;

describe("datasources", () => {
  it("creates with defaults, lists and gets by id or slug", async () => {
    const res = await call(collection.POST, { json: datasourceInput({ pathPrefix: "/prometheus", tenant: "team-a" }) });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`/api/datasources/${res.body.id}`);
    const ds = DatasourceDto.parse(res.body);
    expect(ds).toMatchObject({ authKind: "none", hasAuthSecret: false, producerProfile: "auto", traceBackend: "none", traceUrl: "", pathPrefix: "/prometheus", tenant: "team-a" });
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(DatasourceDto.shape).sort());

    await call(collection.POST, { json: datasourceInput({ slug: "a-first", name: "A first" }) });
    const list = await call(collection.GET);
    expect(list.body.items.map((d: { slug: string }) => d.slug)).toEqual(["a-first", "prod-prom"]);
    expect((await call(item.GET, { params: { id: "prod-prom" } })).body).toEqual(ds);
    expect((await call(item.GET, { params: { id: ds.id } })).body).toEqual(ds);
    expect((await call(item.GET, { params: { id: "missing" } })).status).toBe(404);
  });

  it("stores the secret encrypted, never returns it, and decrypts it for the metrics client", async () => {
    const res = await call(collection.POST, { json: datasourceInput({ authKind: "bearer", authSecret: "s3cr3t-token" }) });
    expect(res.status).toBe(201);
    expect(res.body.hasAuthSecret).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain("s3cr3t-token");
    expect(JSON.stringify((await call(collection.GET)).body)).not.toContain("s3cr3t");
    const enc = await storedSecret();
    expect(enc).toMatch(/^v1\./);
    expect(enc).not.toContain("s3cr3t");

    const cfg = await getDatasourceWithSecret(res.body.id);
    expect(cfg.auth).toEqual({ kind: "bearer", token: "s3cr3t-token" });
    expect(cfg.prometheusUrl).toBe("http://prometheus.internal:9090");
  });

  it("PATCH keeps the secret when absent, replaces it when sent, clears it with an empty string", async () => {
    const { body: ds } = await call(collection.POST, { json: datasourceInput({ authKind: "basic", authSecret: "bob:pw1" }) });
    const keep = await patch(ds.id, { name: "Renamed" });
    expect(keep.status).toBe(200);
    expect(keep.body).toMatchObject({ name: "Renamed", hasAuthSecret: true });
    expect((await getDatasourceWithSecret(ds.id)).auth).toEqual({ kind: "basic", username: "bob", password: "pw1" });

    expect((await patch(ds.id, { authSecret: "bob:pw:with:colons" })).status).toBe(200);
    expect((await getDatasourceWithSecret(ds.id)).auth).toEqual({ kind: "basic", username: "bob", password: "pw:with:colons" });

    // Clearing the secret of a basic-auth datasource alone is refused; with authKind none it works.
    const refused = await patch(ds.id, { authSecret: "" });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(["authSecret"]);
    const cleared = await patch(ds.id, { authKind: "none", authSecret: "" });
    expect(cleared.body).toMatchObject({ authKind: "none", hasAuthSecret: false });
    expect(await storedSecret()).toBeNull();
    expect((await getDatasourceWithSecret(ds.id)).auth).toEqual({ kind: "none" });
  });

  it("switching auth kinds demands a fitting secret", async () => {
    const { body: ds } = await call(collection.POST, { json: datasourceInput({ authKind: "bearer", authSecret: "tok" }) });
    const toBasic = await patch(ds.id, { authKind: "basic" });
    expect(toBasic.status).toBe(422);
    expect((await patch(ds.id, { authKind: "basic", authSecret: "no-colon" })).status).toBe(422);
    expect((await patch(ds.id, { authKind: "basic", authSecret: "u:p" })).status).toBe(200);
    // Switching to none drops the secret instead of keeping it around unused.
    expect((await patch(ds.id, { authKind: "none" })).body.hasAuthSecret).toBe(false);
    expect(await storedSecret()).toBeNull();
  });

  it("rejects bad input with field paths and writes nothing", async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ prometheusUrl: "ftp://prom" }, ["prometheusUrl"]],
      [{ prometheusUrl: "not a url" }, ["prometheusUrl"]],
      [{ pathPrefix: "prometheus" }, ["pathPrefix"]],
      [{ authKind: "bearer" }, ["authSecret"]],
      [{ authKind: "basic", authSecret: "nocolon" }, ["authSecret"]],
      [{ producerProfile: "jaeger" }, ["producerProfile"]],
      [{ traceUrl: "javascript:alert(1)" }, ["traceUrl"]],
      [{ token: "x" }, ["token"]],
      [{ slug: "Bad Slug" }, ["slug"]],
    ];
    for (const [over, expected] of cases) {
      const res = await call(collection.POST, { json: datasourceInput(over) });
      expect(res.status, JSON.stringify(over)).toBe(422);
      expect([...new Set(res.body.errors.map((e: { path: string }) => e.path))]).toEqual(expected);
    }
    expect((await rowCounts(db().url)).datasources).toBe(0);

    await call(collection.POST, { json: datasourceInput() });
    const dup = await call(collection.POST, { json: datasourceInput({ name: "Again" }) });
    expect(dup.status).toBe(409);
    expect(dup.body.errors.map((e: { path: string }) => e.path)).toEqual(["slug"]);
    const badPatch = await patch("prod-prom", { prometheusUrl: "nope", extra: 1 });
    expect(badPatch.status).toBe(422);
    expect([...new Set(badPatch.body.errors.map((e: { path: string }) => e.path))].sort()).toEqual(["extra", "prometheusUrl"]);
    expect((await call(item.GET, { params: { id: "prod-prom" } })).body.prometheusUrl).toBe("http://prometheus.internal:9090");
  });

  it("a ciphertext that was tampered with is reported, not used", async () => {
    const { body: ds } = await call(collection.POST, { json: datasourceInput({ authKind: "bearer", authSecret: "tok" }) });
    const enc = (await storedSecret())!;
    const parts = enc.split(".");
    const ct = Buffer.from(parts[3], "base64url");
    ct[0] ^= 1;
    parts[3] = ct.toString("base64url");
    await sql(db().url, `UPDATE "Datasource" SET "authSecretEnc" = $1`, [parts.join(".")]);
    await expect(getDatasourceWithSecret(ds.id)).rejects.toMatchObject({ status: 500, type: "urn:sightline:problem:secret-unreadable" });
  });

  it("a URL with a user name or password is refused on every URL field, on create and update", async () => {
    for (const field of ["prometheusUrl", "traceUrl", "grafanaUrl"]) {
      for (const url of ["http://bob:pw@prometheus.internal:9090", "https://token@host", "http://:pw@host", "HTTP://@host"]) {
        const res = await call(collection.POST, { json: datasourceInput({ [field]: url, traceBackend: "tempo" }) });
        expect(res.status, `${field} ${url}`).toBe(422);
        expect(res.body.errors).toEqual([{ path: field, message: expect.stringMatching(/user name or password: put them under Authentication/) }]);
        expect(JSON.stringify(res.body), "the refusal does not echo the password").not.toContain("pw@");
      }
    }
    expect((await rowCounts(db().url)).datasources).toBe(0);

    const { body: ds } = await call(collection.POST, { json: datasourceInput() });
    const res = await patch(ds.id, { prometheusUrl: "http://bob:pw@other.internal:9090" });
    expect(res.status).toBe(422);
    expect((await call(item.GET, { params: { id: ds.id } })).body.prometheusUrl).toBe("http://prometheus.internal:9090");
  });

  it("takes the scheme in any case and stores it lowercase", async () => {
    const res = await call(collection.POST, { json: datasourceInput({ prometheusUrl: "HTTPS://Mimir.example:8080", traceUrl: "Http://tempo:3200", grafanaUrl: "hTtPs://grafana" }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ prometheusUrl: "https://Mimir.example:8080", traceUrl: "http://tempo:3200", grafanaUrl: "https://grafana" });
    expect((await patch(res.body.id, { prometheusUrl: "HTTP://prom:9090" })).body.prometheusUrl).toBe("http://prom:9090");
  });

  describe("a stored secret does not follow the URL to another host", () => {
    const withSecret = async () =>
      (await call(collection.POST, { json: datasourceInput({ authKind: "bearer", authSecret: "s3cr3t-token" }) })).body as DatasourceDto;

    it.each([
      ["another host", "http://attacker.example:9090"],
      ["another port", "http://prometheus.internal:9091"],
      ["another scheme", "https://prometheus.internal:9090"],
    ])("%s drops it, keeps the auth kind and says so", async (_, url) => {
      const ds = await withSecret();
      const res = await patch(ds.id, { prometheusUrl: url });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ prometheusUrl: url, authKind: "bearer", hasAuthSecret: false, credentialsDropped: true });
      expect(await storedSecret()).toBeNull();
      expect((await getDatasourceWithSecret(ds.id)).auth).toEqual({ kind: "none" });
      // Waiting for its credentials, the datasource can still be edited otherwise...
      expect((await patch(ds.id, { name: "Moved" })).body).toMatchObject({ name: "Moved", credentialsDropped: false, hasAuthSecret: false });
      // ...and takes them again.
      expect((await patch(ds.id, { authSecret: "new-token" })).body).toMatchObject({ hasAuthSecret: true });
      expect((await getDatasourceWithSecret(ds.id)).auth).toEqual({ kind: "bearer", token: "new-token" });
    });

    it.each([
      ["a new path on the same origin", "http://prometheus.internal:9090/mimir"],
      ["the same origin with the scheme in capitals", "HTTP://prometheus.internal:9090"],
      ["the same URL", "http://prometheus.internal:9090"],
    ])("%s keeps it", async (_, url) => {
      const ds = await withSecret();
      const res = await patch(ds.id, { prometheusUrl: url });
      expect(res.body).toMatchObject({ hasAuthSecret: true, credentialsDropped: false });
      expect((await getDatasourceWithSecret(ds.id)).auth).toEqual({ kind: "bearer", token: "s3cr3t-token" });
    });

    it("the default port written out is the same origin", async () => {
      const { body: ds } = await call(collection.POST, { json: datasourceInput({ prometheusUrl: "https://prom.example", authKind: "basic", authSecret: "u:p" }) });
      expect((await patch(ds.id, { prometheusUrl: "https://prom.example:443" })).body).toMatchObject({ hasAuthSecret: true, credentialsDropped: false });
    });

    it("a secret sent with the new URL is stored for it", async () => {
      const ds = await withSecret();
      const res = await patch(ds.id, { prometheusUrl: "http://other.internal:9090", authSecret: "other-token" });
      expect(res.body).toMatchObject({ hasAuthSecret: true, credentialsDropped: false });
      expect((await getDatasourceWithSecret(ds.id)).auth).toEqual({ kind: "bearer", token: "other-token" });
    });

    it("the new host never receives the old secret", async () => {
      const seen: http.IncomingHttpHeaders[] = [];
      const server = http.createServer((req, res) => {
        seen.push(req.headers);
        req.resume();
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } }));
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      try {
        const ds = await withSecret();
        await patch(ds.id, { prometheusUrl: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}` });
        const r = await metricsSourceFor(await getDatasourceWithSecret(ds.id)).query(render(num(1)), 100);
        expect(r.ok).toBe(true);
        expect(seen).toHaveLength(1);
        expect(seen[0].authorization).toBeUndefined();
      } finally {
        await new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
      }
    });
  });

  describe("the trace backend's credential", () => {
    const tempo = { traceBackend: "tempo", traceUrl: "http://tempo.internal:3200" };
    const withBoth = async () =>
      (
        await call(collection.POST, {
          json: datasourceInput({ ...tempo, authKind: "bearer", authSecret: "prom-token", traceAuthKind: "basic", traceAuthSecret: "tempo:tr4ce-pw" }),
        })
      ).body as DatasourceDto;
    const everyResponse = async (id: string) =>
      JSON.stringify([(await call(collection.GET)).body, (await call(item.GET, { params: { id } })).body, (await patch(id, { name: "Again" })).body]);

    it("is stored encrypted beside Prometheus's, never returned, and decrypted only as traceAuth", async () => {
      const ds = await withBoth();
      expect(ds).toMatchObject({ authKind: "bearer", hasAuthSecret: true, traceAuthKind: "basic", hasTraceAuthSecret: true, grafanaTempoUid: "" });
      const all = JSON.stringify(ds) + (await everyResponse(ds.id));
      for (const secret of ["tr4ce-pw", "prom-token"]) expect(all).not.toContain(secret);
      const enc = (await storedTraceSecret())!;
      expect(enc).toMatch(/^v1\./);
      expect(enc).not.toContain("tr4ce");
      expect(enc).not.toBe(await storedSecret());
      const cfg = await getDatasourceWithSecret(ds.id);
      expect(cfg.auth).toEqual({ kind: "bearer", token: "prom-token" });
      expect(cfg.traceAuth).toEqual({ kind: "basic", username: "tempo", password: "tr4ce-pw" });
      expect(JSON.stringify(cfg)).not.toContain("traceAuthSecretEnc");
    });

    it("keeps, replaces and clears like the Prometheus secret, each on its own", async () => {
      const ds = await withBoth();
      expect((await patch(ds.id, { traceAuthSecret: "tempo:new" })).body).toMatchObject({ hasTraceAuthSecret: true, hasAuthSecret: true });
      expect((await getDatasourceWithSecret(ds.id)).traceAuth).toEqual({ kind: "basic", username: "tempo", password: "new" });
      const refused = await patch(ds.id, { traceAuthSecret: "" });
      expect(refused.status).toBe(422);
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(["traceAuthSecret"]);
      expect((await patch(ds.id, { traceAuthKind: "basic", traceAuthSecret: "no-colon" })).body.errors[0].path).toBe("traceAuthSecret");
      const none = await patch(ds.id, { traceAuthKind: "none" });
      expect(none.body).toMatchObject({ traceAuthKind: "none", hasTraceAuthSecret: false, hasAuthSecret: true });
      expect(await storedTraceSecret()).toBeNull();
      expect((await getDatasourceWithSecret(ds.id)).auth).toEqual({ kind: "bearer", token: "prom-token" });
    });

    it("needs a secret for bearer or basic on create, with the field named", async () => {
      const res = await call(collection.POST, { json: datasourceInput({ ...tempo, traceAuthKind: "bearer" }) });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["traceAuthSecret"]);
      // No auth means no secret: a leftover one is not stored.
      const none = await call(collection.POST, { json: datasourceInput({ ...tempo, traceAuthSecret: "leftover" }) });
      expect(none.body.hasTraceAuthSecret).toBe(false);
      expect(await storedTraceSecret()).toBeNull();
      // A kept bearer token is no "user:password": switching to basic needs the secret again.
      const bearer = await patch(none.body.id, { traceAuthKind: "bearer", traceAuthSecret: "tok" });
      expect(bearer.body.hasTraceAuthSecret).toBe(true);
      const toBasic = await patch(none.body.id, { traceAuthKind: "basic" });
      expect(toBasic.status).toBe(422);
      expect(toBasic.body.errors.map((e: { path: string }) => e.path)).toEqual(["traceAuthSecret"]);
    });

    it.each([
      ["another host", "http://attacker.example:3200"],
      ["another port", "http://tempo.internal:16686"],
      ["another scheme", "https://tempo.internal:3200"],
    ])("traceUrl moving to %s drops it (and only it), keeps the kind and says so", async (_, url) => {
      const ds = await withBoth();
      const res = await patch(ds.id, { traceUrl: url });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ traceUrl: url, traceAuthKind: "basic", hasTraceAuthSecret: false, traceCredentialsDropped: true });
      expect(res.body).toMatchObject({ hasAuthSecret: true, credentialsDropped: false });
      expect(await storedTraceSecret()).toBeNull();
      expect((await getDatasourceWithSecret(ds.id)).traceAuth).toEqual({ kind: "none" });
      expect((await patch(ds.id, { name: "Moved" })).body).toMatchObject({ traceCredentialsDropped: false, hasTraceAuthSecret: false });
      expect((await patch(ds.id, { traceAuthSecret: "tempo:again" })).body.hasTraceAuthSecret).toBe(true);
    });

    it("a moved Prometheus URL drops only Prometheus's secret; a trace path change keeps the trace secret", async () => {
      const ds = await withBoth();
      const res = await patch(ds.id, { prometheusUrl: "http://other.internal:9090", traceUrl: "http://tempo.internal:3200/tempo" });
      expect(res.body).toMatchObject({ credentialsDropped: true, hasAuthSecret: false, traceCredentialsDropped: false, hasTraceAuthSecret: true });
      expect((await getDatasourceWithSecret(ds.id)).traceAuth).toEqual({ kind: "basic", username: "tempo", password: "tr4ce-pw" });
    });

    it("a secret sent with the new trace URL is stored for it", async () => {
      const ds = await withBoth();
      const res = await patch(ds.id, { traceUrl: "http://jaeger.internal:16686", traceBackend: "jaeger", traceAuthSecret: "j:pw" });
      expect(res.body).toMatchObject({ traceBackend: "jaeger", hasTraceAuthSecret: true, traceCredentialsDropped: false });
    });

    it("stores the Grafana Tempo UID and refuses one that is no UID", async () => {
      const res = await call(collection.POST, { json: datasourceInput({ ...tempo, grafanaUrl: "https://grafana.example", grafanaTempoUid: "P214B5B846CF3925F" }) });
      expect(res.body).toMatchObject({ grafanaTempoUid: "P214B5B846CF3925F" });
      const bad = await patch(res.body.id, { grafanaTempoUid: "a/../b" });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(["grafanaTempoUid"]);
      expect((await patch(res.body.id, { grafanaTempoUid: "" })).body.grafanaTempoUid).toBe("");
    });
  });
});
