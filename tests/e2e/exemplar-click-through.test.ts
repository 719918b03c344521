// From a latency spike to the trace behind it, in a real browser on demo data: the Handy Site Corp
// world's history (10 days, the checkout 2.14.0 regression of PlaceOrder 9 days ago) backfilled into
// Prometheus, its past exemplars seeded by remote write (scripts/demo/seed-exemplars.ts), the world
// server answering scrapes and Tempo's trace API, `next start` on a throwaway PostgreSQL. The test
// opens the checkout SLO as of the regression, reads the slow requests of a burn window, clicks an
// exemplar above the threshold, lands on its waterfall with the critical path drawn, opens a span's
// details and comes back. Screenshots go to tests/.tmp/screenshots/exemplars/.
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAggregator } from "@/lib/demo/aggregate";
import { boundsInMs, historyFamilies, newSeriesBank, sampleInstants } from "@/lib/demo/history";
import { LiveWorld } from "@/lib/demo/live";
import { HANDY_SITE_CORP } from "@/lib/demo/world";
import { TEMPO } from "@/lib/promql/profiles";
import type { MetricFamily } from "@/lib/spanmetrics/types";
import { renderOpenMetricsBackfill } from "@/lib/spanmetrics/render";
import { seedPastExemplars } from "@/scripts/demo/seed-exemplars";
import { startWorldServer, type WorldServer } from "@/scripts/demo/world-server";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { freePort } from "../helpers/ports";
import { startPrometheus, TMP_ROOT, type TestPrometheus } from "../helpers/prometheus";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SHOTS = path.resolve(__dirname, "..", ".tmp", "screenshots", "exemplars");
const MIN = 60_000;
const DAY_MS = 86_400_000;
const DAYS = 10;
const SEED = "e2e-exemplars";
const SERVICES = new Set(["checkout", "payment", "orders", "frontend"]);
const world = HANDY_SITE_CORP;

const anchorMs = Math.floor(Date.now() / MIN) * MIN;
const regression = world.events.find((e) => e.id === "checkout-regression")!;
const regressionStart = (Math.floor((anchorMs - regression.daysAgo * DAY_MS) / DAY_MS) * DAY_MS) / 1000 + regression.startMinuteUtc * 60;
const regressionEnd = regressionStart + regression.durationMs / 1000;
// The page is read as of late in the regression: the last hour's look-back lies inside it.
const at = regressionEnd - 1800;

let app: AppServer;
let prom: TestPrometheus;
let server: WorldServer;
let browser: Browser;
let page: Page;
let sloId: string;
let n = 0;

