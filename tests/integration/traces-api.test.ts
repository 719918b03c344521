// GET /api/traces/:traceId against a real PostgreSQL (the datasource and its encrypted trace
// credential) and small local HTTP servers speaking Tempo's and Jaeger's trace APIs with the
// fixtures of tests/fixtures/traces: v2 → v1 fallback, tenant and auth headers, not found, a
// refused request, timeout, redirect, an answer over the size cap, and the demo world server's
// Tempo API read through the adapter.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/datasources/route";
import * as traces from "@/app/api/traces/[traceId]/route";
import { createAggregator } from "@/lib/demo/aggregate";
import { boundsInMs, newSeriesBank } from "@/lib/demo/history";
import { LiveWorld } from "@/lib/demo/live";
import { buildModels } from "@/lib/demo/model";
import { HANDY_SITE_CORP } from "@/lib/demo/world";
import { TEMPO } from "@/lib/promql/profiles";
import { clearTraceExistsCache, traceExists, traceSourceFor } from "@/lib/server/traces";
import { resetTempoApiMemo } from "@/lib/server/traces/tempo";
import { startWorldServer, type WorldServer } from "@/scripts/demo/world-server";
import { call, datasourceInput, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { closeStubs, sendJson, serveStub, type Seen } from "@/tests/helpers/stub-backend";
import { generateTrace, tempoV2Body } from "../fixtures/traces/generate";

setupCatalogueDatabase();

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/traces", name), "utf8");
const V2_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const V1_ID = "0af7651916cd43dd8448eb211c80319c";

async function datasource(over: Record<string, unknown>): Promise<string> {
  const res = await call(collection.POST, { json: datasourceInput(over) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.slug as string;
}
const getTrace = (traceId: string, ds: string) => call(traces.GET, { params: { traceId }, query: { datasource: ds } });

beforeEach(() => resetTempoApiMemo());
afterEach(async () => {
  await closeStubs();
  for (const k of ["SIGHTLINE_QUERY_TIMEOUT_MS", "SIGHTLINE_MAX_ANSWER_BYTES"]) delete process.env[k];
});

/** A Tempo that predates /api/v2 (gorilla/mux's 404 for unknown routes). */
const oldTempo = (req: Seen, res: import("node:http").ServerResponse) => {
  if (req.url.startsWith("/api/v2/")) return res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("404 page not found\n");
  if (req.url === `/api/traces/${V1_ID}`) return res.writeHead(200, { "content-type": "application/json" }).end(fixture("tempo-v1-batches.json"));
  res.writeHead(404).end();
};

describe("GET /api/traces/:traceId on Tempo", () => {
  it("reads v2 and sends the tenant and the trace credential", async () => {
    const { url, seen } = await serveStub((req, _n, res) => {
      if (req.headers["x-scope-orgid"] !== "acme") return res.writeHead(401).end("no org id");
      res.writeHead(200, { "content-type": "application/json" }).end(fixture("tempo-v2.json"));
    });
    const ds = await datasource({ traceBackend: "tempo", traceUrl: url, tenant: "acme", traceAuthKind: "bearer", traceAuthSecret: "trace-token-1" });
    const res = await getTrace(V2_ID.toUpperCase(), ds);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.source).toEqual({ api: "tempo-v2", endpoint: url });
    expect(res.body.summary).toMatchObject({ spanCount: 6, depth: 5, durationNs: 120_000_000, errorSpanIds: ["5555555555555555"] });
    expect(seen.map((s) => s.url)).toEqual([`/api/v2/traces/${V2_ID}`]);
    expect(seen[0].headers).toMatchObject({ "x-scope-orgid": "acme", authorization: "Bearer trace-token-1", accept: "application/json" });
  });

  it("falls back to v1 on a Tempo without v2, and then asks v1 directly", async () => {
    const { url, seen } = await serveStub((req, _n, res) => oldTempo(req, res));
    const ds = await datasource({ traceBackend: "tempo", traceUrl: url });
    const first = await getTrace(V1_ID, ds);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.source.api).toBe("tempo-v1");
    expect(first.body.summary).toMatchObject({ spanCount: 5, depth: 2, durationNs: 60_000_000 });
    expect(first.body.rootSpanIds).toEqual(["b7ad6b7169203331", "0123456789abcdef"]);
    expect(first.body.orphanSpanIds).toEqual(["c0ffee0000000001"]);
    expect((await getTrace(V1_ID, ds)).status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual([`/api/v2/traces/${V1_ID}`, `/api/traces/${V1_ID}`, `/api/traces/${V1_ID}`]);
  });

  it("accepts Tempo's base64 and a zero-stripped exemplar ID", async () => {
    const { url, seen } = await serveStub((_req, _n, res) => res.writeHead(200, { "content-type": "application/json" }).end(fixture("tempo-v2.json")));
    const ds = await datasource({ traceBackend: "tempo", traceUrl: url });
    expect((await getTrace("S_kvNXezTaajzpKdDg5HNg", ds)).status).toBe(200);
    const partial = await serveStub((_req, _n, res) => res.writeHead(200, { "content-type": "application/json" }).end(fixture("tempo-partial.json")));
    const ds2 = await datasource({ slug: "partial", traceBackend: "tempo", traceUrl: partial.url });
    const p = await getTrace("5b8aa5a2d2c872e8321cf37308d69df2", ds2);
    expect(p.body.warnings[0]).toMatchObject({ code: "partial" });
    expect(seen[0].url).toBe(`/api/v2/traces/${V2_ID}`);
  });

  it("a missing trace is a 404 that says why traces go missing", async () => {
    const { url } = await serveStub((_req, _n, res) => res.writeHead(404).end());
    const ds = await datasource({ traceBackend: "tempo", traceUrl: url });
    const res = await getTrace("abc123", ds);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({ type: "urn:sightline:problem:not-found", traceId: "00000000000000000000000000abc123", backend: "tempo" });
    expect(res.body.detail).toBe(`trace 00000000000000000000000000abc123 is not in Tempo at ${url}: it was probably sampled out, or it is older than the backend's retention`);
  });

  it("Tempo's 422 (trace too large) is a 422 with its words", async () => {
    const { url } = await serveStub((_req, _n, res) => res.writeHead(422, { "content-type": "text/plain; charset=utf-8" }).end("trace exceeds max size (max bytes: 5000000)\n"));
    const ds = await datasource({ traceBackend: "tempo", traceUrl: url });
    const res = await getTrace(V2_ID, ds);
    expect(res.status).toBe(422);
    expect(res.body.title).toBe("Tempo cannot return this trace");
    expect(res.body.detail).toBe(`Tempo at ${url} cannot return the trace (HTTP 422): trace exceeds max size (max bytes: 5000000)`);
  });

  it("a Tempo that does not answer in time is a 504", async () => {
    process.env.SIGHTLINE_QUERY_TIMEOUT_MS = "300";
    const { url } = await serveStub(() => {});
    const ds = await datasource({ traceBackend: "tempo", traceUrl: url });
    const started = Date.now();
    const res = await getTrace(V2_ID, ds);
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ type: "urn:sightline:problem:backend-timeout", backend: "tempo", detail: `no data from Tempo: Tempo at ${url} did not answer within 0.3 s` });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a redirect is not followed: 502 naming where it pointed", async () => {
    const { url, seen } = await serveStub((_req, _n, res) => res.writeHead(302, { location: "http://login.example/sso?next=x" }).end());
    const ds = await datasource({ traceBackend: "tempo", traceUrl: url, traceAuthKind: "bearer", traceAuthSecret: "do-not-forward" });
    const res = await getTrace(V2_ID, ds);
    expect(res.status).toBe(502);
    expect(res.body.type).toBe("urn:sightline:problem:backend-bad-response");
    expect(res.body.detail).toMatch(/answered with a redirect \(HTTP 302\) to http:\/\/login\.example\/sso; Sightline does not follow redirects/);
    expect(seen).toHaveLength(1);
  });

  it("an answer over the size cap is a 502, read no further", async () => {
    process.env.SIGHTLINE_MAX_ANSWER_BYTES = String(64 * 1024);
    const big = JSON.stringify(tempoV2Body(generateTrace(400)));
    expect(big.length).toBeGreaterThan(64 * 1024);
    const { url } = await serveStub((_req, _n, res) => res.writeHead(200, { "content-type": "application/json" }).end(big));
    const ds = await datasource({ traceBackend: "tempo", traceUrl: url });
    const res = await getTrace(V2_ID, ds);
    expect(res.status).toBe(502);
    expect(res.body.detail).toMatch(/sent an answer larger than 64 KiB/);
  });

  it("a Tempo answering 503 is a 502 in words; an unknown body is not quoted", async () => {
    const { url } = await serveStub((_req, _n, res) => res.writeHead(503, { "content-type": "text/html" }).end("<html>internal admin at 10.0.0.5</html>"));
    const ds = await datasource({ traceBackend: "tempo", traceUrl: url });
    const res = await getTrace(V2_ID, ds);
    expect(res.status).toBe(502);
    expect(res.body.detail).toBe(`no data from Tempo: Tempo at ${url} is unavailable (HTTP 503)`);
  });

  it("reads a 5,000-span trace", async () => {
    const g = generateTrace(5000);
    const body = JSON.stringify(tempoV2Body(g));
    const { url } = await serveStub((_req, _n, res) => res.writeHead(200, { "content-type": "application/json" }).end(body));
    const ds = await datasource({ traceBackend: "tempo", traceUrl: url });
    const res = await getTrace(g.traceId, ds);
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({ spanCount: 5000, depth: g.truth.depth, durationNs: g.truth.durationNs });
    expect(res.body.rootSpanIds).toEqual([g.truth.rootSpanId]);
  });
});

