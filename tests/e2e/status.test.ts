// SLO status in a real browser: Prometheus backfilled with the 8-day Tempo ground-truth history,
// `next start` on a throwaway PostgreSQL, SLOs created through the API. The page evaluated at the
// history's end must show the SLI the truth gives (formatted by the same helper), a threshold
// between bucket boundaries must show its bounds, a datasource that is down must read as words
// with a retry, and the dashboard must list all of them at that moment.
// Screenshots land in tests/.tmp/screenshots for a human to look at.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPO } from "@/lib/promql/profiles";
import { formatPercent, formatUtcSeconds } from "@/lib/client/status/format";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { generateTruthHistory } from "@/tests/fixtures/truth-history";
import { DAY } from "@/tests/fixtures/truth-scenario";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { freePort, startPrometheus, TMP_ROOT, type TestPrometheus } from "../helpers/prometheus";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SHOTS = path.resolve(__dirname, "..", ".tmp", "screenshots");

const h = generateTruthHistory({ profile: TEMPO, days: 8, fineTailSeconds: 0 });
const END = h.ticks[h.ticks.length - 1];
const CHECKOUT = { service: "checkout", spanName: "POST /checkout" };

let app: AppServer;
let prom: TestPrometheus;
let browser: Browser;
let page: Page;
const ids: Record<"exact" | "between" | "broken" | "silent", string> = { exact: "", between: "", broken: "", silent: "" };

async function api<T = Record<string, unknown>>(method: string, p: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${app.baseUrl}${p}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as T };
}

async function createSlo(fields: Partial<CreateSloInput> & Pick<CreateSloInput, "slug" | "name" | "thresholdSeconds" | "datasourceId">): Promise<string> {
  const input: CreateSloInput = {
    description: "",
    team: "payments",
    owner: "",
    service: CHECKOUT.service,
    operation: CHECKOUT.spanName,
    operationMatch: "exact",
    spanKind: null,
    extraMatchers: [],
    objective: 0.99,
    window: { kind: "rolling", days: 7 },
    countErrorsAsBad: false,
    minEvents: 0,
    status: "active",
    ...fields,
  };
  const res = await api<{ id: string }>("POST", "/api/slos", input);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id;
}

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const settled = () => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 20_000 });
const truth = (leSeconds: number) => h.truthCounts({ selector: CHECKOUT, leSeconds, startSeconds: END - 7 * DAY, endSeconds: END });
const bodyText = () => page.evaluate(() => document.body.innerText);

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  const om = path.join(TMP_ROOT, `e2e-status-${process.pid}.om.txt`);
  await writeTruthFile(om, [h], "openmetrics");
  try {
    [prom, app] = await Promise.all([startPrometheus({ openMetricsFile: om }), startAppServer()]);
  } finally {
    await rm(om, { force: true });
  }
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  page.setDefaultTimeout(15_000);

  const ds = await api<{ id: string }>("POST", "/api/datasources", { slug: "truth", name: "Truth Prometheus", prometheusUrl: prom.url, producerProfile: "tempo" });
  expect(ds.status, JSON.stringify(ds.json)).toBe(201);
  const closed = await freePort();
  const down = await api<{ id: string }>("POST", "/api/datasources", { slug: "down", name: "Prometheus that is down", prometheusUrl: `http://127.0.0.1:${closed}`, producerProfile: "tempo" });
  expect(down.status, JSON.stringify(down.json)).toBe(201);

  ids.exact = await createSlo({ slug: "checkout-latency", name: "Checkout latency", thresholdSeconds: 0.512, datasourceId: ds.json.id });
  ids.between = await createSlo({ slug: "checkout-300ms", name: "Checkout under 300 ms", thresholdSeconds: 0.3, objective: 0.95, datasourceId: ds.json.id });
  ids.silent = await createSlo({ slug: "checkout-refunds", name: "Refunds latency", operation: "POST /refund", thresholdSeconds: 0.512, datasourceId: ds.json.id });
  ids.broken = await createSlo({ slug: "search-latency", name: "Search latency", team: "discovery", service: "search", operation: "GET /search", thresholdSeconds: 0.256, datasourceId: down.json.id });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), prom?.stop()]);
});