async function writeHistory(file: string) {
  const agg = createAggregator(world, { seed: SEED, anchorMs, boundsMs: boundsInMs(TEMPO) });
  const start = anchorMs - DAYS * DAY_MS;
  const bank = newSeriesBank(TEMPO, agg.keys, start);
  const instants = [start, ...sampleInstants(start, anchorMs, { fineStepMs: 10 * MIN, coarseStepMs: 10 * MIN, fineSpanMs: 0 })];
  const keep = (labels: Readonly<Record<string, string>>) => SERVICES.has(labels[TEMPO.labels.service]);
  const families = historyFamilies(agg, bank, instants).map((f) => ({ ...f, series: [...(f.series as Iterable<{ labels: Readonly<Record<string, string>> }>)].filter((s) => keep(s.labels)) }) as MetricFamily);
  const out = createWriteStream(file);
  for (const chunk of renderOpenMetricsBackfill(families)) if (!out.write(chunk)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  // The live producer continues the backfilled counters.
  return bank;
}

async function api<T = Record<string, unknown>>(method: string, p: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${app.baseUrl}${p}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as T };
}

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${String(++n).padStart(2, "0")}-${name}.png`), fullPage: true });
const settled = () => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 60_000 });

beforeAll(async () => {
  await rm(SHOTS, { recursive: true, force: true });
  await mkdir(SHOTS, { recursive: true });
  await mkdir(TMP_ROOT, { recursive: true });
  const om = path.join(TMP_ROOT, `e2e-exemplars-${process.pid}.om.txt`);
  const bank = await writeHistory(om);
  const live = new LiveWorld(bank, { world, seed: SEED, anchorMs, holdExemplars: true });
  server = await startWorldServer({ live, resource: { serviceVersions: world.serviceVersions, scope: { name: "demo", version: "1" } } });
  const target = new URL(server.url).host;
  const [p, a] = await Promise.allSettled([
    startPrometheus({ openMetricsFile: om, maxBlockDuration: "480h", scrapeTargets: [target], scrapeIntervalSeconds: 5, extraFlags: ["--web.enable-remote-write-receiver"] }),
    startAppServer(),
  ]);
  await rm(om, { force: true });
  if (p.status === "fulfilled") prom = p.value;
  if (a.status === "fulfilled") app = a.value;
  if (p.status === "rejected") throw p.reason;
  if (a.status === "rejected") throw a.reason;
  // One checkout request a minute through the regression (and every 10 minutes around it).
  const seeded = await seedPastExemplars({
    live,
    prometheusUrl: prom.url,
    targetLabels: { job: "target0", instance: target },
    seed: SEED,
    world,
    anchorMs,
    fromMs: (regressionStart - 20 * 3600) * 1000,
    toMs: (regressionEnd + 2 * 3600) * 1000,
    stepMs: 10 * MIN,
    eventStepMs: MIN,
    entries: ["frontend/POST /checkout"],
  });
  expect(seeded.traces).toBeGreaterThan(200);

  const ds = await api<{ id: string }>("POST", "/api/datasources", { slug: "demo", name: "Demo Prometheus", prometheusUrl: prom.url, producerProfile: "auto", traceBackend: "tempo", traceUrl: server.url });
  expect(ds.status, JSON.stringify(ds.json)).toBe(201);
  const slo = await api<{ id: string }>("POST", "/api/slos", {
    slug: "checkout-place-order",
    name: "Checkout PlaceOrder latency",
    service: "checkout",
    operation: "PlaceOrder",
    spanKind: "SPAN_KIND_SERVER",
    thresholdSeconds: 0.512,
    objective: 0.99,
    window: { kind: "rolling", days: 28 },
    datasourceId: ds.json.id,
  });
  expect(slo.status, JSON.stringify(slo.json)).toBe(201);
  sloId = slo.json.id;

  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  page.setDefaultTimeout(30_000);
  page.on("response", async (res) => {
    if (res.url().includes("/api/") && res.status() >= 400) console.error(`${res.status()} ${res.request().method()} ${res.url()}: ${(await res.text().catch(() => "")).slice(0, 600)}`);
  });
}, 900_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail") await shot(`failed-${ctx.task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, "-")}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), prom?.stop(), server?.close()]);
});

