// The hardened edge as a client meets it, against `next start` (issue 20 items 5 and 6): security
// headers on every kind of answer (pages, API, errors, 404s, proxy.ts's own refusals, build
// assets), a fresh CSP nonce per page that Next put on its scripts, and cross-site changes refused
// before any route runs while same-origin pages and non-browser clients keep working.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { datasourceInput, rowCounts } from "../helpers/catalogue";

let app: AppServer;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const json = { "content-type": "application/json" };

function expectBaseHeaders(a: Answer, what: string) {
  expect(a.headers["x-content-type-options"], what).toBe("nosniff");
  expect(a.headers["x-frame-options"], what).toBe("DENY");
  expect(a.headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(a.headers["permissions-policy"], what).toMatch(/camera=\(\)/);
}

function expectCsp(a: Answer, what: string): string {
  expectBaseHeaders(a, what);
  const csp = String(a.headers["content-security-policy"] ?? "");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).not.toContain("unsafe-eval");
  return csp;
}

beforeAll(async () => {
  app = await startAppServer();
});
afterAll(async () => {
  await app?.stop();
});

describe("security headers on every answer", () => {
  it("a page: a per-request nonce with strict-dynamic, on every script Next rendered", async () => {
    const one = await send("GET", "/slos");
    const two = await send("GET", "/slos");
    expect(one.status).toBe(200);
    const csp = expectCsp(one, "page");
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    expect(String(two.headers["content-security-policy"])).not.toContain(nonce!);
    const scripts = [...one.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s, s).toContain(`nonce="${nonce}"`);
  });

  it.each([
    ["GET", "/api/slos", 200],
    ["GET", "/api/nope", 404],
    ["GET", "/api/slos/%ff", 400],
    ["PROPFIND", "/api/slos", 501],
    ["PUT", "/api/slos", 405],
  ])("API %s %s (%d): default-src 'none'", async (method, path, status) => {
    const a = await send(method, path);
    expect(a.status).toBe(status);
    expect(expectCsp(a, `${method} ${path}`)).toContain("default-src 'none'");
  });

  it("a page that does not exist (404) and a build asset", async () => {
    const missing = await send("GET", "/no/such/page");
    expect(missing.status).toBe(404);
    expectCsp(missing, "404 page");
    const asset = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec((await send("GET", "/slos")).text)?.[1];
    expect(asset).toBeTruthy();
    const a = await send("GET", asset!);
    expect(a.status).toBe(200);
    expectBaseHeaders(a, asset!);
  });
});

describe("cross-site changes are refused before any route runs", () => {
  const own = () => app.baseUrl;

  it("another site's JSON POST: 403 in words, nothing written", async () => {
    const before = await rowCounts(app.databaseUrl);
    const a = await send("POST", "/api/datasources", JSON.stringify(datasourceInput({ slug: "evil" })), { ...json, origin: "https://evil.example" });
    expect(a.status).toBe(403);
    expect(a.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(a.text)).toMatchObject({
      type: "urn:sightline:problem:cross-site-request",
      title: "Cross-site request refused",
      detail: expect.stringContaining(`a POST from https://evil.example is refused: Sightline's API takes changes only from its own pages (${own()})`),
    });
    expectCsp(a, "403");
    expect(await rowCounts(app.databaseUrl)).toEqual(before);
  });

  it("a cross-site HTML form (text/plain, form-urlencoded) is refused as cross-site, not just as a media type", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const a = await send("POST", "/api/datasources", '{"slug":"evil"}', { "content-type": type, origin: "https://evil.example", "sec-fetch-site": "cross-site" });
      expect(a.status, type).toBe(403);
    }
  });

  it.each(["PATCH", "DELETE", "PUT"])("%s from another site, an opaque origin, or Sec-Fetch-Site cross-site: 403", async (method) => {
    const variants: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { referer: "https://evil.example/x" }];
    for (const headers of variants)
      expect((await send(method, "/api/datasources/any", method === "DELETE" ? undefined : "{}", { ...(method === "DELETE" ? {} : json), ...headers })).status, JSON.stringify(headers)).toBe(403);
  });

  it("same-origin pages and non-browser clients pass", async () => {
    const same = await send("POST", "/api/datasources", JSON.stringify(datasourceInput({ slug: "same-origin" })), { ...json, origin: own() });
    expect(same.status, same.text).toBe(201);
    const fetchMeta = await send("POST", "/api/datasources", JSON.stringify(datasourceInput({ slug: "fetch-meta" })), { ...json, "sec-fetch-site": "same-origin" });
    expect(fetchMeta.status, fetchMeta.text).toBe(201);
    const curl = await send("POST", "/api/datasources", JSON.stringify(datasourceInput({ slug: "curl" })), json);
    expect(curl.status, curl.text).toBe(201);
    const viaProxy = await send("POST", "/api/datasources", JSON.stringify(datasourceInput({ slug: "via-proxy" })), {
      ...json,
      origin: "https://slo.example",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "slo.example",
    });
    expect(viaProxy.status, viaProxy.text).toBe(201);
  });

  it("reads from another site are not changes: GET passes", async () => {
    expect((await send("GET", "/api/datasources", undefined, { origin: "https://evil.example" })).status).toBe(200);
  });
});
