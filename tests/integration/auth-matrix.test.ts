// Who may call what (issue 20, Done-when): every route file under app/api, every exported method,
// called in-process by each kind of caller, on one PostgreSQL for the file (no next start).
//
// The expected outcome comes from two places that must agree:
//   - EXPECTED below, written out by hand: route + method → the permission it needs. A route that
//     forgets or mislabels its `requires:` (or a new route nobody listed) fails the first test.
//   - lib/auth/permissions.ts: whether a caller's role (narrowed by a token's scopes) has it.
// Then: no credentials → 401 problem with WWW-Authenticate; a permission missing → 403 problem
// naming it; allowed → anything but 401/403 (the bodies are empty, so 4xx for bad input is fine,
// but never a 500). Methods a route does not serve answer 405 to everyone, before any sign-in.
import { readdirSync } from "node:fs";
import http from "node:http";
import type net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { effectivePermissions, type Permission, type Role } from "@/lib/auth/permissions";
import { contextFor } from "@/lib/server/auth/context";
import { createToken, revokeToken } from "@/lib/server/auth/tokens";
import { CreateTokenInput } from "@/lib/schemas/tokens";
import * as sloRoute from "@/app/api/slos/[id]/route";
import * as slosRoute from "@/app/api/slos/route";
import { as, useProxyAuth as proxyModeForThisFile } from "../helpers/auth";
import { call, datasourceInput, setupCatalogueDatabase, sloInput, sql, type Handler } from "../helpers/catalogue";

const db = setupCatalogueDatabase();
proxyModeForThisFile();

type Requirement = Permission | "public";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The single written-out truth of what each route needs. */
const EXPECTED: Record<string, Requirement> = {
  "GET /api/auth/me": "public",
  "GET /api/auth/oidc/callback": "public",
  "GET /api/auth/oidc/start": "public",
  "POST /api/auth/sign-in": "public",
  "POST /api/auth/sign-out": "public",
  "POST /api/backtest": "slo.read",
  "POST /api/datasource-tests": "datasource.write",
  "GET /api/datasources": "datasource.read",
  "POST /api/datasources": "datasource.write",
  "GET /api/datasources/[id]": "datasource.read",
  "PATCH /api/datasources/[id]": "datasource.write",
  "DELETE /api/datasources/[id]": "datasource.write",
  "GET /api/datasources/[id]/revisions": "datasource.read",
  "POST /api/datasources/[id]/test": "datasource.write",
  "GET /api/discovery/[dimension]": "slo.read",
  "GET /api/discovery/series": "slo.read",
  "GET /api/openslo": "slo.read",
  "POST /api/openslo/apply": "slo.write",
  "GET /api/overview": "slo.read",
  "GET /api/reports": "slo.read",
  "GET /api/rules": "rules.read",
  "GET /api/rules/sync": "rules.read",
  "POST /api/rules/sync": "rules.write",
  "GET /api/slos": "slo.read",
  "POST /api/slos": "slo.write",
  "GET /api/slos/[id]": "slo.read",
  "PATCH /api/slos/[id]": "slo.write",
  "GET /api/slos/[id]/alerts": "slo.read",
  "POST /api/slos/[id]/archive": "slo.write",
  "GET /api/slos/[id]/attribution": "slo.read",
  "GET /api/slos/[id]/exemplars": "slo.read",
  "GET /api/slos/[id]/exemplars/check": "slo.read",
  "GET /api/slos/[id]/latency": "slo.read",
  "POST /api/slos/[id]/restore": "slo.write",
  "GET /api/slos/[id]/revisions": "slo.read",
  "GET /api/slos/[id]/rules": "rules.read",
  "GET /api/slos/[id]/status": "slo.read",
  "GET /api/slos/[id]/timeseries": "slo.read",
  "POST /api/suggest": "slo.read",
  "GET /api/tokens": "token.own",
  "POST /api/tokens": "token.own",
  "DELETE /api/tokens/[id]": "token.own",
  "GET /api/traces/[traceId]": "slo.read",
  "GET /api/users": "user.manage",
  "POST /api/users": "user.manage",
  "PATCH /api/users/[id]": "user.manage",
};

