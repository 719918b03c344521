// No secret in any answer or log line (issue 20 item 5), against `next start` with all of its output
// kept. Datasources carry distinctive Prometheus and trace credentials (bearer and basic) and point
// at a stand-in backend that echoes the Authorization header back in every way it can: in a
// Prometheus error, a warning, a 401, a 500 text body, an HTML page, a trace backend's error. Then
// every route that can touch a datasource is driven, and every response body and log line is
// scanned for each secret, its password half, and their base64 forms.
// The server runs in local sign-in mode, driven with a real session cookie; an API token is
// created and used too. The cookie's value may appear only in the sign-in answer (Set-Cookie) and
// the token only in its creation answer; neither anywhere else, nor in a log line.
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";

const PROM_TOKEN = "PROMtok-7Hq2Lw9Zx4";
const PROM_USER = "prom-svc";
const PROM_PASSWORD = "PROMpw-Vb3Nc8Kd1";
const TRACE_TOKEN = "TRACEtok-Jm5Rt0Yp6";
const TRACE_USER = "trace-svc";
const TRACE_PASSWORD = "TRACEpw-Ws2Ge7Fh9";
const b64 = (s: string) => Buffer.from(s).toString("base64");
const NEEDLES = [
  PROM_TOKEN,
  PROM_PASSWORD,
  `${PROM_USER}:${PROM_PASSWORD}`,
  b64(`${PROM_USER}:${PROM_PASSWORD}`),
  b64(PROM_TOKEN),
  TRACE_TOKEN,
  TRACE_PASSWORD,
  `${TRACE_USER}:${TRACE_PASSWORD}`,
  b64(`${TRACE_USER}:${TRACE_PASSWORD}`),
  b64(TRACE_TOKEN),
];

const ADMIN_PASSWORD = "scan-admin-pw-Qz8Lm3Rt";
/** The session cookie (name=value) every request sends, from signing in. */
let cookie = "";
let app: AppServer;
let backend: http.Server;
let backendUrl: string;
let backendCalls = 0;
const answers: { what: string; status: number; text: string }[] = [];

