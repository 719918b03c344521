// The outbound guard on the real metrics client (lib/server/metrics/http.ts): refused addresses are
// never contacted, the allow-list is read from the environment on each call, and credentials a
// backend echoes back never reach a message. Real sockets on 127.0.0.1.
import { afterEach, describe, expect, it } from "vitest";
import { num, render } from "@/lib/promql/ast";
import { createMetricsSource } from "@/lib/server/metrics/client";
import { closeStubs, sendJson, serveStub } from "@/tests/helpers/stub-backend";

const Q = render(num(1));
const TOKEN = "tok-Ech0ed-9f3b2c1d";

afterEach(async () => {
  delete process.env.SIGHTLINE_DATASOURCE_ALLOW;
  await closeStubs();
});

describe("refused targets are never contacted", () => {
  it.each([
    ["http://2852039166:9090", "169.254.169.254 is a cloud metadata address"],
    ["http://0x7f.0.0.0:9090", "127.0.0.0"], // loopback is allowed by default: this one must connect (and fail)
    ["http://0.0.0.0:9090", "0.0.0.0 is an unspecified address"],
    ["http://[::ffff:169.254.169.254]:9090", "(that is 169.254.169.254) is a cloud metadata address"],
  ])("%s", async (url, words) => {
    const r = await createMetricsSource({ baseUrl: url, maxRetries: 0, timeoutMs: 1_000 }).query(Q, 1);
    if (r.ok) throw new Error("expected a failure");
    if (words === "127.0.0.0") expect(r.error.message).toMatch(/could not be reached/);
    else expect(r.error).toEqual({ kind: "unavailable", message: expect.stringMatching(new RegExp(`was not contacted: .*${words.replace(/[()]/g, "\\$&")}.*Sightline never connects there$`)) });
  });

  it("with SIGHTLINE_DATASOURCE_ALLOW set, a loopback backend off the list is not contacted; on the list it is", async () => {
    const { url, seen } = await serveStub((_s, _n, res) => sendJson(res, 200, { status: "success", data: { resultType: "vector", result: [] } }));
    process.env.SIGHTLINE_DATASOURCE_ALLOW = "10.0.0.0/8, prom.internal";
    const refused = await createMetricsSource({ baseUrl: url }).query(Q, 1);
    expect(refused).toEqual({ ok: false, error: { kind: "unavailable", message: `Prometheus at ${url} was not contacted: 127.0.0.1 is not on the datasource allow-list (SIGHTLINE_DATASOURCE_ALLOW)` } });
    expect(seen).toHaveLength(0);
    process.env.SIGHTLINE_DATASOURCE_ALLOW = "10.0.0.0/8, 127.0.0.1";
    expect(await createMetricsSource({ baseUrl: url }).query(Q, 1)).toMatchObject({ ok: true });
    expect(seen).toHaveLength(1);
  });
});

describe("echoed credentials never reach a message", () => {
  it("a Prometheus-shaped error quoting the Authorization header is redacted", async () => {
    const { url } = await serveStub((s, _n, res) => sendJson(res, 400, { status: "error", errorType: "bad_data", error: `bad token in ${s.headers.authorization}` }));
    const r = await createMetricsSource({ baseUrl: url, auth: { kind: "bearer", token: TOKEN } }).query(Q, 1);
    if (r.ok) throw new Error("expected a failure");
    expect(r.error.message).toContain("bad token in Bearer [redacted]");
    expect(r.error.message).not.toContain(TOKEN);
  });

  it("basic credentials: user:password and its base64 are both cut out", async () => {
    const { url } = await serveStub((s, _n, res) =>
      sendJson(res, 503, { status: "error", errorType: "unavailable", error: `${s.headers.authorization} = ${Buffer.from(String(s.headers.authorization).slice(6), "base64")}` }),
    );
    const r = await createMetricsSource({ baseUrl: url, maxRetries: 0, auth: { kind: "basic", username: "svc", password: "pw-S3cret-basic" } }).query(Q, 1);
    if (r.ok) throw new Error("expected a failure");
    expect(r.error.message).toContain("Basic [redacted] = [redacted]");
    expect(r.error.message).not.toMatch(/pw-S3cret-basic|c3ZjOnB3LVMzY3JldC1iYXNpYw/);
  });

  it("a non-API body echoing the header is described, not quoted", async () => {
    const { url } = await serveStub((s, _n, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<p>you sent ${s.headers.authorization}</p>`));
    const r = await createMetricsSource({ baseUrl: url, auth: { kind: "bearer", token: TOKEN } }).query(Q, 1);
    if (r.ok) throw new Error("expected a failure");
    expect(r.error.message).toBe(`Prometheus at ${url} answered HTTP 200 with text/html (${`<p>you sent Bearer ${TOKEN}</p>`.length} bytes), not the Prometheus API`);
  });
});
