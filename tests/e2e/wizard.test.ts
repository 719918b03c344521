// The SLO creation wizard in a real browser, on demo data: the Handy Site Corp world's history
// (10 days, the checkout 2.14.0 regression of PlaceOrder 9 days ago, 13:30–17:30 UTC) backfilled
// into Prometheus, `next start` on a throwaway PostgreSQL. The test picks checkout → PlaceOrder
// from the pickers, brushes the regression out on the chart, accepts a suggestion, reads the
// backtest, saves, and finds the SLO on the dashboard. Every step is screenshotted into
// screenshots/tmp/wizard/ for a human to look at.
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAggregator } from "@/lib/demo/aggregate";
import { boundsInMs, historyFamilies, newSeriesBank, sampleInstants } from "@/lib/demo/history";
import { HANDY_SITE_CORP } from "@/lib/demo/world";
import { TEMPO } from "@/lib/promql/profiles";
import type { MetricFamily } from "@/lib/spanmetrics/types";
import { renderOpenMetricsBackfill } from "@/lib/spanmetrics/render";
import { formatUtcRange } from "@/lib/slo/format";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { startPrometheus, TMP_ROOT, type TestPrometheus } from "../helpers/prometheus";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SHOTS = path.resolve(__dirname, "..", "..", "screenshots", "tmp", "wizard");
const MIN = 60_000;
const DAY_MS = 86_400_000;
const DAYS = 10;
// Fewer services and a 10-minute sample step keep the backfill small (~60 MB, seconds to ingest);
// the suggestion reads hourly steps, so nothing it shows depends on a finer step.
const SERVICES = new Set(["checkout", "payment", "orders", "frontend"]);

const anchorMs = Math.floor(Date.now() / MIN) * MIN;
const regression = HANDY_SITE_CORP.events.find((e) => e.id === "checkout-regression")!;
const regressionStart = (Math.floor((anchorMs - regression.daysAgo * DAY_MS) / DAY_MS) * DAY_MS) / 1000 + regression.startMinuteUtc * 60;
const regressionEnd = regressionStart + regression.durationMs / 1000;

let app: AppServer;
let prom: TestPrometheus;
let browser: Browser;
let page: Page;
let n = 0;

async function writeHistory(file: string) {
  const agg = createAggregator(HANDY_SITE_CORP, { seed: "e2e-wizard", anchorMs, boundsMs: boundsInMs(TEMPO) });
  const start = anchorMs - DAYS * DAY_MS;
  const bank = newSeriesBank(TEMPO, agg.keys, start);
  const instants = [start, ...sampleInstants(start, anchorMs, { fineStepMs: 10 * MIN, coarseStepMs: 10 * MIN, fineSpanMs: 0 })];
  const keep = (labels: Readonly<Record<string, string>>) => SERVICES.has(labels[TEMPO.labels.service]);
  const families = historyFamilies(agg, bank, instants).map((f) => ({ ...f, series: [...(f.series as Iterable<{ labels: Readonly<Record<string, string>> }>)].filter((s) => keep(s.labels)) }) as MetricFamily);
  const out = createWriteStream(file);
  for (const chunk of renderOpenMetricsBackfill(families)) if (!out.write(chunk)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

async function api<T = Record<string, unknown>>(method: string, p: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${app.baseUrl}${p}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as T };
}

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${String(++n).padStart(2, "0")}-${name}.png`), fullPage: true });
const settled = () => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 60_000 });
const stepTitle = () => page.locator("#wizard-step-title").textContent();
const next = () => page.getByRole("button", { name: /^Next:/ }).click();

/** Drags across the chart from t1 to t2 (unix seconds), using the plot area's pixel scale. */
async function brush(testId: string, t1: number, t2: number) {
  // Mouse coordinates are the viewport's: bring the chart into view first.
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  const chart = page.getByTestId(testId).locator("[data-t-start]");
  const [t0, tEnd] = [Number(await chart.getAttribute("data-t-start")), Number(await chart.getAttribute("data-t-end"))];
  const grid = await page.getByTestId(testId).locator(".recharts-cartesian-grid").boundingBox();
  if (!grid) throw new Error("chart has no plot area");
  const x = (t: number) => grid.x + ((t - t0) / (tEnd - t0)) * grid.width;
  const y = grid.y + grid.height / 2;
  await page.mouse.move(x(t1), y);
  await page.mouse.down();
  await page.mouse.move((x(t1) + x(t2)) / 2, y, { steps: 5 });
  await page.mouse.move(x(t2), y, { steps: 5 });
  await page.mouse.up();
}

beforeAll(async () => {
  await rm(SHOTS, { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });
  await mkdir(TMP_ROOT, { recursive: true });
  const om = path.join(TMP_ROOT, `e2e-wizard-${process.pid}.om.txt`);
  await writeHistory(om);
  // allSettled: when one fails (a broken build), the other must still be stopped, not left running.
  const [p, a] = await Promise.allSettled([startPrometheus({ openMetricsFile: om, maxBlockDuration: "480h" }), startAppServer()]);
  await rm(om, { force: true });
  if (p.status === "fulfilled") prom = p.value;
  if (a.status === "fulfilled") app = a.value;
  if (p.status === "rejected") throw p.reason;
  if (a.status === "rejected") throw a.reason;
  const ds = await api("POST", "/api/datasources", { slug: "demo", name: "Demo Prometheus", prometheusUrl: prom.url, producerProfile: "auto" });
  expect(ds.status, JSON.stringify(ds.json)).toBe(201);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  page.setDefaultTimeout(30_000);
  // An API answer in error is the first thing to read when a step does not show up.
  page.on("response", async (res) => {
    if (res.url().includes("/api/") && res.status() >= 400) console.error(`${res.status()} ${res.request().method()} ${res.url()}: ${(await res.text().catch(() => "")).slice(0, 600)}`);
  });
}, 600_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") await shot(`failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, "-")}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), prom?.stop()]);
});

