// The status and timeseries routes when the backend is slow, huge or redirects (issue 15, findings
// 5, 6 and 11): one deadline per API request answered 504 in words, answers over the byte cap a
// 502, short details, few warnings, and redirects refused. A real Prometheus behind a slow proxy,
// small local stubs for the rest.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { call, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";
import { closeStubs, sendJson, serveStub, slowProxy, type StubHandler } from "@/tests/helpers/stub-backend";
import { cartSelection } from "@/tests/fixtures/slo-selection";
import { openMetrics, T_END } from "./metrics-history";
import { GET as getStatus } from "@/app/api/slos/[id]/status/route";
import { GET as getTimeseries } from "@/app/api/slos/[id]/timeseries/route";
import { POST as postSlo } from "@/app/api/slos/route";
import { POST as postDatasource } from "@/app/api/datasources/route";

let prom: TestPrometheus;
setupCatalogueDatabase();
beforeAll(async () => {
  prom = await startPrometheus({ openMetrics: openMetrics() });
}, 300_000);
afterAll(async () => prom?.stop());
afterEach(async () => {
  await closeStubs();
  for (const k of ["SIGHTLINE_QUERY_TIMEOUT_MS", "SIGHTLINE_REQUEST_DEADLINE_MS", "SIGHTLINE_MAX_ANSWER_BYTES"]) delete process.env[k];
});

async function sloOn(prometheusUrl: string): Promise<string> {
  const ds = await call(postDatasource, { json: { slug: `ds-${Math.random().toString(36).slice(2, 8)}`, name: "ds", producerProfile: "tempo", prometheusUrl } });
  expect(ds.status, JSON.stringify(ds.body)).toBe(201);
  const input: CreateSloInput = {
    ...cartSelection(),
    slug: `slo-${Math.random().toString(36).slice(2, 8)}`,
    name: "limits",
    description: "",
    team: "",
    owner: "",
    thresholdSeconds: 1,
    objective: 0.99,
    window: { kind: "rolling", days: 1 },
    minEvents: 0,
    datasourceId: ds.body.id,
    status: "active",
  };
  const res = await call(postSlo, { json: input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const status = (id: string, query: Record<string, string> = {}) => call(getStatus, { params: { id }, query: { at: String(T_END), ...query } });

/** A stand-in that answers the layout (no series) and every query (empty vector), with `extra` in each envelope. */
const emptyBackend = (extra: Record<string, unknown>): StubHandler => (req, _n, res) =>
  sendJson(res, 200, req.url.includes("/series") ? { status: "success", data: [], ...extra } : { status: "success", data: { resultType: "vector", result: [] }, ...extra });

describe("one deadline per API request", () => {
  it("status with burnDownStep: each call fits its timeout, the request does not: 504 at the deadline", async () => {
    const slow = await slowProxy(prom.url, 1000);
    const id = await sloOn(slow.url);
    process.env.SIGHTLINE_QUERY_TIMEOUT_MS = "3000";
    process.env.SIGHTLINE_REQUEST_DEADLINE_MS = "1500";
    const t = Date.now();
    const res = await status(id, { burnDownStep: "3600" });
    const ms = Date.now() - t;
    expect(res.status, JSON.stringify(res.body)).toBe(504);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.type).toBe("urn:sightline:problem:backend-timeout");
    expect(res.body.detail).toBe(`no data from Prometheus: Prometheus at ${slow.url} did not answer before the request's deadline (1.5 s for all its queries)`);
    // Without the deadline: about 2 s and a 200 (two rounds of calls, each inside its 3 s timeout).
    expect(ms).toBeLessThan(2_300);
  });

  it("timeseries: the same deadline covers the layout read and the range query", async () => {
    const slow = await slowProxy(prom.url, 1000);
    const id = await sloOn(slow.url);
    process.env.SIGHTLINE_QUERY_TIMEOUT_MS = "3000";
    process.env.SIGHTLINE_REQUEST_DEADLINE_MS = "1500";
    const res = await call(getTimeseries, { params: { id }, query: { from: String(T_END - 3600), to: String(T_END), step: "600" } });
    expect(res.status, JSON.stringify(res.body)).toBe(504);
    expect(res.body.detail).toContain("before the request's deadline");
  });

  it("with the default deadline the same slow backend is answered in full", async () => {
    const slow = await slowProxy(prom.url, 300);
    const res = await status(await sloOn(slow.url), { burnDownStep: "3600" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status.total).toBeGreaterThan(0);
  });
});

describe("answer size and quotes", () => {
  it("an answer over SIGHTLINE_MAX_ANSWER_BYTES: 502 bad response saying so", async () => {
    const { url } = await serveStub(emptyBackend({ warnings: ["w".repeat(100_000)] }));
    process.env.SIGHTLINE_MAX_ANSWER_BYTES = String(64 * 1024);
    const res = await status(await sloOn(url));
    expect(res.status).toBe(502);
    expect(res.body.type).toBe("urn:sightline:problem:backend-bad-response");
    expect(res.body.detail).toBe(`no data from Prometheus: Prometheus at ${url} sent an answer larger than 64 KiB (the most Sightline reads from one answer)`);
  });

  it("thousands of long warnings: status answers with at most 21, each short", async () => {
    const warnings = Array.from({ length: 5_000 }, (_, i) => `warning ${i}: ${"z".repeat(500)}`);
    const { url } = await serveStub(emptyBackend({ warnings }));
    const res = await status(await sloOn(url));
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.warnings.length).toBeLessThanOrEqual(21);
    for (const w of res.body.warnings) expect(w.length).toBeLessThanOrEqual(201);
    expect(JSON.stringify(res.body).length).toBeLessThan(20_000);
  });

  it("a 2 MB backend error is not copied into the problem detail", async () => {
    const { url } = await serveStub((_req, _n, res) => sendJson(res, 422, { status: "error", errorType: "execution", error: `boom ${"e".repeat(2 * 1024 * 1024)}` }));
    const res = await status(await sloOn(url));
    expect(res.status).toBe(502);
    expect(res.body.detail.length).toBeLessThan(400);
    expect(res.body.detail).toMatch(/rejected the request \(execution\): boom e+… \(2\.0 MiB in all\)$/);
  });
});

describe("redirects", () => {
  it("a datasource URL that redirects: 502 in words, the target never asked, no credentials quoted", async () => {
    const target = await serveStub(emptyBackend({}));
    const { url } = await serveStub((_req, _n, res) => res.writeHead(302, { Location: `http://ann:s3cret@127.0.0.1:${new URL(target.url).port}/graph?x=1` }).end());
    const res = await status(await sloOn(url));
    expect(res.status).toBe(502);
    expect(res.body.type).toBe("urn:sightline:problem:backend-bad-response");
    expect(res.body.detail).toBe(
      `no data from Prometheus: Prometheus at ${url} answered with a redirect (HTTP 302) to ${target.url}/graph; Sightline does not follow redirects: put the final URL in the datasource`,
    );
    expect(target.seen).toHaveLength(0);
    expect(JSON.stringify(res.body)).not.toMatch(/s3cret|ann:/);
  });
});