describe("GET /api/traces/:traceId on Jaeger", () => {
  it("reads the envelope with basic auth and no tenant header; 404 envelope is not found", async () => {
    const { url, seen } = await serveStub((req, _n, res) => {
      if (req.url === "/api/traces/00000000000000002be38093ead7a083") return res.writeHead(200, { "content-type": "application/json" }).end(fixture("jaeger.json"));
      res.writeHead(404, { "content-type": "application/json" }).end(fixture("jaeger-404.json"));
    });
    const ds = await datasource({ traceBackend: "jaeger", traceUrl: url, tenant: "acme", traceAuthKind: "basic", traceAuthSecret: "jo:pw" });
    const res = await getTrace("2be38093ead7a083", ds);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.source.api).toBe("jaeger");
    expect(res.body.summary).toMatchObject({ spanCount: 5, depth: 3, durationNs: 290_000_000, errorSpanIds: ["492770a15935810f", "7bd66f09ba90ea3d", "6b6b6b6b6b6b6b6b"] });
    expect(seen[0].headers.authorization).toBe(`Basic ${Buffer.from("jo:pw").toString("base64")}`);
    expect(seen[0].headers["x-scope-orgid"]).toBeUndefined();
    const missing = await getTrace(V2_ID, ds);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/is not in Jaeger at .*: it was probably sampled out, or it is older than the backend's retention$/);
  });
});

