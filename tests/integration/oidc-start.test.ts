// Starting single sign-on through the route handler (issue 20 item 2), in-process, no database:
// a missing or wrong OIDC setting and an unreachable or broken provider each end on /sign-in with
// a signed sentence (never a 500); against the real test provider the redirect carries PKCE S256, state
// and nonce, and the flow cookie is signed, HttpOnly, SameSite=Lax, short-lived and path-scoped.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as start from "@/app/api/auth/oidc/start/route";
import { verifiedMessage } from "@/lib/server/auth/sign-in-message";
import { startOidcProvider, type TestOidcProvider } from "../helpers/oidc-provider";
import { freePort } from "../helpers/ports";

const APP = "http://sightline.test";
const KEYS = ["SIGHTLINE_AUTH", "SIGHTLINE_OIDC_ISSUER", "SIGHTLINE_OIDC_CLIENT_ID", "SIGHTLINE_OIDC_CLIENT_SECRET", "SIGHTLINE_OIDC_SCOPES", "SIGHTLINE_OIDC_ROLE_MAP", "SIGHTLINE_OIDC_DEFAULT_ROLE", "SIGHTLINE_SECRET_KEY", "SIGHTLINE_PUBLIC_URL"];
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
let idp: TestOidcProvider;
let junk: Server;
let junkUrl: string;

function setEnv(env: Record<string, string | undefined>) {
  for (const k of KEYS.filter((k) => k !== "SIGHTLINE_SECRET_KEY")) delete process.env[k];
  for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
}

async function startSignIn(next = "/slos") {
  const res = await start.GET(new Request(`${APP}/api/auth/oidc/start?next=${encodeURIComponent(next)}`, { headers: { host: "sightline.test" } }), { params: Promise.resolve({}) });
  return { status: res.status, location: new URL(res.headers.get("location") ?? `${APP}/none`), cookies: res.headers.getSetCookie() };
}

async function refusal(env: Record<string, string | undefined>): Promise<string> {
  setEnv(env);
  const r = await startSignIn("/reports");
  expect(r.status).toBe(302);
  expect(`${r.location.origin}${r.location.pathname}`).toBe(`${APP}/sign-in`);
  expect(r.location.searchParams.get("next")).toBe("/reports");
  expect(r.cookies).toEqual([]);
  // The sign-in page shows the sentence only with Sightline's signature; a changed one is not shown.
  const error = r.location.searchParams.get("error") ?? "";
  expect(await verifiedMessage(error, r.location.searchParams.get("sig"))).toBe(error);
  expect(await verifiedMessage(`${error} Call +1 555 0100.`, r.location.searchParams.get("sig"))).toBeNull();
  return error;
}

beforeAll(async () => {
  process.env.SIGHTLINE_SECRET_KEY = randomBytes(32).toString("base64");
  idp = await startOidcProvider({ redirectUri: `${APP}/api/auth/oidc/callback` });
  // Answers everything with an HTML page: not a discovery document.
  junk = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<h1>It works</h1>"));
  const port = await freePort();
  await new Promise<void>((r) => junk.listen(port, "127.0.0.1", r));
  junkUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await idp?.stop();
  await new Promise((r) => junk?.close(r));
});

describe("GET /api/auth/oidc/start", () => {
  it("says in words when single sign-on is off or not configured", async () => {
    expect(await refusal({ SIGHTLINE_AUTH: "local" })).toContain('single sign-on is not turned on (SIGHTLINE_AUTH is "local"');
    expect(await refusal({ SIGHTLINE_AUTH: "oidc" })).toContain("SIGHTLINE_AUTH=oidc needs SIGHTLINE_OIDC_ISSUER and SIGHTLINE_OIDC_CLIENT_ID");
    expect(await refusal({ SIGHTLINE_AUTH: "oidc", SIGHTLINE_OIDC_ISSUER: idp.issuer })).toContain("needs SIGHTLINE_OIDC_CLIENT_ID");
    expect(await refusal({ SIGHTLINE_AUTH: "oidc", SIGHTLINE_OIDC_ISSUER: "http://idp.example.com", SIGHTLINE_OIDC_CLIENT_ID: "x" })).toContain("must be https");
    expect(await refusal({ ...idp.appEnv(), SIGHTLINE_OIDC_ROLE_MAP: "eng=owner" })).toContain('"owner" (for group "eng") is not one of viewer, editor, admin');
  });

  it("an unreachable or broken provider: 'sign-in provider unavailable', in words", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const down = await refusal({ ...idp.appEnv(), SIGHTLINE_OIDC_ISSUER: closed });
    expect(down).toContain(`sign-in provider unavailable: ${closed} could not be reached`);
    expect(await refusal({ ...idp.appEnv(), SIGHTLINE_OIDC_ISSUER: junkUrl })).toContain(`sign-in provider unavailable: ${junkUrl}`);
    // The failed issuer leaves no broken cache entry behind: the working provider is discovered right after.
    setEnv(idp.appEnv());
    expect((await startSignIn()).location.origin).toBe(idp.issuer);
  });

  it("redirects to the provider with PKCE S256, state and nonce, in a signed, HttpOnly, Lax, short-lived cookie", async () => {
    setEnv(idp.appEnv());
    const a = await startSignIn("/slos/x?tab=history");
    const b = await startSignIn("https://evil.example/");
    expect(a.status).toBe(302);
    const q = a.location.searchParams;
    expect(`${a.location.origin}${a.location.pathname}`).toBe(`${idp.issuer}/auth`);
    expect(Object.fromEntries(["client_id", "response_type", "code_challenge_method", "redirect_uri", "scope"].map((k) => [k, q.get(k)]))).toEqual({
      client_id: idp.clientId,
      response_type: "code",
      code_challenge_method: "S256",
      redirect_uri: `${APP}/api/auth/oidc/callback`,
      scope: "openid profile email groups",
    });
    for (const k of ["state", "nonce", "code_challenge"]) {
      expect(q.get(k)!.length).toBeGreaterThanOrEqual(43);
      expect(q.get(k)).not.toBe(b.location.searchParams.get(k));
    }
    expect(a.cookies).toHaveLength(1);
    const [pair, ...attrs] = a.cookies[0].split("; ");
    expect(pair).toMatch(/^sightline_oidc_flow=[\w-]+\.[\w-]{43}$/);
    expect(attrs).toEqual(["Path=/api/auth/oidc/callback", "HttpOnly", "SameSite=Lax", "Max-Age=600"]);
    // The verifier never leaves in the URL; the flow remembers the (checked) next.
    const payload = JSON.parse(Buffer.from(pair.split("=")[1].split(".")[0], "base64url").toString());
    expect(payload.next).toBe("/slos/x?tab=history");
    expect(a.location.href).not.toContain(payload.verifier);
    expect(JSON.parse(Buffer.from(b.cookies[0].split(";")[0].split("=")[1].split(".")[0], "base64url").toString()).next).toBe("/slos");
  });
});