/** Like call(), but a body that is not JSON (YAML from GET /api/openslo) is kept as text. */
async function send(handler: Handler, opts: Parameters<typeof call>[1] & object) {
  const url = new URL("http://sightline.test/api/x");
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.append(k, v);
  const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
  const headers = { ...(body ? { "content-type": "application/json" } : {}), ...opts.headers };
  const res = await handler(new Request(url, { method: opts.method, headers, body }), { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let parsed: { type?: string; required?: string; detail?: string } | string | undefined = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed as { type?: string; required?: string; detail?: string } | undefined };
}

type RouteMethod = { key: string; route: string; method: string; handler: Handler & { requires?: Requirement } };

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
  );
}

async function discover(): Promise<RouteMethod[]> {
  const root = path.resolve(import.meta.dirname, "../..");
  const out: RouteMethod[] = [];
  for (const file of routeFiles(path.join(root, "app/api")).sort()) {
    const route = "/" + path.relative(root, path.dirname(file)).split(path.sep).join("/").replace(/^app\//, "");
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of [...METHODS, "OPTIONS"])
      if (typeof mod[method] === "function") out.push({ key: `${method} ${route}`, route, method, handler: mod[method] as RouteMethod["handler"] });
  }
  return out;
}

const routes = await discover();
const declared = routes.filter((r) => r.handler.requires !== undefined);

describe("the declared requirements", () => {
  it("equal the written-out table, route by route", () => {
    expect(Object.fromEntries(declared.map((r) => [r.key, r.handler.requires]))).toEqual(EXPECTED);
  });
  it("cover every method of every route file (the rest answer 405 and the catch-all 404)", () => {
    expect(routes.length).toBeGreaterThan(declared.length);
    expect(routes.filter((r) => r.handler.requires === undefined && r.method !== "OPTIONS").map((r) => r.key)).not.toContain("GET /api/slos");
  });
});

interface Fixture {
  sloId: string;
  dsId: string;
  readToken: string;
  revokedToken: string;
  expiredToken: string;
}

// A Prometheus that refuses every query as bad_data: the routes that read metrics answer (a 502)
// at once, where a closed port would cost each of them its connection retries.
let backend: http.Server;
let backendUrl = "";
beforeAll(async () => {
  backend = http.createServer((_req, res) =>
    res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ status: "error", errorType: "bad_data", error: "auth matrix stand-in" })),
  );
  await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
  backendUrl = `http://127.0.0.1:${(backend.address() as net.AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => (backend ? (backend.closeAllConnections(), backend.close(() => r())) : r())));

/** One datasource (on the stand-in), one SLO of team "checkout", and tokens of an admin. */
async function seed(): Promise<Fixture> {
  const admin = as("root", "admin");
  const ds = await call(
    (await import("@/app/api/datasources/route")).POST,
    { headers: admin, json: datasourceInput({ prometheusUrl: backendUrl }) },
  );
  expect(ds.status, JSON.stringify(ds.body)).toBe(201);
  const slo = await call(slosRoute.POST, { headers: admin, json: sloInput(ds.body.id, { team: "checkout" }) });
  expect(slo.status, JSON.stringify(slo.body)).toBe(201);
  const owner = contextFor({ actor: "ci-owner", userId: null, role: "admin", teams: [], via: "proxy" });
  const mk = async (name: string, scopes?: Permission[]) => createToken(CreateTokenInput.parse({ name, scopes }), owner);
  const read = await mk("read-only", ["slo.read"]);
  const revoked = await mk("revoked");
  await revokeToken(revoked.id, owner);
  const expired = await mk("expired");
  await sql(db().url, `UPDATE "ApiToken" SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
  return { sloId: slo.body.id, dsId: ds.body.id, readToken: read.secret, revokedToken: revoked.secret, expiredToken: expired.secret };
}

/** Plausible path parameters and queries; bodies are empty, so writes stop at validation. */
function requestFor(r: RouteMethod, f: Fixture) {
  const now = Math.floor(Date.now() / 1000);
  const params: Record<string, string> = {};
  if (r.route.includes("[id]")) params.id = r.route.startsWith("/api/slos") ? f.sloId : r.route.startsWith("/api/datasources") ? f.dsId : "0123456789abcdef01234567";
  if (r.route.includes("[dimension]")) params.dimension = "services";
  if (r.route.includes("[traceId]")) params.traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
  if (r.route.includes("[[...rest]]")) params.rest = ["no", "such"] as unknown as string;
  const query: Record<string, string> = {};
  if (/timeseries|exemplars|latency/.test(r.route)) Object.assign(query, { from: String(now - 3600), to: String(now) });
  if (r.route.startsWith("/api/discovery") || r.route.startsWith("/api/traces")) query.datasource = f.dsId;
  if (r.route === "/api/reports") Object.assign(query, { team: "checkout", month: new Date().toISOString().slice(0, 7) });
  const json = ["POST", "PUT", "PATCH"].includes(r.method) ? {} : undefined;
  return { method: r.method, params, query, json };
}