describe("SLO creation wizard", () => {
  it("picks checkout → PlaceOrder from the pickers, with rates and span kinds", async () => {
    await page.goto(`${app.baseUrl}/slos/new`);
    await page.getByTestId("datasource-list").getByRole("button", { name: /Demo Prometheus/ }).click();
    await expect.poll(stepTitle, { timeout: 10_000 }).toBe("2. Service");
    await page.waitForURL(/step=service/);
    const services = page.getByTestId("service-list");
    await services.getByRole("button").first().waitFor();
    expect(await services.textContent()).toMatch(/checkout.*req\/s/);
    await page.getByRole("searchbox", { name: "Service" }).fill("check");
    await shot("service");
    await page.getByRole("searchbox", { name: "Service" }).press("Enter");
    await expect.poll(stepTitle, { timeout: 10_000 }).toBe("3. Operation");
    expect(new URL(page.url()).searchParams.get("service")).toBe("checkout");

    const ops = page.getByTestId("operation-list");
    await ops.getByRole("button", { name: /^PlaceOrder/ }).click();
    // Controlled by the URL: the radio turns checked once the new search params render.
    await page.getByRole("radio", { name: /Server/ }).click();
    await expect.poll(() => page.getByRole("radio", { name: /Server/ }).isChecked(), { timeout: 10_000 }).toBe(true);
    await page.getByTestId("series-count").waitFor();
    await shot("operation");
    // Back and forward walk the steps through the URL.
    await page.goBack();
    await expect.poll(stepTitle, { timeout: 10_000 }).toBe("2. Service");
    await page.goForward();
    await expect.poll(stepTitle, { timeout: 10_000 }).toBe("3. Operation");
    expect(new URL(page.url()).searchParams.get("op")).toBe("PlaceOrder");
    await next();
  });

  it("shows the history and excludes the regression brushed on the chart", async () => {
    await expect.poll(stepTitle, { timeout: 10_000 }).toBe("4. History");
    await page.getByTestId("rate-chart").locator(".recharts-line-curve").waitFor({ timeout: 60_000 });
    await settled();
    expect(await page.getByTestId("data-range").textContent()).toMatch(/ \d+ series, \d+ bucket boundaries\./);
    expect(await page.getByTestId("percentile-chart").textContent()).toContain("bucket-resolution estimates");
    await shot("history");

    // Brushed inside the regression at half past its first and last whole hours, so the snap outward
    // to whole hours is the same wherever the chart's 10-minute points fall (they move with the clock).
    const firstHour = Math.ceil((regressionStart + 600) / 3600) * 3600;
    const lastHour = Math.floor((regressionEnd - 600) / 3600) * 3600;
    await brush("percentile-chart", firstHour + 1800, lastHour - 1800);
    const chip = page.getByTestId("exclusion");
    await chip.first().waitFor();
    expect(await chip.first().textContent()).toContain(formatUtcRange(firstHour, lastHour));
    expect(new URL(page.url()).searchParams.get("ex")).toMatch(/^\d+-\d+$/);
    await settled();
    await shot("history-excluded");
  });

  it("accepts a suggestion whose reasoning names the exclusion, and reads its backtest", async () => {
    await next();
    await expect.poll(stepTitle, { timeout: 10_000 }).toBe("5. Target");
    const tight = page.getByTestId("suggestion-tight");
    await tight.waitFor({ timeout: 60_000 });
    expect(await tight.textContent()).toContain("excluding");
    await tight.getByRole("button", { name: "Use this" }).click();
    await page.getByTestId("backtest-summary").waitFor({ timeout: 60_000 });
    // The replay measured something: a line is drawn and the summary is not the "no data" one.
    await page.getByTestId("backtest").locator(".recharts-line-curve").first().waitFor();
    expect(await page.getByTestId("backtest-summary").textContent()).toMatch(/^512 ms|^\d[\d,]* ms at /);
    await settled();
    expect(await page.getByTestId("tier-row").count()).toBeGreaterThan(0);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    await shot("target");
  });

  it("fills the details, reviews, saves, and finds the SLO on the dashboard", async () => {
    await next();
    await expect.poll(stepTitle, { timeout: 10_000 }).toBe("6. Details");
    const name = page.getByLabel("Name", { exact: true });
    await expect.poll(() => name.inputValue()).toMatch(/^checkout PlaceOrder under \d/);
    await name.fill("Checkout: PlaceOrder from history");
    // The slug follows the name on the next render: poll rather than read it at once.
    await expect.poll(() => page.getByLabel("Slug").inputValue()).toBe("checkout-placeorder-from-history");
    await page.getByLabel("Team").fill("payments");
    await shot("details");
    await next();
    await expect.poll(stepTitle, { timeout: 10_000 }).toBe("7. Review");
    expect(await page.getByTestId("review").textContent()).toMatch(/Baseline: \d+ days, .*excluding/);
    await shot("review");
    await page.getByRole("button", { name: "Create SLO" }).click();
    await page.waitForURL(/\/slos\/checkout-placeorder-from-history\?created=1$/);
    await page.getByText("SLO created").waitFor();
    await settled();
    await shot("saved");

    const saved = await api<{ description: string; thresholdSeconds: number; spanKind: string }>("GET", "/api/slos/checkout-placeorder-from-history");
    expect(saved.json.description).toMatch(/^Baseline: \d+ days, .*, excluding .*UTC\.$/);
    expect(saved.json.spanKind).toBe("SPAN_KIND_SERVER");

    await page.goto(`${app.baseUrl}/dashboard`);
    const row = page.getByTestId("dashboard-row").filter({ hasText: "Checkout: PlaceOrder from history" });
    await row.waitFor();
    await settled();
    await shot("dashboard");
  });

  it("Duplicate opens the wizard prefilled from the SLO", async () => {
    await page.goto(`${app.baseUrl}/slos/checkout-placeorder-from-history`);
    await page.getByRole("link", { name: "Duplicate" }).click();
    await page.waitForURL(/service=checkout/);
    await expect.poll(stepTitle, { timeout: 10_000 }).toBe("4. History");
    expect(new URL(page.url()).searchParams.get("op")).toBe("PlaceOrder");
    await page.getByTestId("rate-chart").locator(".recharts-line-curve").waitFor({ timeout: 60_000 });
  });
});
