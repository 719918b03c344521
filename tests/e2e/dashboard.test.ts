// The manager's dashboard at scale, in Chromium: Prometheus backfilled with the 8-day Tempo
// ground-truth history, `next start` on a throwaway PostgreSQL, 1,000 active SLOs inserted with
// one SQL statement (990 on that Prometheus, 10 on a datasource that is down). The first HTML
// must already hold tiles and rows (server prefetch), the tiles must equal the API's totals, only
// a screenful of rows may be in the DOM (virtualised), and search, filters, grouping, sorting and
// the CSV export must agree with the same pure mappers applied to GET /api/overview.
// Screenshots land in tests/.tmp/screenshots/dashboard-*.png.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filterSlos, sortSlos, visibleGroups } from "@/lib/client/overview/rows";
import { DEFAULT_SEARCH } from "@/lib/client/overview/search-params";
import { TEMPO } from "@/lib/promql/profiles";
import { OverviewResponse } from "@/lib/schemas/overview";
import { generateTruthHistory } from "@/tests/fixtures/truth-history";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { freePort, startPrometheus, TMP_ROOT, type TestPrometheus } from "../helpers/prometheus";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SHOTS = path.resolve(__dirname, "..", ".tmp", "screenshots");
const REPORTS_ROUTE = path.resolve(__dirname, "..", "..", "app", "reports");

const h = generateTruthHistory({ profile: TEMPO, days: 8, fineTailSeconds: 0 });
const END = h.ticks[h.ticks.length - 1];
const N = 1000;
const DOWN = 10;
const TEAMS = ["payments", "discovery", "platform", "growth", "billing", "identity", "mobile", "web", "data", "infra"];
const OPS: [string, string][] = [
  ["checkout", "POST /checkout"], ["checkout", "SELECT orders"], ["cart", "redis GET"], ["search", "GET /search"],
  ["search", "rank"], ["billing", "POST /invoices"], ["billing", "invoice.process"], ["billing", "POST /refunds"], // the last has no traffic
];
const OBJECTIVES = [0.9, 0.95, 0.99, 0.995, 0.999];
const FORMULA_NAME = '=HYPERLINK("http://evil.example","export check")';

let app: AppServer;
let prom: TestPrometheus;
let browser: Browser;
let page: Page;
let api: OverviewResponse;

async function post(p: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${app.baseUrl}${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string };
}

/** 1,000 SLOs in one INSERT: many teams, services, thresholds at real boundaries, objectives. */
async function seedSlos(truthDs: string, downDs: string) {
  const cols = ["id", "slug", "name", "team", "service", "operation", "thresholdSeconds", "objective", "windowDays", "datasourceId"];
  const values: unknown[] = [];
  const rows: string[] = [];
  for (let i = 0; i < N; i++) {
    const [service, operation] = OPS[i % OPS.length];
    const threshold = h.boundsSeconds[4 + (i % 5)];
    const name = i === 10 ? FORMULA_NAME : `${service} ${operation} under ${Math.round(threshold * 1000)} ms #${String(i).padStart(4, "0")}`;
    const down = i >= N - DOWN;
    values.push(`seed${i}`, `seed-${String(i).padStart(4, "0")}`, name, TEAMS[i % TEAMS.length], service, operation, threshold, OBJECTIVES[i % OBJECTIVES.length], 7, down ? downDs : truthDs);
    const base = rows.length * cols.length;
    rows.push(`(${cols.map((_, j) => `$${base + j + 1}`).join(", ")}, 'exact', 'rolling', 'active', now())`);
  }
  const client = new pg.Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO "Slo" (${cols.map((c) => `"${c}"`).join(", ")}, "operationMatch", "windowKind", "status", "updatedAt") VALUES ${rows.join(", ")}`, values);
  } finally {
    await client.end();
  }
}

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `dashboard-${name}.png`) });
const rowSlugs = () => page.getByTestId("dashboard-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-slug")));
const summary = () => page.getByTestId("dashboard-summary").textContent();
const tile = async (key: string) => Number((await page.getByTestId(`tile-${key}`).locator("dd").first().textContent())!.replaceAll(",", ""));

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  const om = path.join(TMP_ROOT, `e2e-dashboard-${process.pid}.om.txt`);
  await writeTruthFile(om, [h], "openmetrics");
  try {
    [prom, app] = await Promise.all([startPrometheus({ openMetricsFile: om }), startAppServer()]);
  } finally {
    await rm(om, { force: true });
  }
  const ds = await post("/api/datasources", { slug: "truth", name: "Truth Prometheus", prometheusUrl: prom.url, producerProfile: "tempo" });
  const down = await post("/api/datasources", { slug: "down", name: "Prometheus that is down", prometheusUrl: `http://127.0.0.1:${await freePort()}`, producerProfile: "tempo" });
  await seedSlos(ds.id, down.id);
  const res = await fetch(`${app.baseUrl}/api/overview?at=${END}`);
  expect(res.status).toBe(200);
  api = OverviewResponse.parse(await res.json());
  expect(api.slos).toHaveLength(N);

  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true })).newPage();
  page.setDefaultTimeout(20_000);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), prom?.stop()]);
});

