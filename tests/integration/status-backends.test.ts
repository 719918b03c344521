// GET /api/slos/:id/status on the other backends and when backends misbehave: VictoriaMetrics
// (semantics agree with Prometheus 2.x when window edges sit on samples), Mimir conventions
// (path prefix + required tenant, through a proxy in front of Prometheus), and a Prometheus that
// is down, silent or answering garbage: a clear 502/504 problem, never a crash.
import http from "node:http";
import type net from "node:net";
import path from "node:path";
import { readFile, rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPO } from "@/lib/promql/profiles";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { SloStatusResponse, SloTimeseriesResponse } from "@/lib/schemas/status";
import { call, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { startMimirProxy, type MimirProxy } from "@/tests/helpers/mimir-proxy";
import { freePort, startPrometheus, TMP_ROOT, type TestPrometheus } from "@/tests/helpers/prometheus";
import { startVictoria, type TestVictoria } from "@/tests/helpers/victoria";
import { generateTruthHistory, type TruthSelector } from "@/tests/fixtures/truth-history";
import { DAY, ODD_SPAN_NAME } from "@/tests/fixtures/truth-scenario";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";
import { GET as getStatus } from "@/app/api/slos/[id]/status/route";
import { POST as postSlo } from "@/app/api/slos/route";
import { POST as postDatasource } from "@/app/api/datasources/route";

// 8 days at a 5-minute step: small enough to import into VictoriaMetrics over HTTP in seconds.
const h = generateTruthHistory({ profile: TEMPO, days: 8, fineTailSeconds: 0 });
const END = h.ticks[h.ticks.length - 1];
let prom: TestPrometheus;
let vm: TestVictoria;
let mimir: MimirProxy;
const stubs: http.Server[] = [];
setupCatalogueDatabase();

beforeAll(async () => {
  const om = path.join(TMP_ROOT, `status-backends-${process.pid}.om.txt`);
  const text = path.join(TMP_ROOT, `status-backends-${process.pid}.prom.txt`);
  await Promise.all([writeTruthFile(om, [h], "openmetrics"), writeTruthFile(text, [h], "prometheus")]);
  try {
    [prom, vm] = await Promise.all([startPrometheus({ openMetricsFile: om }), startVictoria()]);
    await vm.importPrometheusText(await readFile(text, "utf8"));
    mimir = await startMimirProxy(prom.url);
  } finally {
    await Promise.all([rm(om, { force: true }), rm(text, { force: true })]);
  }
}, 600_000);

afterAll(async () => {
  await Promise.all([prom?.stop(), vm?.stop(), mimir?.stop(), ...stubs.map((s) => new Promise((r) => s.close(r)))]);
});

async function datasource(fields: Record<string, unknown>): Promise<string> {
  const res = await call(postDatasource, { json: { slug: `ds-${Math.random().toString(36).slice(2, 8)}`, name: "ds", producerProfile: "tempo", ...fields } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function slo(datasourceId: string, sel: TruthSelector & { spanName: string }, thresholdSeconds: number): Promise<string> {
  const input: CreateSloInput = {
    slug: `slo-${Math.random().toString(36).slice(2, 8)}`,
    name: "backend check",
    description: "",
    team: "",
    owner: "",
    service: sel.service,
    operation: sel.spanName,
    operationMatch: "exact",
    spanKind: null,
    extraMatchers: [],
    thresholdSeconds,
    objective: 0.995,
    window: { kind: "rolling", days: 7 },
    countErrorsAsBad: false,
    minEvents: 0,
    datasourceId,
    status: "active",
  };
  const res = await call(postSlo, { json: input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const status = (id: string, at = END) => call(getStatus, { params: { id }, query: { at: String(at) } });

function expectTruth(body: unknown, sel: TruthSelector, le: number) {
  const parsed = SloStatusResponse.parse(body);
  const truth = h.truthCounts({ selector: sel, leSeconds: le, startSeconds: END - 7 * DAY, endSeconds: END });
  expect(truth.total).toBeGreaterThan(0);
  expect({ good: parsed.status.good, total: parsed.status.total }).toEqual(truth);
  expect(parsed.status.sli).toBeCloseTo(truth.good / truth.total, 9);
}

/** A local HTTP server standing in for a misbehaving backend. */
async function stub(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  stubs.push(server);
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

describe("VictoriaMetrics", () => {
  const cases: [string, TruthSelector & { spanName: string }, number][] = [
    ["checkout", { service: "checkout", spanName: "POST /checkout" }, h.boundsSeconds[8]],
    ["odd span name across the reset", { service: "cart", spanName: ODD_SPAN_NAME }, h.boundsSeconds[5]],
  ];
  it.each(cases)("%s: the 7-day SLI equals the truth", async (_n, sel, le) => {
    const res = await status(await slo(await datasource({ prometheusUrl: vm.url }), sel, le));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectTruth(res.body, sel, le);
  });
});

describe("Mimir conventions (path prefix, X-Scope-OrgID)", () => {
  const sel = { service: "checkout", spanName: "POST /checkout" };
  it("with the tenant: the SLI equals the truth and every request carried the tenant", async () => {
    const before = mimir.tenants.length;
    const res = await status(await slo(await datasource({ prometheusUrl: mimir.url, pathPrefix: "/prometheus", tenant: "team-a" }), sel, h.boundsSeconds[8]));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectTruth(res.body, sel, h.boundsSeconds[8]);
    expect(mimir.tenants.length).toBeGreaterThan(before);
    expect(new Set(mimir.tenants.slice(before))).toEqual(new Set(["team-a"]));
  });

  it("without the tenant: 502 problem saying the backend refused", async () => {
    const res = await status(await slo(await datasource({ prometheusUrl: mimir.url, pathPrefix: "/prometheus" }), sel, h.boundsSeconds[8]));
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.type).toBe("urn:sightline:problem:backend-unauthorized");
    expect(res.body.detail).toMatch(/^no data from Prometheus: /);
  });
});

describe("a misbehaving Prometheus", () => {
  const sel = { service: "checkout", spanName: "POST /checkout" };

  it("down (connection refused): 502 unavailable", async () => {
    const port = await freePort();
    const res = await status(await slo(await datasource({ prometheusUrl: `http://127.0.0.1:${port}` }), sel, 0.512));
    expect(res.status).toBe(502);
    expect(res.body.type).toBe("urn:sightline:problem:backend-unavailable");
    expect(res.body.detail).toContain(`127.0.0.1:${port}`);
  });

  it("silent (never answers): 504 timeout within the configured time", async () => {
    const url = await stub(() => {
      /* never answers */
    });
    process.env.SIGHTLINE_QUERY_TIMEOUT_MS = "400";
    try {
      const started = Date.now();
      const res = await status(await slo(await datasource({ prometheusUrl: url }), sel, 0.512));
      expect(res.status).toBe(504);
      expect(res.body.type).toBe("urn:sightline:problem:backend-timeout");
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      delete process.env.SIGHTLINE_QUERY_TIMEOUT_MS;
    }
  });

  it("answering HTML with 200: 502 bad response", async () => {
    const url = await stub((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>"));
    const res = await status(await slo(await datasource({ prometheusUrl: url }), sel, 0.512));
    expect(res.status).toBe(502);
    expect(res.body.type).toBe("urn:sightline:problem:backend-bad-response");
  });

  it("answering JSON of the wrong shape: 502 bad response naming the field", async () => {
    const url = await stub((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: ["x", 5] }] } })),
    );
    const res = await status(await slo(await datasource({ prometheusUrl: url }), sel, 0.512));
    expect(res.status).toBe(502);
    expect(res.body.type).toBe("urn:sightline:problem:backend-bad-response");
  });
});

describe("addressing", () => {
  it("status by slug equals status by id; an unknown SLO is a 404 problem", async () => {
    const sel = { service: "checkout", spanName: "POST /checkout" };
    const id = await slo(await datasource({ prometheusUrl: prom.url }), sel, h.boundsSeconds[8]);
    const byId = await status(id);
    const slug = byId.body.slo.slug;
    const bySlug = await status(slug);
    expect(bySlug.status).toBe(200);
    expect(bySlug.body.slo.id).toBe(id);
    expect(bySlug.body.status).toEqual(byId.body.status);
    const missing = await status("no-such-slo");
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe("urn:sightline:problem:not-found");
  });
});

describe("timeseries and discovery routes", () => {
  const sel = { service: "checkout", spanName: "POST /checkout" };

  it("timeseries: every hourly point equals the truth of its hour, gaps in traffic are null, not 100 %", async () => {
    const { GET: getTimeseries } = await import("@/app/api/slos/[id]/timeseries/route");
    const le = h.boundsSeconds[8];
    const id = await slo(await datasource({ prometheusUrl: prom.url }), sel, le);
    const res = await call(getTimeseries, { params: { id }, query: { from: String(END - DAY), to: String(END), step: "3600" } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = SloTimeseriesResponse.parse(res.body);
    expect(body.stepSeconds).toBe(3600);
    expect(body.exact).toBe(true);
    expect(body.points).toHaveLength(25);
    for (const p of body.points.slice(1)) {
      const truth = h.truthCounts({ selector: sel, leSeconds: le, startSeconds: p.t - 3600, endSeconds: p.t });
      expect({ t: p.t, good: p.good, total: p.total }).toEqual({ t: p.t, ...truth });
      expect(p.sli).toBe(truth.total > 0 ? truth.good / truth.total : null);
      expect(p.requestsPerSecond).toBeCloseTo(truth.total / 3600, 9);
    }
  });

  it("timeseries rejects a reversed range with a field error", async () => {
    const { GET: getTimeseries } = await import("@/app/api/slos/[id]/timeseries/route");
    const id = await slo(await datasource({ prometheusUrl: prom.url }), sel, 0.512);
    const res = await call(getTimeseries, { params: { id }, query: { from: String(END), to: String(END - 10) } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: "to" })]));
  });

  it("discovery lists services, operations (odd names intact) and span kinds with request rates", async () => {
    const { GET: discovery } = await import("@/app/api/discovery/[dimension]/route");
    const ds = await datasource({ prometheusUrl: prom.url });
    const q = { datasource: ds, at: String(END), lookback: "3600" };
    const services = await call(discovery, { params: { dimension: "services" }, query: q });
    expect(services.status, JSON.stringify(services.body)).toBe(200);
    const names = services.body.items.map((i: { value: string }) => i.value);
    expect(new Set(names)).toEqual(new Set(["checkout", "cart", "search", "billing"]));
    const cartRate = services.body.items.find((i: { value: string }) => i.value === "cart").requestsPerSecond;
    const cartHour = h.truthCounts({ selector: { service: "cart" }, leSeconds: Infinity, startSeconds: END - 3600, endSeconds: END }).total;
    expect(cartRate).toBeCloseTo(cartHour / 3600, 6);

    const ops = await call(discovery, { params: { dimension: "operations" }, query: { ...q, service: "cart" } });
    expect(ops.body.items.map((i: { value: string }) => i.value).sort()).toEqual([ODD_SPAN_NAME, "redis GET"].sort());
    const kinds = await call(discovery, { params: { dimension: "span-kinds" }, query: { ...q, service: "cart", operation: ODD_SPAN_NAME } });
    expect(kinds.body.items.map((i: { value: string }) => i.value)).toEqual(["SPAN_KIND_SERVER"]);

    const missing = await call(discovery, { params: { dimension: "operations" }, query: q });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe("service");
  });
});
