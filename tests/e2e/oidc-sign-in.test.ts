// Single sign-on end to end (issue 20, "Done when"): Sightline in SIGHTLINE_AUTH=oidc against a
// real OpenID Connect provider (tests/helpers/oidc-provider.ts, oidc-provider from npm) on its
// own port. First the protocol by hand (fetch, manual redirects, a cookie jar): who gets which
// role and teams, and what is refused (a tampered state, a swapped nonce, another issuer's
// answer, a cancelled sign-in); then Alice in Chromium: signed out → sign-in → the provider's
// login form → back as an editor → edits an SLO on its form → is refused a datasource change in
// Settings, in words. Last, the role follows the provider's groups at the next sign-in.
// One app server, one provider, one browser. Screenshots land in tests/.tmp/screenshots.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { startOidcProvider, TEST_ACCOUNTS, type TestOidcProvider } from "../helpers/oidc-provider";
import { freePort } from "../helpers/ports";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SHOTS = path.resolve(__dirname, "..", ".tmp", "screenshots");
const CALLBACK = "/api/auth/oidc/callback";

let app: AppServer;
let idp: TestOidcProvider;
let browser: Browser;
let appUrl: string;
let datasourceId: string;

/** A by-hand cookie jar: name → value per origin (paths ignored; the names do not clash). */
class Jar {
  private byOrigin = new Map<string, Map<string, string>>();
  store(url: URL, res: Response) {
    const jar = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    this.byOrigin.set(url.origin, jar);
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
  }
  header(url: URL): string {
    return [...(this.byOrigin.get(url.origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get(url: URL, name: string) {
    return this.byOrigin.get(url.origin)?.get(name);
  }
}

async function get(jar: Jar, url: URL, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) } });
  jar.store(url, res);
  return res;
}

interface Tamper {
  /** Changes the authorization request before it reaches the provider. */
  authorize?: (u: URL) => void;
  /** Changes the provider's answer before it reaches the app's callback. */
  callback?: (u: URL) => void;
  /** Cancels on the login page instead of signing in. */
  cancel?: boolean;
}

/** Signs `user` in through the provider by hand; returns the jar and where the app sent the browser last. */
async function signIn(user: string, tamper: Tamper = {}, next = "/slos"): Promise<{ jar: Jar; location: URL }> {
  const jar = new Jar();
  const start = await get(jar, new URL(`/api/auth/oidc/start?next=${encodeURIComponent(next)}`, appUrl));
  expect(start.status, await start.clone().text()).toBe(302);
  let url = new URL(start.headers.get("location")!);
  expect(url.origin).toBe(idp.issuer);
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  tamper.authorize?.(url);
  for (let hop = 0; hop < 12; hop++) {
    if (url.origin === appUrl && url.pathname === CALLBACK) {
      tamper.callback?.(url);
      const done = await get(jar, url);
      expect(done.status).toBe(302);
      return { jar, location: new URL(done.headers.get("location")!) };
    }
    let res = await get(jar, url);
    if (res.status === 200) {
      const html = await res.text();
      const uid = /\/interaction\/([\w-]+)\/login/.exec(html)?.[1];
      expect(uid, html.slice(0, 300)).toBeTruthy();
      res = tamper.cancel
        ? await get(jar, new URL(`/interaction/${uid}/abort`, idp.issuer))
        : await get(jar, new URL(`/interaction/${uid}/login`, idp.issuer), {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ username: user, password: TEST_ACCOUNTS[user].password }).toString(),
          });
    }
    expect([302, 303], `${url} → ${res.status}`).toContain(res.status);
    url = new URL(res.headers.get("location")!, url);
  }
  throw new Error("too many redirects");
}

function call(jar: Jar, method: string, p: string, body?: unknown) {
  const url = new URL(p, appUrl);
  return fetch(url, {
    method,
    headers: { cookie: jar.header(url), origin: appUrl, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, json: await r.json().catch(() => undefined) }));
}

const signInError = (location: URL) => {
  expect(location.origin + location.pathname).toBe(`${appUrl}/sign-in`);
  return location.searchParams.get("error") ?? "";
};

