// Failure modes of the MetricsSource client against small local HTTP servers that misbehave on
// purpose: refused connections, silence, HTML, malformed JSON, 503/429 then success, 401, 4xx.
import http from "node:http";
import type net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { num, render } from "@/lib/promql/ast";
import { createMetricsSource, configFromDatasource } from "@/lib/server/metrics/client";
import { parseRetryAfter } from "@/lib/server/metrics/http";
import { freePort } from "@/tests/helpers/prometheus";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Handler = (req: Seen, n: number, res: http.ServerResponse) => void;

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))));
});

async function serve(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer(async (req, res) => {
    let body = "";
    for await (const c of req) body += c;
    const s = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
    seen.push(s);
    handler(s, seen.length, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, seen };
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
const success = (res: http.ServerResponse) =>
  json(res, 200, { status: "success", data: { resultType: "vector", result: [{ metric: { a: "b" }, value: [100, "+Inf"] }] } });
const Q = render(num(1));
const fast = { backoffBaseMs: 5 };

describe("MetricsSource failure modes", () => {
  it("connection refused → unavailable, after retrying", async () => {
    const port = await freePort();
    const r = await createMetricsSource({ baseUrl: `http://127.0.0.1:${port}`, ...fast }).query(Q, 100);
    expect(r).toMatchObject({ ok: false, error: { kind: "unavailable" } });
    if (!r.ok) expect(r.error.message).toBe(`Prometheus at http://127.0.0.1:${port} could not be reached (ECONNREFUSED)`);
  });

  it("a server that never answers → timeout within the budget, no retry", async () => {
    const { url, seen } = await serve(() => {});
    const t = Date.now();
    const r = await createMetricsSource({ baseUrl: url, timeoutMs: 300, ...fast }).query(Q, 100);
    expect(Date.now() - t).toBeLessThan(1500);
    expect(r).toEqual({ ok: false, error: { kind: "timeout", message: `Prometheus at ${url} did not answer within 0.3 s` } });
    expect(seen).toHaveLength(1);
  });

  it("a server that stalls mid-body → timeout", async () => {
    const { url } = await serve((_s, _n, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"status":"success","data":');
    });
    const r = await createMetricsSource({ baseUrl: url, timeoutMs: 300 }).query(Q, 100);
    expect(r).toMatchObject({ ok: false, error: { kind: "timeout" } });
  });

  it.each([
    // Whatever answered is described, never quoted (issue 20: the error read internal pages back).
    ["HTML", "text/html", "<html><body>Welcome to nginx</body></html>", /^Prometheus at \S+ answered HTTP 200 with text\/html \(42 bytes\), not the Prometheus API$/],
    ["garbage JSON", "application/json", '{"foo": 1}', /answered HTTP 200 with application\/json \(10 bytes\), not the Prometheus API$/],
    ["a bad sample value", "application/json", JSON.stringify({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "abc"] }] } }), /unexpected shape.*not a sample value/],
    ["a wrong result type", "application/json", JSON.stringify({ status: "success", data: { resultType: "vector", result: 5 } }), /unexpected shape/],
  ])("%s → bad_response", async (_name, type, body, message) => {
    const { url } = await serve((_s, _n, res) => res.writeHead(200, { "Content-Type": type }).end(body));
    const r = await createMetricsSource({ baseUrl: url }).query(Q, 100);
    expect(r).toMatchObject({ ok: false, error: { kind: "bad_response" } });
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it("503 then success → retried once, value parsed (+Inf included)", async () => {
    const { url, seen } = await serve((_s, n, res) =>
      n === 1 ? json(res, 503, { status: "error", errorType: "unavailable", error: "too many queries" }) : success(res),
    );
    const r = await createMetricsSource({ baseUrl: url, ...fast }).query(Q, 100);
    expect(r).toEqual({ ok: true, value: { samples: [{ labels: { a: "b" }, value: Infinity, timestamp: 100 }], warnings: [] } });
    expect(seen).toHaveLength(2);
  });

  it("503 every time → unavailable after three attempts, with the backend's reason", async () => {
    const { url, seen } = await serve((_s, _n, res) => json(res, 503, { status: "error", errorType: "unavailable", error: "ingesters down" }));
    const r = await createMetricsSource({ baseUrl: url, ...fast }).query(Q, 100);
    expect(r).toEqual({ ok: false, error: { kind: "unavailable", status: 503, message: `Prometheus at ${url} is unavailable (HTTP 503: ingesters down)` } });
    expect(seen).toHaveLength(3);
  });

  it("503 because the query itself timed out → timeout, never retried", async () => {
    const { url, seen } = await serve((_s, _n, res) => json(res, 503, { status: "error", errorType: "timeout", error: "query timed out in expression evaluation" }));
    const r = await createMetricsSource({ baseUrl: url, ...fast }).query(Q, 100);
    expect(r).toMatchObject({ ok: false, error: { kind: "timeout", status: 503 } });
    expect(seen).toHaveLength(1);
  });

  it("429 honours Retry-After, capped", async () => {
    const { url, seen } = await serve((_s, n, res) => (n === 1 ? json(res, 429, {}, { "Retry-After": "1" }) : success(res)));
    let t = Date.now();
    expect((await createMetricsSource({ baseUrl: url, ...fast }).query(Q, 100)).ok).toBe(true);
    expect(Date.now() - t).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);

    const capped = await serve((_s, n, res) => (n === 1 ? json(res, 429, {}, { "Retry-After": "3600" }) : success(res)));
    t = Date.now();
    expect((await createMetricsSource({ baseUrl: capped.url, retryAfterCapMs: 200, ...fast }).query(Q, 100)).ok).toBe(true);
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it("401 → unauthorized, never retried", async () => {
    const { url, seen } = await serve((_s, _n, res) => res.writeHead(401).end("no"));
    const r = await createMetricsSource({ baseUrl: url, ...fast }).query(Q, 100);
    expect(r).toMatchObject({ ok: false, error: { kind: "unauthorized", status: 401 } });
    expect(seen).toHaveLength(1);
  });

  it.each([
    [400, "bad_data", "parse error at char 5"],
    [422, "execution", "many-to-many matching not allowed"],
  ])("%d %s → bad_query, never retried", async (status, errorType, error) => {
    const { url, seen } = await serve((_s, _n, res) => json(res, status, { status: "error", errorType, error }));
    const r = await createMetricsSource({ baseUrl: url, ...fast }).query(Q, 100);
    expect(r).toEqual({ ok: false, error: { kind: "bad_query", status, message: `Prometheus at ${url} rejected the request (${errorType}): ${error}` } });
    expect(seen).toHaveLength(1);
  });

  it("sends tenant and auth headers, the query as a form, and never credentials in messages", async () => {
    const { url, seen } = await serve((_s, _n, res) => success(res));
    const bearer = createMetricsSource(configFromDatasource({ prometheusUrl: url, pathPrefix: "/prometheus", tenant: "acme", authKind: "bearer", authSecret: "s3cret" }));
    await bearer.query(render(num(2)), 1234.5);
    expect(seen[0]).toMatchObject({ method: "POST", url: "/prometheus/api/v1/query", body: "query=2&time=1234.5" });
    expect(seen[0].headers).toMatchObject({ "x-scope-orgid": "acme", authorization: "Bearer s3cret" });

    const basic = createMetricsSource(configFromDatasource({ prometheusUrl: url, pathPrefix: "", tenant: "", authKind: "basic", authSecret: "ann:pa:ss" }));
    await basic.labelValues("service", [render(num(1))], 10, 20);
    expect(seen[1].headers.authorization).toBe(`Basic ${Buffer.from("ann:pa:ss").toString("base64")}`);
    expect(seen[1].headers["x-scope-orgid"]).toBeUndefined();
    expect(seen[1]).toMatchObject({ method: "GET", url: "/api/v1/label/service/values?match%5B%5D=1&start=10&end=20" });

    const withUserInfo = createMetricsSource({ baseUrl: url.replace("http://", "http://u:p@") + "/", timeoutMs: 1 });
    expect(withUserInfo.endpoint).toBe(url);
  });

  it("refuses an invalid label name before any request", async () => {
    const { seen, url } = await serve((_s, _n, res) => success(res));
    const r = await createMetricsSource({ baseUrl: url }).labelValues("a/../../admin");
    expect(r).toMatchObject({ ok: false, error: { kind: "bad_query" } });
    expect(seen).toHaveLength(0);
  });

  it.each([
    ["5", 5000],
    ["Wed, 25 Nov 2026 10:00:10 GMT", 10_000],
    ["soon", null],
    [null, null],
  ])("parses Retry-After %j", (v, ms) => expect(parseRetryAfter(v, Date.parse("Wed, 25 Nov 2026 10:00:00 GMT"))).toBe(ms));
});