describe("exemplar click-through", () => {
  let traceId = "";

  it("the SLO page as of the regression draws latency with exemplar dots above the threshold", async () => {
    // A week: the backfill samples every 10 minutes, too coarse for the day view's 5-minute steps.
    await page.goto(`${app.baseUrl}/slos/${sloId}?at=${at}&range=7d`);
    const chart = page.getByTestId("latency-chart");
    await chart.locator('[data-testid="exemplar-dot"][data-above="true"]').first().waitFor({ timeout: 90_000 });
    await settled();
    // The percentile lines are drawn (a path with points), not just their legend.
    expect((await chart.locator(".recharts-line-curve").first().getAttribute("d"))?.length ?? 0).toBeGreaterThan(20);
    const above = await chart.locator('[data-testid="exemplar-dot"][data-above="true"]').count();
    const below = await chart.locator('[data-testid="exemplar-dot"][data-above="false"]').count();
    expect(above).toBeGreaterThan(5);
    expect(below).toBeGreaterThan(5);
    expect(await page.getByRole("region", { name: /Latency and the requests behind it/ }).textContent()).toContain("bucket-resolution estimates");
    expect(await page.getByTestId("exemplar-summary").textContent()).toMatch(/sampled request\(s\) in this span/);
    await chart.scrollIntoViewIfNeeded();
    await shot("latency-chart");
  });

  it("a burn-rate row lists the look-back's slow requests, slowest first", async () => {
    await page.getByRole("button", { name: "Show slow requests of the last 1h" }).click();
    await page.waitForURL(/slow=1h/);
    const list = page.getByTestId("slow-requests");
    await list.locator("tbody tr").first().waitFor({ timeout: 30_000 });
    const ms = (await list.locator("tbody tr td:first-child").allTextContents()).map((t) => (t.endsWith(" s") ? 1000 : 1) * Number(t.replace(/[^\d.]/g, "")));
    expect(ms.length).toBeGreaterThan(3);
    expect(ms.every((v) => v > 512)).toBe(true);
    expect([...ms].sort((a, b) => b - a)).toEqual(ms);
    const times = await list.locator("tbody tr td:nth-child(5)").allTextContents();
    for (const t of times) {
      const s = Date.parse(t.replace(" UTC", "Z").replace(" ", "T")) / 1000;
      expect(s).toBeGreaterThanOrEqual(at - 3600 - 1);
      expect(s).toBeLessThanOrEqual(at + 1);
    }
    await list.scrollIntoViewIfNeeded();
    await shot("slow-requests-1h");
  });

  it("clicking an exemplar above the threshold opens its waterfall with the critical path", async () => {
    const dot = page.getByTestId("latency-chart").locator('[data-testid="exemplar-dot"][data-above="true"]').first();
    traceId = (await dot.getAttribute("data-trace-id"))!;
    await dot.scrollIntoViewIfNeeded();
    await dot.click({ force: true });
    await page.waitForURL(new RegExp(`/traces/${traceId}\\?`), { timeout: 30_000 });
    const url = new URL(page.url());
    expect(url.searchParams.get("slo")).toBe(sloId);
    expect(url.searchParams.get("datasource")).toBeTruthy();
    const waterfall = page.getByTestId("waterfall");
    await waterfall.locator('[role="treeitem"]').first().waitFor({ timeout: 30_000 });
    await settled();
    expect(await waterfall.locator('[data-critical="true"]').count()).toBeGreaterThan(1);
    // The span the SLO measures is marked, and the threshold is drawn.
    expect(await waterfall.locator('[data-slo-match="true"]').count()).toBeGreaterThan(0);
    await page.getByTestId("slo-threshold").waitFor();
    await shot("waterfall");
  });

  it("opens a span's details and comes back to the SLO page", async () => {
    const row = page.getByTestId("waterfall").locator('[data-slo-match="true"]').first();
    await row.click();
    const detail = page.getByTestId("span-detail");
    await detail.waitFor();
    expect(await detail.textContent()).toContain("PlaceOrder");
    await shot("span-detail");
    await page.goBack();
    // The span selection may be its own history entry: go back until the SLO page shows.
    if (!/\/slos\//.test(page.url())) await page.goBack();
    await page.waitForURL(/\/slos\//);
    await page.getByTestId("latency-chart").locator('[data-testid="exemplar-dot"]').first().waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get("at")).toBe(String(at));
    expect(new URL(page.url()).searchParams.get("slow")).toBe("1h");
    await shot("back-on-slo");
  });

  it("a trace the backend no longer has is said plainly, not opened", async () => {
    const gone = "0123456789abcdef0123456789abcdef";
    const res = await api<{ trace: string; note: string }>("GET", `/api/slos/${sloId}/exemplars/check?traceId=${gone}`);
    expect(res.json.trace).toBe("missing");
    expect(res.json.note).toMatch(/no longer in Tempo: it was probably sampled out or is past retention/);
  });

  it("Settings: the Traces fieldset tests its connection to the demo's Tempo, and says why a dead URL fails", async () => {
    await page.goto(`${app.baseUrl}/settings`);
    await page.getByRole("button", { name: "Edit Demo Prometheus" }).click();
    const form = page.getByRole("form", { name: "Edit datasource Demo Prometheus" });
    const traces = form.getByRole("group", { name: "Traces" });
    await traces.getByLabel("Trace backend", { exact: true }).selectOption("tempo");
    await traces.getByLabel("Trace backend URL").fill(server.url);
    await traces.getByLabel("Trace backend authentication").selectOption("bearer");
    const secret = "e2e-trace-secret-4f1c";
    await traces.getByLabel(/Trace secret/).fill(secret);
    await traces.getByLabel("Grafana URL").fill("https://grafana.example.test");
    await traces.getByLabel("Tempo datasource UID in Grafana").fill("tempo-uid");
    await form.getByRole("button", { name: "Test connection" }).click();
    const result = form.getByRole("status", { name: "Connection test result" });
    await result.waitFor();
    const reached = (await result.textContent()) ?? "";
    expect(reached).toContain(`Reached Tempo`);
    expect(reached).toContain(`at ${server.url.replace(/\/+$/, "")}`);
    expect(reached).not.toContain(secret);
    await traces.scrollIntoViewIfNeeded();
    await shot("settings-traces-ok");

    // Nothing listens on a port just freed: the trace check fails in words, the others still run.
    const dead = `http://127.0.0.1:${await freePort()}`;
    await traces.getByLabel("Trace backend URL").fill(dead);
    await form.getByRole("button", { name: "Test connection" }).click();
    await expect.poll(async () => (await result.textContent()) ?? "", { timeout: 30_000 }).toContain(`Tempo at ${dead}`);
    const failed = (await result.textContent()) ?? "";
    expect(failed).toContain("Connection test found problems.");
    expect(failed).toMatch(/could not be reached \(/);
    await shot("settings-traces-failed");
  });
});
