// The MetricsSource client's limits against local servers that misbehave on purpose (issue 15):
// one deadline per API request across calls and retries, a cap on bytes read from an answer, short
// quotes of backend text, bounded warnings, and redirects never followed.
import { afterEach, describe, expect, it } from "vitest";
import { num, render } from "@/lib/promql/ast";
import { createMetricsSource } from "@/lib/server/metrics/client";
import { deadlineIn } from "@/lib/server/metrics/http";
import { closeStubs, sendJson, serveStub } from "@/tests/helpers/stub-backend";

afterEach(closeStubs);

const Q = render(num(1));
const vector = (extra: Record<string, unknown> = {}) => ({ status: "success", data: { resultType: "vector", result: [] }, ...extra });
const MiB = 1024 * 1024;

describe("one deadline per request", () => {
  it("calls share it: the third call of a request gets only what is left, then none is sent", async () => {
    // The first two answers come quickly, the third never: it is cut off by what is left of the
    // request's deadline, not by the (much longer) per-call timeout. Margins are wide so a loaded
    // machine cannot starve the third call of its budget before it is sent.
    const { url, seen } = await serveStub((_s, n, res) => {
      if (n <= 2) setTimeout(() => sendJson(res, 200, vector()), 300);
    });
    const src = createMetricsSource({ baseUrl: url, timeoutMs: 30_000, deadline: deadlineIn(3_000) });
    const t = Date.now();
    expect((await src.query(Q, 1)).ok).toBe(true);
    expect((await src.query(Q, 1)).ok).toBe(true);
    const third = await src.query(Q, 1);
    expect(Date.now() - t).toBeGreaterThanOrEqual(2_900);
    expect(Date.now() - t).toBeLessThan(6_000);
    expect(third).toMatchObject({ ok: false, error: { kind: "timeout" } });
    if (!third.ok) expect(third.error.message).toBe(`Prometheus at ${url} did not answer before the request's deadline (3 s for all its queries)`);
    const fourth = await src.query(Q, 1);
    expect(fourth).toMatchObject({ ok: false, error: { kind: "timeout" } });
    expect(seen).toHaveLength(3);
  });

  it("retries stop when the budget left is too small for another attempt", async () => {
    const { url, seen } = await serveStub((_s, _n, res) => setTimeout(() => sendJson(res, 503, { status: "error", errorType: "unavailable", error: "busy" }), 300));
    const t = Date.now();
    const r = await createMetricsSource({ baseUrl: url, timeoutMs: 5_000, maxRetries: 5, backoffBaseMs: 100, deadline: deadlineIn(900) }).query(Q, 1);
    expect(Date.now() - t).toBeLessThan(1_000);
    // Without a deadline this would be 6 attempts (about 5 s); the 900 ms budget allows two.
    expect(seen.length).toBeLessThanOrEqual(2);
    expect(r).toMatchObject({ ok: false, error: { kind: "unavailable", status: 503 } });
    if (!r.ok) expect(r.error.message).toMatch(/is unavailable \(HTTP 503: busy\); not retried: too little of the request's 0\.9 s deadline left/);
  });

  it("a Retry-After beyond the deadline is not waited for", async () => {
    const { url, seen } = await serveStub((_s, _n, res) => sendJson(res, 429, {}, { "Retry-After": "3" }));
    const t = Date.now();
    const r = await createMetricsSource({ baseUrl: url, deadline: deadlineIn(1_000) }).query(Q, 1);
    expect(Date.now() - t).toBeLessThan(500);
    expect(seen).toHaveLength(1);
    expect(r).toMatchObject({ ok: false, error: { kind: "unavailable", status: 429 } });
  });

  it("the per-call timeout still caps one call inside a long deadline", async () => {
    const { url } = await serveStub(() => {});
    const r = await createMetricsSource({ baseUrl: url, timeoutMs: 300, deadline: deadlineIn(10_000) }).query(Q, 1);
    expect(r).toEqual({ ok: false, error: { kind: "timeout", message: `Prometheus at ${url} did not answer within 0.3 s` } });
  });
});

describe("answer size", () => {
  it("an endless answer is cut at the cap: bad_response in words, quickly", async () => {
    const { url } = await serveStub((_s, _n, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"status":"success","warnings":[');
      const chunk = `"${"w".repeat(64 * 1024)}",`;
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    });
    const t = Date.now();
    const r = await createMetricsSource({ baseUrl: url, maxAnswerBytes: MiB }).query(Q, 1);
    expect(Date.now() - t).toBeLessThan(3_000);
    expect(r).toEqual({ ok: false, error: { kind: "bad_response", status: 200, message: `Prometheus at ${url} sent an answer larger than 1 MiB (the most Sightline reads from one answer)` } });
  });

  it("the default cap is 16 MiB, and a declared Content-Length over it is refused before reading", async () => {
    const { url } = await serveStub((_s, _n, res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(17 * MiB) });
      res.write("{");
    });
    const r = await createMetricsSource({ baseUrl: url, timeoutMs: 2_000 }).query(Q, 1);
    expect(r).toMatchObject({ ok: false, error: { kind: "bad_response", message: expect.stringContaining("larger than 16 MiB") } });
  });

  it("a 2 MB error message is quoted in at most ~200 characters", async () => {
    const huge = `many-to-many matching not allowed ${"x".repeat(2 * MiB)}`;
    const { url } = await serveStub((_s, _n, res) => sendJson(res, 422, { status: "error", errorType: "execution", error: huge }));
    const r = await createMetricsSource({ baseUrl: url }).query(Q, 1);
    expect(r).toMatchObject({ ok: false, error: { kind: "bad_query", status: 422 } });
    if (!r.ok) {
      expect(r.error.message.length).toBeLessThan(320);
      expect(r.error.message).toMatch(/^Prometheus at .* rejected the request \(execution\): many-to-many matching not allowed x+… \(2\.0 MiB in all\)$/);
    }
  });

  it("a non-API body is described by type and size, never quoted", async () => {
    const { url } = await serveStub((_s, _n, res) => res.writeHead(500, { "Content-Type": "text/html" }).end(`<html>\n\n${"oops ".repeat(100_000)}</html>`));
    const r = await createMetricsSource({ baseUrl: url, maxRetries: 0 }).query(Q, 1);
    if (r.ok) throw new Error("expected a failure");
    expect(r.error.message.length).toBeLessThan(320);
    expect(r.error.message).toMatch(/^Prometheus at \S+ answered HTTP 500 with text\/html \(500,015 bytes\), not the Prometheus API$/);
  });

  it("a shape error naming a huge backend-chosen key is quoted short", async () => {
    const metric = { ["k".repeat(100_000)]: 5 };
    const { url } = await serveStub((_s, _n, res) => sendJson(res, 200, { status: "success", data: { resultType: "vector", result: [{ metric, value: [1, "1"] }] } }));
    const r = await createMetricsSource({ baseUrl: url }).query(Q, 1);
    expect(r).toMatchObject({ ok: false, error: { kind: "bad_response", message: expect.stringMatching(/unexpected shape \(result\.0\.metric\.k+… \(97\.7 KiB in all\)\)$/) } });
    if (!r.ok) expect(r.error.message.length).toBeLessThan(320);
  });

  it("warnings passed through are few and short", async () => {
    const warnings = Array.from({ length: 1_000 }, (_, i) => `warning ${i} ${"y".repeat(1_000)}`);
    const { url } = await serveStub((_s, _n, res) => sendJson(res, 200, vector({ warnings, infos: ["an info"] })));
    const r = await createMetricsSource({ baseUrl: url }).query(Q, 1);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.warnings).toHaveLength(11);
    expect(r.value.warnings[0]).toMatch(/^warning 0 y+…$/);
    for (const w of r.value.warnings) expect(w.length).toBeLessThanOrEqual(201);
    expect(r.value.warnings[10]).toBe("… and 991 more warnings from Prometheus");
  });
});