describe("SLO status in the browser", () => {
  it("shows the 7-day SLI the ground truth gives, as of the history's end", async () => {
    const t = truth(0.512);
    expect(t.total).toBeGreaterThan(0);
    await page.goto(`${app.baseUrl}/slos/${ids.exact}?at=${END}`);
    const sli = page.getByTestId("sli-value");
    await sli.waitFor();
    expect(await sli.textContent()).toBe(`${formatPercent(t.good / t.total)} good`);
    expect(await page.getByTestId("as-of").textContent()).toContain(`as of ${formatUtcSeconds(END)}`);
    expect(await page.getByTestId("freshness").textContent()).toMatch(/^last sample /);
    // Both charts drew a line (the burn-down and SLI queries answered), and no number is NaN.
    await page.locator(".recharts-line-curve").nth(1).waitFor();
    await settled();
    const text = await bodyText();
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    expect(text).toContain("Burn rates");
    // Never above 100 % (negative axis ticks are overspend). The attribution panel is left out: its
    // "190 % of the error budget" is budget consumed, which rightly passes 100 % once overspent.
    const statusText = await page.evaluate(() =>
      [...document.querySelectorAll("main section")].filter((s) => s.getAttribute("data-testid") !== "attribution").map((s) => (s as HTMLElement).innerText).join("\n"),
    );
    expect(statusText).toContain("Burn rates");
    expect(statusText).not.toMatch(/(?<![-\d.])(10[1-9]|1[1-9]\d|[2-9]\d\d)(\.\d+)? %/);
    await shot("status-exact");
  });

  it("lists every generated alert and shows the rules as YAML", async () => {
    // This Prometheus runs no rules and no sync has run: no ALERTS series, said in words.
    await page.getByText("Rules not deployed: no ALERTS series found").waitFor();
    expect(await page.getByTestId("alert-state-row").count()).toBe(6);
    expect(await page.locator('[data-tier="page-1h"]').getAttribute("data-state")).toBe("inactive");
    expect(await page.locator('[data-tier="latency-deviation"]').getAttribute("data-state")).toBe("disabled");
    await page.getByTestId("rules-yaml").waitFor();
    expect(await page.getByTestId("rules-yaml").textContent()).toContain('sightline_slo: checkout-latency');
    expect(await page.getByTestId("rules-sync").textContent()).toContain("Rules never synced");
    await page.getByRole("radio", { name: "PrometheusRule" }).click();
    await page.getByTestId("rules-yaml").getByText("kind: PrometheusRule").waitFor();
    await page.getByTestId("rules-section").screenshot({ path: path.join(SHOTS, "status-rules.png") });
  });

  it("keeps the chart span in the URL", async () => {
    await page.getByLabel("Chart span").selectOption("7d");
    await page.waitForURL(/range=7d/);
    expect(new URL(page.url()).searchParams.get("at")).toBe(String(END));
    await page.locator(".recharts-line-curve").first().waitFor();
    await settled();
    await shot("status-exact-7d");
  });

  it("evaluate-at moves the moment through the URL", async () => {
    await page.getByLabel("Evaluate at (UTC)").fill(new Date((END - DAY) * 1000).toISOString().slice(0, 16));
    await page.getByRole("button", { name: "Evaluate" }).click();
    await page.waitForURL(new RegExp(`at=${END - DAY}`));
    await page.getByTestId("as-of").getByText(`as of ${formatUtcSeconds(END - DAY)}`).waitFor();
    await page.getByTestId("sli-value").waitFor();
  });

  it("a threshold between bucket boundaries shows its bounds and the exact thresholds nearby", async () => {
    const lower = truth(0.256), upper = truth(0.512);
    await page.goto(`${app.baseUrl}/slos/${ids.between}?at=${END}`);
    await page.getByTestId("exactness-note").waitFor();
    expect(await page.getByTestId("exactness-note").textContent()).toContain(
      `The SLI lies between ${formatPercent(lower.good / lower.total)} and ${formatPercent(upper.good / upper.total)}`,
    );
    expect(await page.getByTestId("nearby-thresholds").textContent()).toBe("256 ms, 512 ms");
    // The headline and the budget use the conservative lower bound.
    expect(await page.getByTestId("sli-value").textContent()).toBe(`${formatPercent(lower.good / lower.total)} good`);
    await page.locator(".recharts-line-curve").nth(1).waitFor();
    await settled();
    await shot("status-between");
  });

  it("an operation without traffic says no data, never 100 % or NaN", async () => {
    await page.goto(`${app.baseUrl}/slos/${ids.silent}?at=${END}`);
    await page.getByTestId("state-detail").waitFor();
    expect(await page.getByTestId("sli-value").textContent()).toBe("—");
    await settled();
    const text = await bodyText();
    expect(text).toContain("No data");
    expect(text).not.toMatch(/NaN|Infinity|100 % good/);
    await shot("status-no-data");
  });

  it("a datasource that is down reads as words with a retry, not a crash", async () => {
    await page.goto(`${app.baseUrl}/slos/${ids.broken}?at=${END}`);
    // The alerts panel inside the status section fails too, with its own words and retry.
    // Scoped to the status section: the latency chart and the attribution panel say it too.
    const alert = page
      .locator('section[aria-labelledby="slo-status-title"]')
      .getByRole("alert")
      .filter({ hasText: "No data from Prometheus" })
      .filter({ hasNotText: "Could not read alert states" });
    await alert.waitFor({ timeout: 20_000 });
    await alert.getByRole("button", { name: "Try again" }).waitFor();
    const alertsError = page.getByTestId("alerts-panel").getByRole("alert");
    await alertsError.getByText(/^Could not read alert states: /).waitFor();
    await alertsError.getByRole("button", { name: "Try again" }).waitFor();
    expect(await page.getByRole("heading", { name: "Search latency" }).count()).toBe(1);
    await shot("status-broken");
  });

  it("the dashboard lists every active SLO at that moment, worst budget first, filtered by team in the URL", async () => {
    await page.goto(`${app.baseUrl}/dashboard?at=${END}`);
    const summary = page.getByTestId("dashboard-summary");
    await page.waitForFunction(() => !/loading/.test(document.querySelector('[data-testid="dashboard-summary"]')?.textContent ?? "loading"), undefined, { timeout: 30_000 });
    expect(await summary.textContent()).toMatch(/^4 SLOs · .*1 no data · 1 unavailable$/);
    expect(await page.getByTestId("tile-unavailable").locator("dd").first().textContent()).toBe("1");
    const rows = page.getByTestId("dashboard-row");
    expect(await rows.count()).toBe(4);
    const names = await rows.locator("a").allTextContents();
    // Grouped by team A→Z (discovery, payments); inside a team worst budget first (the 300 ms SLO is
    // the most overspent), then those without a budget (no data).
    expect(names).toEqual(["Search latency", "Checkout under 300 ms", "Checkout latency", "Refunds latency"]);
    const t = truth(0.512);
    expect(await rows.filter({ hasText: "Checkout latency" }).textContent()).toContain(formatPercent(t.good / t.total));
    expect(await rows.filter({ hasText: "Checkout latency" }).locator("a").getAttribute("href")).toBe(`/slos/checkout-latency?at=${END}`);
    expect(await bodyText()).not.toMatch(/NaN/);
    await shot("dashboard");

    await page.getByLabel("Filter by team").selectOption("payments");
    await page.waitForURL(/team=payments/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dashboard-row"]').length === 3);
    expect(await summary.textContent()).toMatch(/^3 SLOs/);
    await shot("dashboard-team");
  });

  it("reads on a phone: status and dashboard without sideways page scroll", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await mkdir(path.join(SHOTS, "mobile"), { recursive: true });
      for (const [name, url] of [
        ["status", `/slos/${ids.exact}?at=${END}`],
        ["dashboard", `/dashboard?at=${END}`],
      ] as const) {
        await phone.goto(`${app.baseUrl}${url}`);
        await phone.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && !/loading/.test(document.body.innerText.slice(0, 2000).toLowerCase()), undefined, { timeout: 20_000 });
        expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), name).toBe(true);
        await phone.screenshot({ path: path.join(SHOTS, "mobile", `${name}.png`), fullPage: true });
      }
    } finally {
      await phone.close();
    }
  });
});