describe("GET /api/traces/:traceId input", () => {
  it("refuses a malformed trace ID with the field named", async () => {
    const ds = await datasource({ traceBackend: "tempo", traceUrl: "http://127.0.0.1:9" });
    for (const bad of ["not-a-trace", "00000000000000000000000000000000", "4bf92f3577b34da6a3ce929d0e0e47360"]) {
      const res = await getTrace(bad, ds);
      expect(res.status, bad).toBe(400);
      expect(res.body.type).toBe("urn:sightline:problem:validation");
      expect(res.body.errors[0].path).toBe("traceId");
    }
  });

  it("needs a datasource, one that exists, with a trace backend", async () => {
    const noQuery = await call(traces.GET, { params: { traceId: V2_ID } });
    expect(noQuery.status).toBe(400);
    expect(noQuery.body.errors[0].path).toBe("datasource");
    expect((await getTrace(V2_ID, "nope")).status).toBe(404);
    const ds = await datasource({});
    const res = await getTrace(V2_ID, ds);
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe('datasource "prod-prom" has no trace backend; configure Tempo or Jaeger (its URL) for it in Settings → Datasources');
  });

  it("answers other methods with 405", async () => {
    const res = await call(traces.POST, { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});

describe("traceExists", () => {
  it("remembers found and missing traces for a minute, not failures", async () => {
    clearTraceExistsCache();
    let down = false;
    const { url, seen } = await serveStub((req, _n, res) => {
      if (down) return res.writeHead(503).end();
      if (req.url === `/api/v2/traces/${V2_ID}`) return res.writeHead(200, { "content-type": "application/json" }).end(fixture("tempo-v2.json"));
      sendJson(res, 200, { trace: {} });
    });
    const source = traceSourceFor({ traceBackend: "tempo", traceUrl: url, tenant: "", traceAuth: { kind: "none" } })!;
    let now = 1_000_000;
    const at = { nowMs: () => now };
    const found = await traceExists(source, V2_ID, at);
    expect(found).toMatchObject({ ok: true, value: { exists: true, summary: { spanCount: 6 } } });
    const missing = await traceExists(source, "abc", at);
    expect(missing).toMatchObject({ ok: true, value: { exists: false, traceId: "00000000000000000000000000000abc" } });
    expect(!missing.ok || (!missing.value.exists && missing.value.message)).toMatch(/probably sampled out/);
    down = true;
    await traceExists(source, V2_ID, at);
    await traceExists(source, "abc", at);
    expect(seen).toHaveLength(2);
    now += 61_000;
    const failed = await traceExists(source, V2_ID, at);
    expect(failed).toMatchObject({ ok: false, error: { kind: "unavailable" } });
    down = false;
    expect(await traceExists(source, V2_ID, at)).toMatchObject({ ok: true, value: { exists: true } });
    expect(seen).toHaveLength(4);
  });
});

describe("the demo world server through the Tempo adapter", () => {
  let server: WorldServer;
  beforeAll(async () => {
    const world = HANDY_SITE_CORP;
    const now = Date.now();
    const start = Math.floor(now / 60_000) * 60_000 - 5 * 60_000;
    const models = buildModels(world, { seed: "traces-api", samplesPerEntry: 200 });
    const agg = createAggregator(world, { seed: "traces-api", anchorMs: now, boundsMs: boundsInMs(TEMPO), models });
    const live = new LiveWorld(newSeriesBank(TEMPO, agg.keys, start), { world, seed: "traces-api", anchorMs: now });
    server = await startWorldServer({ live, resource: { serviceVersions: world.serviceVersions, scope: { name: "demo", version: "1" } } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("follows an exemplar's zero-stripped trace ID to its trace", async () => {
    let ids: string[] = [];
    for (let i = 0; i < 40 && ids.length === 0; i++) {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      ids = [...text.matchAll(/# \{traceID="([0-9a-f]+)"\}/g)].map((m) => m[1]);
      if (ids.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ids.length).toBeGreaterThan(0);
    const ds = await datasource({ traceBackend: "tempo", traceUrl: server.url });
    const res = await getTrace(ids[0], ds);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.traceId).toBe(ids[0].padStart(32, "0"));
    expect(res.body.source.api).toBe("tempo-v2");
    expect(res.body.rootSpanIds).toHaveLength(1);
    expect(res.body.orphanSpanIds).toEqual([]);
    expect(res.body.summary.spanCount).toBe(res.body.spans.length);
    expect(res.body.summary.services.length).toBeGreaterThan(0);
    const missing = await getTrace("0123456789abcdef0123456789abcdef", ds);
    expect(missing.status).toBe(404);
  });
});