describe("redirects", () => {
  it("a 302 is not followed: bad_response naming where it points, without credentials or query", async () => {
    const target = await serveStub((_s, _n, res) => sendJson(res, 200, vector()));
    const where = target.url.replace("http://", "http://admin:hunter2@") + "/login?token=abc123";
    const { url, seen } = await serveStub((_s, _n, res) => res.writeHead(302, { Location: where }).end());
    const r = await createMetricsSource({ baseUrl: url }).query(Q, 1);
    expect(seen).toHaveLength(1);
    expect(target.seen).toHaveLength(0);
    expect(r).toEqual({
      ok: false,
      error: {
        kind: "bad_response",
        status: 302,
        message: `Prometheus at ${url} answered with a redirect (HTTP 302) to ${target.url}/login; Sightline does not follow redirects: put the final URL in the datasource`,
      },
    });
    expect(JSON.stringify(r)).not.toMatch(/hunter2|admin|abc123/);
  });

  it("a relative Location is resolved against the request; a GET redirect is refused too", async () => {
    const { url, seen } = await serveStub((_s, _n, res) => res.writeHead(301, { Location: "/prometheus/api/v1/label/__name__/values" }).end());
    const r = await createMetricsSource({ baseUrl: url }).labelValues("__name__");
    expect(seen).toHaveLength(1);
    expect(r).toMatchObject({ ok: false, error: { kind: "bad_response", status: 301, message: expect.stringContaining(`redirect (HTTP 301) to ${url}/prometheus/api/v1/label/__name__/values;`) } });
  });
});
