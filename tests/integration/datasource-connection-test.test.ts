// The connection test (POST /api/datasources/:id/test, POST /api/datasource-tests) against a real
// Prometheus scraping the demo world, the demo's Tempo and Jaeger stand-ins, and small stubs for
// what goes wrong (refused, wrong service, redirect, timeout, credentials). Every answer is checked
// to carry no secret.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TEMPO } from "@/lib/promql/profiles";
import * as collection from "@/app/api/datasources/route";
import * as stored from "@/app/api/datasources/[id]/test/route";
import * as unsaved from "@/app/api/datasource-tests/route";
import { ConnectionTestReport } from "@/lib/schemas/datasource-test";
import type { WorldServer } from "@/scripts/demo/world-server";
import { call, datasourceInput, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { startDemoWorld } from "@/tests/helpers/demo-world";
import { freePort, startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";
import { closeStubs, sendJson, serveStub } from "@/tests/helpers/stub-backend";

setupCatalogueDatabase();
let world: WorldServer & { jaegerUrl: string };
let prom: TestPrometheus;

beforeAll(async () => {
  world = await startDemoWorld(TEMPO);
  prom = await startPrometheus({ scrapeTargets: [new URL(world.url).host] });
  // Span metrics exist once the first scrape landed.
  for (let i = 0; i < 60; i++) {
    const r = (await (await fetch(`${prom.url}/api/v1/label/__name__/values`)).json()) as { data: string[] };
    if (r.data.includes("traces_spanmetrics_latency_count")) break;
    await new Promise((res) => setTimeout(res, 250));
  }
});
afterAll(async () => {
  await prom?.stop();
  await world?.close();
});
afterEach(closeStubs);

const testUnsaved = (json: Record<string, unknown>) => call(unsaved.POST, { json });
const testStored = (id: string, json: Record<string, unknown> = {}) => call(stored.POST, { params: { id }, json });
const byCheck = (body: ConnectionTestReport) => Object.fromEntries(body.checks.map((c) => [c.check, c]));

describe("connection test", () => {
  it("a stored datasource: Prometheus with its version, span metrics by producer, Tempo with its version", async () => {
    const { body: ds } = await call(collection.POST, { json: datasourceInput({ prometheusUrl: prom.url, traceBackend: "tempo", traceUrl: world.url }) });
    const res = await testStored(ds.id);
    expect(res.status).toBe(200);
    const report = ConnectionTestReport.parse(res.body);
    expect(report.ok).toBe(true);
    const c = byCheck(report);
    expect(c.prometheus).toMatchObject({ outcome: "ok", httpStatus: 200, url: `${prom.url}/api/v1/status/buildinfo`, version: expect.stringMatching(/^2\.\d+\.\d+/) });
    expect(c.prometheus.message).toMatch(new RegExp(`^Reached Prometheus 2\\.\\d+\\.\\d+\\S* at ${prom.url} \\(HTTP 200, \\d+ ms\\)\\.$`));
    expect(c["span-metrics"]).toMatchObject({ outcome: "ok", message: "Span metrics found in the last hour: traces_spanmetrics_latency (Tempo's metrics-generator)." });
    expect(c.traces).toMatchObject({ outcome: "ok", httpStatus: 200, version: "sightline-demo", url: `${world.url}/api/echo` });
    expect(c.traces.message).toMatch(new RegExp(`^Reached Tempo sightline-demo at ${world.url} \\(/api/echo answered "echo", HTTP 200, \\d+ ms\\)\\.$`));
    expect(c.traces.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it("unsaved form values reach the Jaeger stand-in; a pinned naming with no data is a warning", async () => {
    const res = await testUnsaved({ prometheusUrl: prom.url, producerProfile: "otel", traceBackend: "jaeger", traceUrl: world.jaegerUrl });
    expect(res.status).toBe(200);
    const c = byCheck(res.body);
    expect(c.traces).toMatchObject({ outcome: "ok", httpStatus: 200, version: null, url: `${world.jaegerUrl}/api/services` });
    expect(c.traces.message).toMatch(/^Reached Jaeger at http:\/\/127\.0\.0\.1:\d+: it knows \d+ services \(HTTP 200, \d+ ms\); Jaeger's query API reports no version\.$/);
    expect(c["span-metrics"]).toMatchObject({ outcome: "warning", message: expect.stringMatching(/but the datasource is set to the OTel naming, which has none/) });
    expect(res.body.ok).toBe(true);
  });

  it("says in words what was not reached and why, each backend on its own", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const res = await testUnsaved({ prometheusUrl: closed, traceBackend: "tempo", traceUrl: world.jaegerUrl });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const c = byCheck(res.body);
    expect(c.prometheus).toMatchObject({ outcome: "failed", httpStatus: null, message: expect.stringMatching(new RegExp(`^Prometheus at ${closed} could not be reached \\(ECONNREFUSED\\)`)) });
    expect(c["span-metrics"]).toMatchObject({ outcome: "skipped", url: null });
    // Tempo pointed at Jaeger: the 404 says where Tempo's API lives.
    expect(c.traces).toMatchObject({ outcome: "failed", httpStatus: 404, message: expect.stringMatching(/answered HTTP 404 with text\/plain \(19 bytes\) \(Tempo's query frontend serves \/api\/echo/) });

    const jaegerAtTempo = byCheck((await testUnsaved({ prometheusUrl: prom.url, traceBackend: "jaeger", traceUrl: prom.url })).body);
    expect(jaegerAtTempo.traces).toMatchObject({ outcome: "failed", httpStatus: 404, message: expect.stringMatching(/Jaeger's query service serves \/api\/services, usually on port 16686/) });
    const none = byCheck((await testUnsaved({ prometheusUrl: prom.url })).body);
    expect(none.traces).toMatchObject({ outcome: "skipped", message: "No trace backend is configured: exemplars will not link to traces." });
  });

  it("never quotes an unrecognised answer, never follows a redirect", async () => {
    const page = await serveStub((req, _n, res) =>
      req.url.startsWith("/api/echo")
        ? res.writeHead(200, { "content-type": "text/html" }).end("<html>internal admin: db password hunter2</html>")
        : res.writeHead(302, { location: "http://login.internal/sso?token=abc" }).end(),
    );
    const res = await testUnsaved({ prometheusUrl: page.url, traceBackend: "tempo", traceUrl: page.url });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("token=abc");
    const c = byCheck(res.body);
    expect(c.traces.message).toMatch(/answered HTTP 200 with text\/html \(\d+ bytes\), not Tempo's "echo": is this Tempo's query frontend\?/);
    expect(c.prometheus.message).toMatch(/redirect \(HTTP 302\) to http:\/\/login\.internal\/sso; Sightline does not follow redirects/);
    expect(page.seen.filter((s) => s.url.includes("sso"))).toHaveLength(0);
  });

  it("gives up after its timeout and says so", async () => {
    const silent = await serveStub(() => {});
    const t0 = Date.now();
    const c = byCheck((await testUnsaved({ prometheusUrl: silent.url, traceBackend: "jaeger", traceUrl: silent.url })).body);
    expect(Date.now() - t0).toBeLessThan(9_000);
    expect(c.prometheus).toMatchObject({ outcome: "failed", message: expect.stringMatching(/did not answer within 5 s/) });
    expect(c.traces).toMatchObject({ outcome: "failed", message: expect.stringMatching(/did not answer within 5 s/) });
  }, 20_000);

  describe("credentials", () => {
    const TOKEN = "tr4ce-s3cret-token";
    const guarded = () =>
      serveStub((req, _n, res) => {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401, { "content-type": "text/plain" }).end(`bad token ${req.headers.authorization ?? ""}`);
        sendJson(res, 200, { data: ["checkout"], total: 1, limit: 0, offset: 0, errors: null });
      });

    it("uses the stored trace secret, says so, and never returns it", async () => {
      const jaeger = await guarded();
      const { body: ds } = await call(collection.POST, {
        json: datasourceInput({ prometheusUrl: prom.url, traceBackend: "jaeger", traceUrl: jaeger.url, traceAuthKind: "bearer", traceAuthSecret: TOKEN }),
      });
      const res = await testStored(ds.id);
      expect(res.body.usedStoredSecrets).toEqual(["traceAuthSecret"]);
      expect(byCheck(res.body).traces).toMatchObject({ outcome: "ok", message: expect.stringMatching(/it knows 1 service \(HTTP 200/) });
      expect(jaeger.seen.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
      // The Prometheus secret is Prometheus's: the trace backend never saw a second credential.
      expect(JSON.stringify(res.body)).not.toContain(TOKEN);

      // A wrong token typed in the form is used instead, and refused in words without an echo.
      const wrong = await testStored(ds.id, { traceAuthSecret: "typo-token" });
      expect(wrong.body.usedStoredSecrets).toEqual([]);
      expect(byCheck(wrong.body).traces).toMatchObject({ outcome: "failed", httpStatus: 401, message: expect.stringMatching(/refused the credentials or tenant \(HTTP 401\)/) });
      expect(JSON.stringify(wrong.body)).not.toContain("typo-token");
    });

    it("does not send a stored secret to another origin: the form must enter it again", async () => {
      const jaeger = await guarded();
      const other = await guarded();
      const { body: ds } = await call(collection.POST, {
        json: datasourceInput({ prometheusUrl: prom.url, traceBackend: "jaeger", traceUrl: jaeger.url, traceAuthKind: "bearer", traceAuthSecret: TOKEN }),
      });
      const moved = await testStored(ds.id, { traceUrl: other.url });
      expect(moved.status).toBe(422);
      expect(moved.body.errors).toEqual([{ path: "traceAuthSecret", message: "required for bearer auth (the stored one is not sent to another host)" }]);
      expect(other.seen).toHaveLength(0);
      // A new path on the same origin keeps it, as saving would.
      expect((await testStored(ds.id, { traceUrl: `${jaeger.url}/jaeger` })).body.usedStoredSecrets).toEqual(["traceAuthSecret"]);
      const sent = await testStored(ds.id, { traceUrl: other.url, traceAuthSecret: TOKEN });
      expect(byCheck(sent.body).traces.outcome).toBe("ok");
    });

    it("validates like a save: a basic secret needs user:password, bad URLs are field errors", async () => {
      const r = await testUnsaved({ prometheusUrl: prom.url, traceBackend: "tempo", traceUrl: world.url, traceAuthKind: "basic", traceAuthSecret: "nocolon" });
      expect(r.status).toBe(422);
      expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(["traceAuthSecret"]);
      const bad = await testUnsaved({ prometheusUrl: "ftp://x", traceUrl: "http://u:p@tempo" });
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["prometheusUrl", "traceUrl"]);
      expect((await testStored("missing")).status).toBe(404);
    });
  });
});