/** Echoes the credential back, chosen by the first path segment (the datasource's path prefix / trace URL). */
function echo(req: http.IncomingMessage, res: http.ServerResponse) {
  backendCalls++;
  const auth = String(req.headers.authorization ?? "none");
  const mode = (req.url ?? "/").split("/")[1];
  const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  switch (mode) {
    case "prom-400":
      return json(400, { status: "error", errorType: "bad_data", error: `bad credentials ${auth} (${Buffer.from(auth.replace(/^Basic /, ""), "base64")})` });
    case "prom-503":
      return json(503, { status: "error", errorType: "unavailable", error: `overloaded for ${auth}` });
    case "prom-warning":
      return json(200, { status: "success", data: { resultType: "vector", result: [] }, warnings: [`served to ${auth}`], infos: [`again ${auth}`] });
    case "any-401":
      return res.writeHead(401, { "content-type": "text/plain", "www-authenticate": `Bearer realm="${auth}"` }).end(`unauthorized: ${auth}`);
    case "text-500":
      return res.writeHead(500, { "content-type": "text/plain" }).end(`crash while handling ${auth}`);
    case "html-200":
      return res.writeHead(200, { "content-type": "text/html" }).end(`<html><body>Hello ${auth}</body></html>`);
    case "json-400":
      return json(400, { error: `trace backend refused ${auth}`, message: auth });
    default:
      return json(404, { error: `no such thing for ${auth}` });
  }
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = { cookie }): Promise<{ status: number; text: string }> {
  const res = await fetch(`${app.baseUrl}${path}`, {
    method,
    // Same-origin Origin, as the app's own pages send: state changes with a cookie need it.
    headers: { origin: app.baseUrl, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  answers.push({ what: `${method} ${path}`, status: res.status, text: text + JSON.stringify([...res.headers]) });
  return { status: res.status, text };
}

const PROM_MODES = ["prom-400", "prom-503", "prom-warning", "any-401", "text-500", "html-200"];
const TRACE_MODES = ["any-401", "text-500", "json-400", "html-200"];
const AUTHS = [
  { authKind: "bearer", authSecret: PROM_TOKEN, traceAuthKind: "bearer", traceAuthSecret: TRACE_TOKEN },
  { authKind: "basic", authSecret: `${PROM_USER}:${PROM_PASSWORD}`, traceAuthKind: "basic", traceAuthSecret: `${TRACE_USER}:${TRACE_PASSWORD}` },
];
const datasources: { id: string; slug: string }[] = [];
const slos: string[] = [];

beforeAll(async () => {
  backend = http.createServer(echo);
  await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
  backendUrl = `http://127.0.0.1:${(backend.address() as net.AddressInfo).port}`;
  app = await startAppServer({ keepAllLogs: true, env: { SIGHTLINE_AUTH: "local", SIGHTLINE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  const signIn = await fetch(`${app.baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { origin: app.baseUrl, "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
  });
  expect(signIn.status, await signIn.clone().text()).toBe(200);
  cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0];
  expect(cookie).toMatch(/^sightline_session=.{20,}/);
  let n = 0;
  for (const auth of AUTHS)
    for (const mode of PROM_MODES) {
      const traceMode = TRACE_MODES[n % TRACE_MODES.length];
      const slug = `ds-${n++}`;
      const backendKind = n % 2 === 0 ? "tempo" : "jaeger";
      const ds = await send("POST", "/api/datasources", {
        slug,
        name: `${mode} ${auth.authKind}`,
        prometheusUrl: backendUrl,
        pathPrefix: `/${mode}`,
        traceBackend: backendKind,
        traceUrl: `${backendUrl}/${traceMode}`,
        ...auth,
      });
      expect(ds.status, ds.text).toBe(201);
      datasources.push({ id: JSON.parse(ds.text).id, slug });
      const slo = await send("POST", "/api/slos", {
        slug: `slo-${slug}`,
        name: `SLO on ${slug}`,
        team: "payments",
        service: "checkout",
        operation: "POST /checkout",
        thresholdSeconds: 0.512,
        objective: 0.995,
        window: { kind: "rolling", days: 28 },
        datasourceId: JSON.parse(ds.text).id,
      });
      expect(slo.status, slo.text).toBe(201);
      slos.push(JSON.parse(slo.text).id);
    }
});

afterAll(async () => {
  await app?.stop();
  await new Promise<void>((r) => (backend ? (backend.closeAllConnections(), backend.close(() => r())) : r()));
});

describe("no secret in any answer or log line", () => {
  it("drives every datasource-touching route, then scans", async () => {
    const now = Math.floor(Date.now() / 1000);
    const range = { startSeconds: now - 6 * 3600, endSeconds: now };
    await send("GET", "/api/datasources");
    for (const ds of datasources) {
      await send("GET", `/api/datasources/${ds.id}`);
      await send("GET", `/api/datasources/${ds.id}/revisions`);
      await send("POST", `/api/datasources/${ds.id}/test`, {});
      await send("GET", `/api/discovery/services?datasource=${ds.id}`);
      await send("GET", `/api/discovery/operations?datasource=${ds.id}&service=checkout`);
      await send("GET", `/api/discovery/series?datasource=${ds.id}&service=checkout&operation=POST%20%2Fcheckout`);
      await send("GET", `/api/traces/4bf92f3577b34da6a3ce929d0e0e4736?datasource=${ds.id}`);
    }
    for (const id of slos) {
      await send("GET", `/api/slos/${id}`);
      await send("GET", `/api/slos/${id}/status`);
      await send("GET", `/api/slos/${id}/timeseries?from=${now - 3600}&to=${now}`);
      await send("GET", `/api/slos/${id}/alerts`);
      await send("GET", `/api/slos/${id}/rules`);
      await send("GET", `/api/slos/${id}/attribution`);
      await send("GET", `/api/slos/${id}/exemplars?from=${now - 3600}&to=${now}`);
      await send("GET", `/api/slos/${id}/latency?from=${now - 3600}&to=${now}`);
      await send("POST", "/api/backtest", { sloId: id, range });
    }
    await send("POST", "/api/suggest", { selection: { datasourceId: datasources[0].id, service: "checkout", operation: "POST /checkout" }, baseline: range });
    await send("GET", "/api/overview");
    await send("GET", `/api/reports?team=payments&month=${new Date().toISOString().slice(0, 7)}`);
    await send("GET", "/api/rules");
    // Unsaved values through the connection test, and an update that re-enters each secret.
    await send("POST", "/api/datasource-tests", { prometheusUrl: backendUrl, pathPrefix: "/prom-400", authKind: "bearer", authSecret: PROM_TOKEN, traceBackend: "tempo", traceUrl: `${backendUrl}/text-500`, traceAuthKind: "bearer", traceAuthSecret: TRACE_TOKEN });
    await send("PATCH", `/api/datasources/${datasources[0].id}`, { authSecret: PROM_TOKEN, traceAuthSecret: TRACE_TOKEN, name: "re-entered" });
    await send("PATCH", `/api/datasources/${datasources[1].id}`, { authKind: "basic", authSecret: "no-colon-here" }); // a 422 about the secret
    // A failed create: the 422 must not quote the secret back either.
    await send("POST", "/api/datasources", { slug: "bad", name: "bad", prometheusUrl: "http://169.254.169.254", authKind: "bearer", authSecret: PROM_TOKEN });

    // An API token: created once (the only answer that may carry it), then used, listed, revoked,
    // mistyped and used after revocation.
    const created = await fetch(`${app.baseUrl}/api/tokens`, {
      method: "POST",
      headers: { origin: app.baseUrl, "content-type": "application/json", cookie },
      body: JSON.stringify({ name: "scan", expiresInDays: 1 }),
    });
    expect(created.status).toBe(201);
    const token = (await created.json()) as { id: string; secret: string };
    const tokenSecret = token.secret.slice(`slt_${token.id}_`.length);
    const bearer = { authorization: `Bearer ${token.secret}` };
    expect((await send("GET", "/api/slos", undefined, bearer)).status).toBe(200);
    await send("GET", "/api/tokens", undefined, bearer);
    await send("GET", "/api/auth/me", undefined, bearer);
    await send("POST", "/api/tokens", { name: "child", scopes: ["slo.read"] }, bearer);
    await send("POST", "/api/tokens", { name: "too much", scopes: ["slo.read", "nope"] }, bearer);
    await send("POST", "/api/datasources", { slug: "tok", name: "tok", prometheusUrl: "http://169.254.169.254" }, bearer);
    await send("GET", `/api/slos/${slos[0]}/status`, undefined, bearer);
    await send("GET", "/api/slos", undefined, { authorization: `Bearer ${token.secret}x` });
    await send("GET", "/api/slos", undefined, { authorization: `Bearer ${token.secret.slice(0, -1)}A` });
    await send("GET", "/api/tokens");
    await send("GET", "/api/auth/me");
    expect((await send("DELETE", `/api/tokens/${token.id}`)).status).toBe(200);
    expect((await send("GET", "/api/slos", undefined, bearer)).status).toBe(401);
    await send("GET", "/settings");
    await send("GET", "/");
    const cookieValue = cookie.slice(cookie.indexOf("=") + 1);
    const sessionNeedles = [token.secret, tokenSecret, b64(token.secret), cookieValue, cookieValue.split(".")[0]];
    expect(tokenSecret.length).toBeGreaterThanOrEqual(43);

    // The backends were really reached (echoing), and the routes really answered.
    expect(backendCalls).toBeGreaterThan(50);
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].some((s) => s >= 500)).toBe(true);
    expect(answers.length).toBeGreaterThan(150);

    const logs = app.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const needle of [...NEEDLES, ...sessionNeedles]) {
      const leaks = answers.filter((a) => a.text.includes(needle)).map((a) => `${a.what} → ${a.status}: ${a.text.slice(0, 300)}`);
      expect(leaks, `"${needle}" in responses`).toEqual([]);
      const lines = logs.split("\n").filter((l) => l.includes(needle));
      expect(lines, `"${needle}" in the app's log`).toEqual([]);
    }
  });
});