describe("the dashboard with 1,000 SLOs", () => {
  it("arrives rendered: the first HTML holds the tiles and a screenful of rows, not all 1,000", async () => {
    const res = await fetch(`${app.baseUrl}/dashboard?at=${END}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="dashboard-tiles"');
    expect(html).toMatch(/data-testid="tile-total".*?>1,000</s);
    const rows = html.match(/data-testid="dashboard-row"/g)?.length ?? 0;
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThan(60);
    // Default order: grouped by team A→Z, worst budget first inside; the first row is the server's.
    const first = visibleGroups(api.slos, { ...DEFAULT_SEARCH, at: END })[0].slos[0];
    expect(html).toContain(`data-slug="${first.slug}"`);
  });

  it("shows tiles equal to the API's totals, unavailable SLOs in words, and keeps the DOM small", async () => {
    await page.goto(`${app.baseUrl}/dashboard?at=${END}`);
    await page.getByTestId("dashboard-row").first().waitFor();
    expect(await tile("total")).toBe(N);
    expect(await tile("at-risk")).toBe(api.totals.at_risk);
    expect(await tile("exhausted")).toBe(api.totals.exhausted);
    expect(await tile("no-data")).toBe(api.totals.no_data);
    expect(await tile("unavailable")).toBe(DOWN);
    // POST /refunds has no traffic: every SLO on it that is not on the down datasource.
    const silent = Array.from({ length: N - DOWN }, (_, i) => i).filter((i) => OPS[i % OPS.length][1] === "POST /refunds").length;
    expect(api.totals.no_data).toBeGreaterThanOrEqual(silent);
    expect(await page.getByTestId("dashboard-row").count()).toBeLessThan(60);
    expect(await page.getByTestId("read-path").first().textContent()).toBe("raw");
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    await shot("default");

    // Scrolling to the end draws the last rows (the virtualiser follows the window).
    const last = visibleGroups(api.slos, { ...DEFAULT_SEARCH, at: END }).at(-1)!.slos.at(-1)!;
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.locator(`[data-slug="${last.slug}"]`).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));

    // The down datasource's SLOs: found by its name, each unavailable with the problem in words.
    await page.getByLabel("Search SLOs").fill("that is down");
    await page.waitForURL(/q=that\+is\+down/);
    await expect.poll(summary).toBe(`${DOWN} SLOs · ${DOWN} unavailable shown of 1,000`);
    const states = await page.getByTestId("dashboard-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-state")));
    expect(new Set(states)).toEqual(new Set(["unavailable"]));
    const detail = await page.getByTestId("dashboard-row").first().getByTestId("state-detail").textContent();
    expect(detail).toMatch(/\w+ \w+/);
    expect(detail).not.toMatch(/undefined|\[object/);
    await shot("unavailable");
  });

  it("searches, filters by team and service, groups and sorts, all in the URL", async () => {
    await page.goto(`${app.baseUrl}/dashboard?at=${END}`);
    await page.getByLabel("Search SLOs").fill("invoice");
    await page.waitForURL(/q=invoice/);
    const invoice = filterSlos(api.slos, { q: "invoice", team: "", service: "" });
    await expect.poll(summary).toMatch(new RegExp(`^${invoice.length} SLOs.* shown of 1,000$`));

    await page.getByLabel("Filter by team").selectOption("billing");
    await page.waitForURL(/team=billing/);
    const billing = filterSlos(api.slos, { q: "invoice", team: "billing", service: "" });
    await expect.poll(summary).toMatch(new RegExp(`^${billing.length} SLOs.* shown of 1,000$`));
    expect(await page.getByTestId("dashboard-group").allTextContents()).toEqual([`billing${billing.length} SLOs${groupNote(billing)}Monthly report`]);

    await page.getByLabel("Search SLOs").fill("");
    await page.getByLabel("Filter by service").selectOption("search");
    await page.waitForURL((u) => u.searchParams.get("service") === "search" && !u.searchParams.has("q"));
    await page.getByRole("radio", { name: "Service" }).click();
    await page.waitForURL(/group=service/);
    // The URL changes as the click is handled; the regrouped table follows on the next render.
    await expect.poll(() => page.getByTestId("dashboard-group").evaluateAll((els) => els.map((e) => e.querySelector('[role="rowheader"]')?.textContent))).toEqual(["search"]);

    // Sort by SLI, worst first, then flip: the order is the mapper's on the API's numbers.
    const shown = filterSlos(api.slos, { q: "", team: "billing", service: "search" });
    await page.getByRole("button", { name: /^SLI · objective/ }).click();
    await page.waitForURL(/sort=sli/);
    await expect.poll(async () => leads(await rowSlugs(), sortSlos(shown, "sli", "asc"))).toBe(true);
    await page.getByRole("button", { name: /^SLI · objective/ }).click();
    await page.waitForURL(/dir=desc/);
    await expect.poll(async () => leads(await rowSlugs(), sortSlos(shown, "sli", "desc"))).toBe(true);
    await shot("filtered");

    // The URL alone reproduces the view, rendered by the server.
    const url = page.url();
    const html = await (await fetch(url)).text();
    const serverOrder = [...html.matchAll(/data-testid="dashboard-row" data-slug="([^"]+)"/g)].map((m) => m[1]);
    expect(leads(serverOrder, sortSlos(shown, "sli", "desc"))).toBe(true);
    await page.reload();
    await expect.poll(async () => leads(await rowSlugs(), sortSlos(shown, "sli", "desc"))).toBe(true);
    expect(await page.getByLabel("Filter by team").inputValue()).toBe("billing");
  });

  it("exports what is shown as CSV, formulas defused", async () => {
    await page.goto(`${app.baseUrl}/dashboard?at=${END}&team=payments&sort=name`);
    await page.getByTestId("dashboard-row").first().waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sightline-dashboard-.*Z\.csv$/);
    const text = await readFile((await download.path())!, "utf8");
    const lines = text.split("\r\n").filter(Boolean);
    const want = sortSlos(filterSlos(api.slos, { q: "", team: "payments", service: "" }), "name", "asc");
    expect(lines).toHaveLength(want.length + 1);
    expect(lines[0].split(",").slice(0, 4)).toEqual(["team", "service", "slo", "slug"]);
    // Slugs hold no comma or quote: the fourth field of each line is the slug, in the order shown.
    const slugs = lines.slice(1).map((l) => l.match(/,(seed-\d{4}),/)?.[1]);
    expect(slugs).toEqual(want.map((s) => s.slug));
    const trap = lines.find((l) => l.includes("seed-0010"))!;
    expect(trap).toContain(`"'=HYPERLINK(""http://evil.example"",""export check"")"`);
  });

  it("a team nobody has is the not-found page, not an empty table", async () => {
    // The status stays 200: loading.tsx has already streamed the shell when the page calls notFound().
    await page.goto(`${app.baseUrl}/dashboard?team=no-such-team`);
    await page.getByText("No such team or service on the dashboard").waitFor();
    expect(await page.getByTestId("dashboard-row").count()).toBe(0);
  });

  it.runIf(existsSync(REPORTS_ROUTE))("opens a team's monthly report from its group", async () => {
    await page.goto(`${app.baseUrl}/dashboard?at=${END}&team=payments`);
    await page.getByTestId("dashboard-group").getByRole("link", { name: "Monthly report" }).click();
    await page.waitForURL((u) => u.pathname === "/reports" && u.searchParams.get("team") === "payments" && u.searchParams.get("month") === "2026-10");
    // A month of 100 SLOs is computed on the server before the report renders.
    await page.getByTestId("report-summary").waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("report-slo").count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/NaN|undefined/);
    await shot("report");
  });
});

/** The rows drawn (a virtualised screenful) are the first of `want`, in its order. */
function leads(drawn: (string | null)[], want: OverviewResponse["slos"]): boolean {
  return drawn.length >= Math.min(5, want.length) && drawn.every((slug, i) => slug === want[i]?.slug);
}

function groupNote(slos: OverviewResponse["slos"]): string {
  const ex = slos.filter((s) => s.state === "exhausted").length, risk = slos.filter((s) => s.state === "at_risk").length;
  return `${ex ? ` · ${ex} exhausted` : ""}${risk ? ` · ${risk} at risk` : ""}`;
}
