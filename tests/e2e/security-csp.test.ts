// The production CSP in a real browser (issue 20 item 5): every page loads, hydrates and works
// under script-src 'nonce-…' 'strict-dynamic' with no 'unsafe-eval', and Chromium reports no
// violation (securitypolicyviolation events and console reports both watched). Also the settings
// page's datasource History and the refused delete of a datasource in use, in words.
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { as, proxyAuthEnv } from "../helpers/auth";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let app: AppServer;
let browser: Browser;
let sloId: string;

async function api(method: string, p: string, body?: unknown, actor = "bob@example.com") {
  const res = await fetch(`${app.baseUrl}${p}`, {
    method,
    // Behind the trusted auth proxy (proxyAuthEnv): its headers name who acts, and history records them.
    headers: { "content-type": "application/json", ...as(actor, "admin") },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => undefined) };
}

/** A page that records every CSP violation and console error from the first byte. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ extraHTTPHeaders: as("carol@example.com", "admin") });
  const page = await context.newPage();
  const violations: string[] = [];
  await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|evaluate)/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => violations.push(`pageerror: ${e.message}`));
  return { page, violations };
}

beforeAll(async () => {
  app = await startAppServer({ env: proxyAuthEnv() });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const ds = await api("POST", "/api/datasources", { slug: "prod", name: "Production Prometheus", prometheusUrl: "http://127.0.0.1:1" }, "alice@example.com");
  expect(ds.status).toBe(201);
  expect((await api("PATCH", `/api/datasources/${ds.json.id}`, { name: "Prod Prometheus", authKind: "bearer", authSecret: "tok-e2e-secret" })).status).toBe(200);
  const slo = await api("POST", "/api/slos", {
    slug: "checkout-latency",
    name: "Checkout latency",
    team: "payments",
    service: "checkout",
    operation: "POST /checkout",
    thresholdSeconds: 0.512,
    objective: 0.995,
    window: { kind: "rolling", days: 28 },
    datasourceId: ds.json.id,
  });
  expect(slo.status).toBe(201);
  sloId = slo.json.id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("production CSP", () => {
  it.each([
    ["/", null],
    ["/slos", "Checkout latency"],
    ["/slos/checkout-latency", "Checkout latency"],
    ["/slos/new", null],
    ["/settings", "Prod Prometheus"],
    ["/dashboard", null],
    ["/no/such/page", null],
  ])("%s loads and hydrates with no CSP violation", async (path, text) => {
    const { page, violations } = await watchedPage();
    const res = await page.goto(`${app.baseUrl}${path}`);
    // "/" sends the browser on to the dashboard: judge the page it lands on.
    if (path === "/") await page.waitForURL((u) => u.pathname !== "/", { timeout: 20_000 });
    const csp = (await res!.allHeaders())["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'; /);
    expect(csp).not.toContain("unsafe-eval");
    // React took over the page: client components render what the API answered.
    if (text) await page.getByText(text).first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState("networkidle");
    // Hydrated: Next's router is live (client navigation would not work otherwise).
    expect(await page.evaluate(() => typeof (window as unknown as { next?: unknown }).next)).toBe("object");
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it("a page cannot be framed: frame-ancestors 'none' holds in the browser", async () => {
    const { page } = await watchedPage();
    await page.goto(`${app.baseUrl}/api/slos`); // any same-origin document to host the frame
    const loaded = await page.evaluate(async (src) => {
      const f = document.createElement("iframe");
      f.src = src;
      document.body.append(f);
      await new Promise((r) => setTimeout(r, 1500));
      try {
        return f.contentDocument?.body?.innerText?.length ?? 0;
      } catch {
        return -1;
      }
    }, `${app.baseUrl}/slos`);
    expect(loaded).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});

describe("settings: datasource history and a refused delete", () => {
  it("History lists who changed what, secrets only as set / new secret entered", async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${app.baseUrl}/settings`);
    await page.getByLabel("History of Prod Prometheus").click();
    const list = page.getByRole("list", { name: "Changes to Prod Prometheus" });
    await list.getByText("Created").waitFor();
    const text = await list.innerText();
    expect(text).toContain("Updated by bob@example.com");
    expect(text).toContain("Created by alice@example.com");
    expect(text).toMatch(/Name:\s*Production Prometheus → Prod Prometheus/);
    expect(text).toMatch(/Auth secret:\s*not set → set/);
    expect(await page.content()).not.toContain("tok-e2e-secret");
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it("deleting a datasource an SLO uses says why it was not deleted", async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${app.baseUrl}/settings`);
    await page.getByLabel("Delete Prod Prometheus").click();
    await page.getByLabel("Confirm deleting Prod Prometheus").click();
    // Next's route announcer is an (empty) alert too: find ours by its words.
    const alert = page.getByRole("alert").filter({ hasText: "was not deleted" });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/Prod Prometheus was not deleted: Datasource in use[\s\S]*used by 1 SLO \(1 active, 0 archived\)/);
    expect((await api("GET", `/api/slos/${sloId}`)).status).toBe(200);
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