beforeAll(async () => {
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({ redirectUri: `${appUrl}${CALLBACK}` });
  app = await startAppServer({ port, env: idp.appEnv() });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  await mkdir(SHOTS, { recursive: true });

  // The catalogue is set up by root (group sre → admin), signed in through the same provider.
  const { jar, location } = await signIn("root");
  expect(location.href).toBe(`${appUrl}/slos`);
  const ds = await call(jar, "POST", "/api/datasources", { slug: "prod", name: "Production Prometheus", prometheusUrl: "http://127.0.0.1:1" });
  expect(ds.status, JSON.stringify(ds.json)).toBe(201);
  datasourceId = ds.json.id;
  for (const [slug, name, team] of [["checkout-latency", "Checkout latency", "payments"], ["search-latency", "Search latency", "discovery"]]) {
    const slo = await call(jar, "POST", "/api/slos", { slug, name, team, service: slug.split("-")[0], operation: "GET /", thresholdSeconds: 0.5, objective: 0.99, window: { kind: "rolling", days: 28 }, datasourceId });
    expect(slo.status, JSON.stringify(slo.json)).toBe(201);
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await idp?.stop();
});

describe("OIDC sign-in, by hand", () => {
  it("alice (groups eng, team:payments) gets an editor session limited to payments: may edit its SLO, not discovery's, not a datasource", async () => {
    const { jar, location } = await signIn("alice", {}, "/slos/checkout-latency?tab=history");
    expect(location.href).toBe(`${appUrl}/slos/checkout-latency?tab=history`);
    const session = jar.get(new URL(appUrl), "sightline_session");
    expect(session).toBeTruthy();
    const slo = await call(jar, "GET", "/api/slos/checkout-latency");
    expect(slo.status).toBe(200);
    const patched = await call(jar, "PATCH", "/api/slos/checkout-latency", { version: slo.json.version, objective: 0.995 });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    const revisions = await call(jar, "GET", "/api/slos/checkout-latency/revisions");
    expect(JSON.stringify(revisions.json)).toContain(TEST_ACCOUNTS.alice.name);

    const other = await call(jar, "GET", "/api/slos/search-latency");
    const refusedTeam = await call(jar, "PATCH", "/api/slos/search-latency", { version: other.json.version, objective: 0.995 });
    expect(refusedTeam.status).toBe(403);
    expect(refusedTeam.json.detail).toContain('may change only the SLOs of team "payments"');

    const refusedDs = await call(jar, "PATCH", `/api/datasources/${datasourceId}`, { name: "Mine now" });
    expect(refusedDs.status).toBe(403);
    expect(refusedDs.json.detail).toContain('"datasource.write"');
    expect(refusedDs.json.detail).toContain("editor");
  });

  it("an open redirect in next is not followed", async () => {
    const { location } = await signIn("mia", {}, "//evil.example/x");
    expect(location.href).toBe(`${appUrl}/slos`);
  });

  it("refuses a tampered state, a swapped nonce and another issuer's answer, in words, without a session", async () => {
    const state = await signIn("alice", { callback: (u) => u.searchParams.set("state", `${u.searchParams.get("state")}x`) });
    expect(signInError(state.location)).toContain("state mismatch");
    expect(state.jar.get(new URL(appUrl), "sightline_session")).toBeUndefined();

    // The provider signs the nonce it was sent; the app expects the one in its signed cookie.
    const nonce = await signIn("alice", { authorize: (u) => u.searchParams.set("nonce", "not-the-apps-nonce") });
    expect(signInError(nonce.location)).toMatch(/answer was refused.*nonce/);
    expect(nonce.jar.get(new URL(appUrl), "sightline_session")).toBeUndefined();

    // RFC 9207: the provider names itself in the answer (iss); a mix-up attacker's name is refused.
    const issuer = await signIn("alice", { callback: (u) => u.searchParams.set("iss", "http://127.0.0.1:1") });
    expect(signInError(issuer.location)).toMatch(/answer was refused.*iss/);
    expect(issuer.jar.get(new URL(appUrl), "sightline_session")).toBeUndefined();

    // No flow cookie at all (started in another browser, or expired).
    const start = await fetch(new URL("/api/auth/oidc/start", appUrl), { redirect: "manual" });
    const noCookie = await fetch(new URL(`${CALLBACK}?code=x&state=y`, appUrl), { redirect: "manual" });
    expect(start.status).toBe(302);
    expect(signInError(new URL(noCookie.headers.get("location")!))).toContain("started in another browser");
  });

  it("a cancelled sign-in (access_denied) lands on the sign-in page with a sentence", async () => {
    const { location, jar } = await signIn("alice", { cancel: true });
    expect(signInError(location)).toContain("the sign-in provider refused access");
    expect(jar.get(new URL(appUrl), "sightline_session")).toBeUndefined();
  });
});

describe("OIDC sign-in in Chromium", () => {
  let page: Page;

  it("alice signs in through the provider's login form, edits an SLO and is refused a datasource change", async () => {
    const context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${appUrl}/slos/checkout-latency/edit`);
    // The page guard sends a signed-out visitor to sign in; single sign-on is one link there.
    await page.waitForURL(`${appUrl}/sign-in?next=${encodeURIComponent("/slos/checkout-latency/edit")}`);
    await page.screenshot({ path: path.join(SHOTS, "oidc-sign-in-page.png") });
    await page.getByRole("link", { name: "Sign in with single sign-on" }).click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("Wrong username or password.").waitFor();
    await page.getByLabel("Username").fill("alice");
    await page.getByLabel("Password").fill(TEST_ACCOUNTS.alice.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    // Back in Sightline, on the page asked for, signed in as alice.
    await page.waitForURL(`${appUrl}/slos/checkout-latency/edit`);
    const objective = page.getByLabel("Objective", { exact: true });
    await objective.waitFor();
    await objective.fill("99.9");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(`${appUrl}/slos/checkout-latency`);
    await page.getByRole("region", { name: "Definition" }).getByText("99.9").first().waitFor();
    const history = page.getByRole("region", { name: "Revision history" });
    await history.getByText(TEST_ACCOUNTS.alice.name).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, "oidc-signed-in-slo.png"), fullPage: true });

    // Settings: an editor may look but not change a datasource; the API says why.
    await page.goto(`${appUrl}/settings`);
    await page.getByText("Production Prometheus").first().waitFor();
    const edit = page.getByRole("button", { name: "Edit Production Prometheus" });
    if ((await edit.count()) > 0 && (await edit.isEnabled())) {
      await edit.click();
      await page.getByLabel("Tenant").fill("alice-was-here");
      await page.getByRole("button", { name: "Save datasource" }).click();
      await page.getByText('this needs the permission "datasource.write"').waitFor();
    }
    await page.screenshot({ path: path.join(SHOTS, "oidc-settings-refused.png"), fullPage: true });
    // Whatever the UI offers, the API refuses the browser's session.
    const refused = await page.evaluate(async (id) => {
      const r = await fetch(`/api/datasources/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ tenant: "x" }) });
      return { status: r.status, detail: (await r.json()).detail as string };
    }, datasourceId);
    expect(refused.status).toBe(403);
    expect(refused.detail).toContain('"datasource.write"');
    await context.close();
  });
});

describe("the role follows the provider", () => {
  it("alice moved from eng to manager is a viewer at her next sign-in; back in eng, an editor again", async () => {
    idp.setGroups("alice", ["manager"]);
    const viewer = await signIn("alice");
    const slo = await call(viewer.jar, "GET", "/api/slos/checkout-latency");
    const refused = await call(viewer.jar, "PATCH", "/api/slos/checkout-latency", { version: slo.json.version, name: "Checkout" });
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toContain("viewer");

    idp.setGroups("alice", ["eng"]);
    const editor = await signIn("alice");
    const search = await call(editor.jar, "GET", "/api/slos/search-latency");
    // No team: group any more, so no longer limited to payments.
    expect((await call(editor.jar, "PATCH", "/api/slos/search-latency", { version: search.json.version, name: "Search" })).status).toBe(200);
  });
});
