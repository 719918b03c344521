// The trace view in a real browser: `next start` on a throwaway PostgreSQL, a datasource whose
// trace backend is a Tempo stand-in answering the v2 trace-by-ID API with a hand-made checkout
// trace (an error, the SLO's operation, orphans) in Tempo's own JSON. Checks the critical path,
// collapse/expand, keyboard navigation, the ?span= deep link, the detail panel, the orphans'
// placeholder, the SLO threshold and the 404 in words. Screenshots in tests/.tmp/screenshots.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempoV2Body } from "@/lib/demo/tempo-json";
import { checkoutTrace, sid, toLiveTrace } from "@/tests/fixtures/trace-view";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { freePort } from "../helpers/ports";
import { closeStubs, sendJson, serveStub } from "../helpers/stub-backend";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SHOTS = path.resolve(__dirname, "..", ".tmp", "screenshots");
const trace = checkoutTrace();
const MISSING = "0000000000000000ffffffffffffffff";

let app: AppServer;
let browser: Browser;
let page: Page;
let dsId = "";
let sloId = "";

async function post(p: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${app.baseUrl}${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json as { id: string };
}

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `trace-${name}.png`), fullPage: true });
const rowOf = (spanId: string) => page.locator(`[role="treeitem"][data-span-id="${spanId}"]`);
const traceUrl = (extra = "") => `${app.baseUrl}/traces/${trace.traceId}?datasource=${dsId}${extra}`;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  const tempo = await serveStub((req, _n, res) => {
    if (req.url.startsWith(`/api/v2/traces/${trace.traceId}`)) return sendJson(res, 200, tempoV2Body(toLiveTrace(trace), { serviceVersions: { checkout: "1.4.2" }, scope: { name: "io.opentelemetry.http", version: "2.1.0" } }));
    // Tempo's not-found answer: 404 with an empty body.
    res.writeHead(404).end();
  });
  app = await startAppServer();
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.setDefaultTimeout(15_000);
  dsId = (await post("/api/datasources", { slug: "traces", name: "Traces", prometheusUrl: `http://127.0.0.1:${await freePort()}`, producerProfile: "tempo", traceBackend: "tempo", traceUrl: tempo.url })).id;
  sloId = (
    await post("/api/slos", {
      slug: "place-order", name: "PlaceOrder latency", description: "", team: "payments", owner: "", service: "checkout", operation: "PlaceOrder", operationMatch: "exact",
      spanKind: null, extraMatchers: [], thresholdSeconds: 0.5, objective: 0.99, window: { kind: "rolling", days: 28 }, countErrorsAsBad: false, minEvents: 0, datasourceId: dsId, status: "active",
    })
  ).id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await closeStubs();
});

describe("trace view", () => {
  it("shows the waterfall with the critical path, errors, the SLO's operation and threshold, and the orphans' placeholder", async () => {
    await page.goto(traceUrl(`&slo=${sloId}`));
    await rowOf(sid(1)).waitFor();
    // The SLO arrives with a browser fetch after the trace (its schema loads with the answer): wait for it.
    await expect.poll(() => page.locator('[data-slo-match="true"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("frontend: GET /checkout");
    const critical = await page.locator('[role="treeitem"][data-critical="true"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-span-id")));
    // Charge finished last under PlaceOrder, its retry last under Charge.
    expect(critical).toEqual(expect.arrayContaining([sid(1), sid(2), sid(7), sid(9)]));
    expect(critical).not.toContain(sid(10));
    expect(await rowOf(sid(7)).getAttribute("data-error")).toBe("true");
    expect(await rowOf(sid(2)).getAttribute("data-slo-match")).toBe("true");
    const placeholder = page.locator('[role="treeitem"][data-row-kind="missing"]');
    expect(await placeholder.innerText()).toContain("Missing parent 00000000000dead0 (2 spans)");
    expect(await placeholder.getAttribute("aria-level")).toBe("1");
    expect(await rowOf(sid(11)).getAttribute("aria-level")).toBe("2");
    expect(await page.getByTestId("slo-threshold").count()).toBe(1);
    expect(await page.locator("body").innerText()).toContain("SLO 500 ms");
    await shot("waterfall");
  });

  it("collapses and expands one row, one level and everything", async () => {
    await page.goto(traceUrl());
    await rowOf(sid(1)).waitFor();
    const rows = () => page.locator('[role="treeitem"]').count();
    expect(await rows()).toBe(13);
    await page.getByRole("button", { name: "Collapse all" }).click();
    expect(await rows()).toBe(2);
    await page.getByRole("button", { name: "+ level" }).click();
    expect(await rows()).toBe(5);
    await page.getByRole("button", { name: "Expand all" }).click();
    expect(await rows()).toBe(13);
    await rowOf(sid(7)).getByRole("button", { name: /Collapse Charge/ }).click();
    expect(await rowOf(sid(7)).getAttribute("aria-expanded")).toBe("false");
    expect(await rows()).toBe(11);
  });

  it("moves with the keyboard, opens details with Enter, closes with Esc, focuses search with /", async () => {
    await page.goto(traceUrl());
    await rowOf(sid(1)).waitFor();
    await page.getByRole("tree").focus();
    await page.keyboard.press("ArrowDown");
    expect(await rowOf(sid(1)).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("ArrowDown");
    expect(await rowOf(sid(2)).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("ArrowLeft");
    expect(await rowOf(sid(2)).getAttribute("aria-expanded")).toBe("false");
    await page.keyboard.press("ArrowRight");
    expect(await rowOf(sid(2)).getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("ArrowRight");
    expect(await rowOf(sid(3)).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    expect(await rowOf(sid(2)).getAttribute("aria-selected")).toBe("true");
    expect(new URL(page.url()).searchParams.get("span")).toBe(sid(2));
    await page.keyboard.press("Enter");
    await page.getByTestId("span-detail").waitFor();
    expect(await page.getByTestId("span-detail").innerText()).toContain("app.order.items");
    await shot("keyboard-detail");
    await page.keyboard.press("Escape");
    await page.getByTestId("span-detail").waitFor({ state: "detached" });
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("trace-search");
    await page.keyboard.type("service:payments");
    await expect.poll(() => page.locator('[role="treeitem"]').count()).toBe(5);
    expect(await page.locator("#trace-search-count").innerText()).toContain("3 matching spans");
    await shot("search");
  });

  it("opens a deep link ?span= with that span selected and its details shown", async () => {
    await page.goto(traceUrl(`&span=${sid(6)}`));
    await rowOf(sid(6)).waitFor();
    expect(await rowOf(sid(6)).getAttribute("aria-selected")).toBe("true");
    const detail = page.getByTestId("span-detail");
    await detail.waitFor();
    const text = await detail.innerText();
    expect(text).toContain("SELECT stock");
    expect(text).toContain("db.statement");
    expect(text).toContain("SELECT qty FROM stock WHERE sku = $1");
    expect(text).toContain("postgres");
    await rowOf(sid(8)).click();
    expect(new URL(page.url()).searchParams.get("span")).toBe(sid(8));
    expect(await detail.innerText()).toContain("error");
    await shot("deep-link");
  });

  it("says in words when the trace is not in the backend", async () => {
    await page.goto(`${app.baseUrl}/traces/${MISSING}?datasource=${dsId}`);
    await page.getByText("This trace is not in the trace backend").waitFor();
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/sampled out/i);
    expect(text).toMatch(/retention/i);
    await shot("not-found");
  });
});
