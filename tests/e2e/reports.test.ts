// Monthly reports and budget attribution in a real browser: Prometheus backfilled with the 8-day
// Tempo ground-truth history (Oct 26 – Nov 3 2026, the checkout incident on Oct 30), `next start`
// on a throwaway PostgreSQL, SLOs created through the API. The October report must list the team's
// SLOs with their verdicts in words, the incident as a fast-burn period and the down backend as
// unavailable; printing must drop the nav and the controls; the CSV link must download a named
// file. The SLO page of a service-level SLO must rank the operations that spent its budget, each
// linking to its slow requests. Screenshots land in tests/.tmp/screenshots for a human to look at.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPO } from "@/lib/promql/profiles";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { generateTruthHistory } from "@/tests/fixtures/truth-history";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { freePort, startPrometheus, TMP_ROOT, type TestPrometheus } from "../helpers/prometheus";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SHOTS = path.resolve(__dirname, "..", ".tmp", "screenshots");

const h = generateTruthHistory({ profile: TEMPO, days: 8, fineTailSeconds: 0 });
const END = h.ticks[h.ticks.length - 1];

let app: AppServer;
let prom: TestPrometheus;
let browser: Browser;
let page: Page;

async function api<T = Record<string, unknown>>(method: string, p: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${app.baseUrl}${p}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as T };
}

async function createSlo(fields: Partial<CreateSloInput> & Pick<CreateSloInput, "slug" | "name" | "datasourceId">): Promise<string> {
  const input: CreateSloInput = {
    description: "",
    team: "payments",
    owner: "",
    service: "checkout",
    operation: "POST /checkout",
    operationMatch: "exact",
    spanKind: null,
    extraMatchers: [],
    thresholdSeconds: 0.256,
    objective: 0.99,
    window: { kind: "calendar", unit: "month" },
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
const settled = () => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 30_000 });

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  const om = path.join(TMP_ROOT, `e2e-reports-${process.pid}.om.txt`);
  await writeTruthFile(om, [h], "openmetrics");
  try {
    [prom, app] = await Promise.all([startPrometheus({ openMetricsFile: om }), startAppServer()]);
  } finally {
    await rm(om, { force: true });
  }
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);

  const ds = await api<{ id: string }>("POST", "/api/datasources", { slug: "truth", name: "Truth Prometheus", prometheusUrl: prom.url, producerProfile: "tempo" });
  expect(ds.status, JSON.stringify(ds.json)).toBe(201);
  const down = await api<{ id: string }>("POST", "/api/datasources", { slug: "down", name: "Prometheus that is down", prometheusUrl: `http://127.0.0.1:${await freePort()}`, producerProfile: "tempo" });
  expect(down.status, JSON.stringify(down.json)).toBe(201);

  await createSlo({ slug: "checkout-latency", name: "Checkout latency", thresholdSeconds: 0.512, datasourceId: ds.json.id });
  await createSlo({ slug: "checkout-all", name: "Checkout, every operation", operation: ".+", operationMatch: "regex", thresholdSeconds: 0.256, objective: 0.9, datasourceId: ds.json.id });
  // One series (a server span without errors): no attribution to show. Another team: not in the payments report.
  await createSlo({ slug: "search-rank", name: "Search ranking", team: "discovery", service: "search", operation: "rank", datasourceId: ds.json.id });
  await createSlo({ slug: "checkout-lenient", name: "Checkout under 1 s", thresholdSeconds: 1.024, objective: 0.9, window: { kind: "rolling", days: 7 }, datasourceId: ds.json.id });
  await createSlo({ slug: "search-latency", name: "Search latency", service: "search", operation: "GET /search", datasourceId: down.json.id });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), prom?.stop()]);
});

describe("monthly report", () => {
  it("October for team payments: verdicts in words, the incident as a fast-burn period, the down backend unavailable", async () => {
    await page.goto(`${app.baseUrl}/reports?team=payments&month=2026-10`);
    await settled();
    await page.getByRole("heading", { name: "Team payments · October 2026" }).waitFor();
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toMatch(/of 3 SLOs met their objective · 1 unavailable/);
    const checkout = page.getByRole("region", { name: "Checkout latency" });
    await expect(checkout.innerText()).resolves.toMatch(/\b(missed|met)\b/i);
    await expect(checkout.innerText()).resolves.toMatch(/2026-10-30 1\d:\d\d UTC/);
    await expect(page.getByRole("region", { name: "Search latency" }).innerText()).resolves.toMatch(/unavailable[\s\S]*no data from Prometheus/i);
    await expect(page.getByRole("link", { name: "Reports" }).getAttribute("aria-current")).resolves.toBe("page");
    await shot("report");

    // The CSV link downloads a named file.
    const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    const csv = await fetch(`${app.baseUrl}${href}`);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="sightline-report-payments-2026-10.csv"');
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^team,month,slo_slug/);
  });

  it("prints without the nav and the controls, in black on white", async () => {
    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.locator("aside").isVisible()).toBe(false);
      expect(await page.getByRole("link", { name: "Download CSV" }).isVisible()).toBe(false);
      expect(await page.getByLabel("Team", { exact: true }).isVisible()).toBe(false);
      expect(await page.getByRole("heading", { name: "Team payments · October 2026" }).isVisible()).toBe(true);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe("rgb(255, 255, 255)");
      const sections = await page.locator('[data-testid="report-slo"]').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakInside));
      expect(sections.every((b) => b === "avoid")).toBe(true);
      await shot("report-print");
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });

  it("the month picker is URL state; a future month says so", async () => {
    await page.getByLabel("Month (UTC)").fill("2027-06");
    await page.waitForURL(/month=2027-06/);
    await page.getByText("June 2027 is in the future").waitFor();
    await shot("report-future");
  });
});

describe("budget attribution", () => {
  it("a service-level SLO ranks its operations, span kinds and status codes, linking to slow requests", async () => {
    await page.goto(`${app.baseUrl}/slos/checkout-all?at=${END}`);
    const panel = page.getByTestId("attribution");
    await panel.waitFor({ timeout: 30_000 });
    await page.getByRole("heading", { name: "Where the budget went" }).scrollIntoViewIfNeeded();
    const text = await panel.innerText();
    expect(text).toMatch(/bad of [\d,]+ requests in November 2026 \(month to date\): [\d.,]+ % of the error budget/);
    for (const t of ["Operation", "Span kind", "Status code", "POST /checkout", "SELECT orders", "server", "client", "error"]) expect(text).toContain(t);
    const href = await panel.getByRole("link", { name: "POST /checkout" }).getAttribute("href");
    expect(href).toMatch(/^\/slos\/checkout-all\?slowFrom=\d+&slowTo=\d+&slowLabel=span_name&slowValue=POST\+%2Fcheckout$/);
    await panel.screenshot({ path: path.join(SHOTS, "attribution.png") });
  });

  it("a single-series SLO shows no attribution", async () => {
    const res = await api<{ spansSeveralSeries: boolean }>("GET", `/api/slos/search-rank/attribution?at=${END}`);
    expect(res.json.spansSeveralSeries).toBe(false);
    await page.goto(`${app.baseUrl}/slos/search-rank?at=${END}`);
    await page.getByText("Search ranking").first().waitFor();
    await settled();
    await page.waitForLoadState("networkidle");
    expect(await page.getByTestId("attribution").count()).toBe(0);
  });
});