type Actor = { name: string; headers: (f: Fixture) => Record<string, string>; roles: Role[] | null; scopes?: Permission[]; bad?: true };
const ACTORS: Actor[] = [
  { name: "anonymous", headers: () => ({}), roles: null },
  { name: "viewer", headers: () => as("vic", "viewer"), roles: ["viewer"] },
  { name: "editor", headers: () => as("eddie", "editor"), roles: ["editor"] },
  { name: "team-limited editor (payments)", headers: () => as("pat", "editor", ["payments"]), roles: ["editor"] },
  { name: "token with only slo.read", headers: (f) => ({ authorization: `Bearer ${f.readToken}` }), roles: ["admin"], scopes: ["slo.read"] },
  { name: "revoked token", headers: (f) => ({ authorization: `Bearer ${f.revokedToken}` }), roles: null, bad: true },
  { name: "expired token", headers: (f) => ({ authorization: `Bearer ${f.expiredToken}` }), roles: null, bad: true },
  // Last: its writes (archive, delete) would change what the others see.
  { name: "admin", headers: () => as("root", "admin"), roles: ["admin"] },
];

describe("each caller on every route and method", () => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await seed();
  });

  it.each(ACTORS.map((a) => [a.name, a] as const))("%s", async (_n, actor) => {
    const failures: string[] = [];
    for (const r of routes) {
      const res = await send(r.handler, { ...requestFor(r, fixture), headers: actor.headers(fixture) });
      const what = `${r.key} as ${actor.name} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
      const req = r.handler.requires;
      if (req === undefined) {
        // 405 for methods a route lacks (OPTIONS 204), 404 under the catch-all: nobody is asked who they are.
        const want = r.route.includes("[[...rest]]") ? 404 : r.method === "OPTIONS" ? 204 : 405;
        if (res.status !== want) failures.push(`${what} (want ${want})`);
        continue;
      }
      if (res.status === 500) failures.push(`${what} (a 500)`);
      if (actor.bad) {
        // A bad token is refused everywhere, public routes included: a script must learn its token is wrong.
        if (res.status !== 401 || res.headers.get("www-authenticate") !== 'Bearer realm="sightline"' || res.body?.type !== "urn:sightline:problem:unauthenticated")
          failures.push(`${what} (want 401 with WWW-Authenticate)`);
        continue;
      }
      if (req === "public") {
        if (res.status === 403) failures.push(`${what} (a public route refused)`);
        continue;
      }
      if (actor.roles === null) {
        if (res.status !== 401 || res.headers.get("www-authenticate") !== 'Bearer realm="sightline"') failures.push(`${what} (want 401 with WWW-Authenticate)`);
        continue;
      }
      const allowed = effectivePermissions(actor.roles, actor.scopes).has(req);
      if (allowed && (res.status === 401 || res.status === 403)) failures.push(`${what} (should be allowed: has ${req})`);
      if (!allowed && (res.status !== 403 || res.body?.required !== req || !String(res.body?.detail).includes(`"${req}"`)))
        failures.push(`${what} (want 403 naming "${req}")`);
    }
    expect(failures).toEqual([]);
  });
});

describe("a team-limited editor", () => {
  it("changes its team's SLO, is refused another team's, and cannot move its SLO to another team", async () => {
    const f = await seed();
    const checkoutEditor = as("cara", "editor", ["checkout"]);
    const paymentsEditor = as("pat", "editor", ["payments"]);
    const patch = (headers: Record<string, string>, json: object) => call(sloRoute.PATCH, { method: "PATCH", params: { id: f.sloId }, headers, json });

    const other = await patch(paymentsEditor, { version: 1, objective: 0.99 });
    expect(other.status).toBe(403);
    expect(other.body.required).toBe("slo.write");
    expect(other.body.detail).toBe('pat may change only the SLOs of team "payments", not of "checkout"');

    const own = await patch(checkoutEditor, { version: 1, objective: 0.99 });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.objective).toBe(0.99);

    const move = await patch(checkoutEditor, { version: own.body.version, team: "payments" });
    expect(move.status).toBe(403);
    expect(move.body.detail).toContain('not of "payments"');
    const [row] = await sql(db().url, `SELECT team FROM "Slo" WHERE id = $1`, [f.sloId]);
    expect(row.team).toBe("checkout");
  });
});
