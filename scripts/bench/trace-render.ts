// Benchmark: the trace view on a generated 5,000-span trace, in Chromium, through the real app
// (`next start`, the API route, the Tempo adapter) against a stand-in Tempo answering the v2
// trace-by-ID API in Tempo's JSON. Prints:
// - first render: navigation start → the waterfall's rows in the DOM (the performance mark the
//   component sets), and the part of it after the API's answer arrived;
// - expand, collapse (all, and one row), select (a click until the detail panel shows) and scroll
//   (to the middle until those rows are in the DOM), each until the next frame is painted;
// - the page's first-load JS, compressed on the wire (CDP Network events, as bench:page-weight).
// Targets (issue 17): first render < 300 ms, each interaction < 100 ms; ≤ 200 kB JS (issue 19).
//
//   npm run bench:trace-render      # SIGHTLINE_NEXT_DIST_DIR=.next-x to build/serve elsewhere
import { cpus, loadavg } from "node:os";
import { chromium, type Browser, type Page } from "playwright-core";
import { tempoV2Body } from "@/lib/demo/tempo-json";
import { layoutTrace } from "@/lib/traces/waterfall";
import { startAppServer } from "@/tests/helpers/app-server";
import { freePort } from "@/tests/helpers/ports";
import { closeStubs, sendJson, serveStub } from "@/tests/helpers/stub-backend";
import { generateTraceSpecs, toLiveTrace, traceOf } from "@/tests/fixtures/trace-view";

const SPANS = 5000;
const RUNS = 5;
const MARK = "sightline:trace-rows-visible";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(1).padStart(6)} ms   max ${Math.max(...xs).toFixed(1).padStart(6)} ms`;

/** Runs `act` in the page and returns ms until `done` holds and the next frame has painted. */
async function timed(page: Page, act: string, done: string): Promise<number> {
  return page.evaluate(
    async ({ act, done }) => {
      const run = new Function(act) as () => void;
      const ok = new Function(`return (${done})`) as () => boolean;
      const t0 = performance.now();
      run();
      while (!ok()) await new Promise((r) => requestAnimationFrame(r));
      // The frame that shows the change: wait for it to be produced.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    },
    { act, done },
  );
}

/** Compressed bytes of each script the page loads before its load event, by URL path. */
async function jsWeight(browser: Browser, url: string): Promise<Map<string, number>> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const scripts = new Map<string, string>();
  const sizes = new Map<string, number>();
  let loadedAt = Number.POSITIVE_INFINITY;
  cdp.on("Network.requestWillBeSent", (e) => void (e.type === "Script" && scripts.set(e.requestId, e.request.url)));
  cdp.on("Network.responseReceived", (e) => void (e.type === "Script" && scripts.set(e.requestId, e.response.url)));
  cdp.on("Network.loadingFinished", (e) => void (scripts.has(e.requestId) && e.timestamp <= loadedAt && sizes.set(new URL(scripts.get(e.requestId)!).pathname, e.encodedDataLength)));
  cdp.on("Page.loadEventFired", (e) => (loadedAt = Math.min(loadedAt, e.timestamp)));
  await cdp.send("Page.enable");
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(300);
  await context.close();
  return sizes;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

async function main() {
  const trace = traceOf(generateTraceSpecs(SPANS));
  const t0 = performance.now();
  layoutTrace(trace);
  const layoutMs = performance.now() - t0;
  const body = JSON.stringify(tempoV2Body(toLiveTrace(trace), { serviceVersions: {}, scope: { name: "bench", version: "1" } }));
  const tempo = await serveStub((req, _n, res) => {
    if (req.url.startsWith(`/api/v2/traces/${trace.traceId}`)) res.writeHead(200, { "Content-Type": "application/json" }).end(body);
    else sendJson(res, 404, {});
  });
  const app = await startAppServer();
  let browser: Browser | undefined;
  try {
    const res = await fetch(`${app.baseUrl}/api/datasources`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: "bench", name: "Bench", prometheusUrl: `http://127.0.0.1:${await freePort()}`, producerProfile: "tempo", traceBackend: "tempo", traceUrl: tempo.url }),
    });
    if (!res.ok) throw new Error(`POST /api/datasources: HTTP ${res.status} ${await res.text()}`);
    const ds = (await res.json()) as { id: string };
    const url = `${app.baseUrl}/traces/${trace.traceId}?datasource=${ds.id}`;
    // Warm the server (first compile of the route, the datasource read) so runs measure the page.
    const api = await fetch(`${app.baseUrl}/api/traces/${trace.traceId}?datasource=${ds.id}`);
    if (!api.ok) throw new Error(`GET /api/traces: HTTP ${api.status} ${await api.text()}`);
    const apiBytes = (await api.arrayBuffer()).byteLength;

    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const m = { first: [] as number[], afterData: [] as number[], api: [] as number[], collapseAll: [] as number[], expandAll: [] as number[], toggle: [] as number[], select: [] as number[], scroll: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, { timeout: 30_000 });
      const t = await page.evaluate((mark) => {
        const at = performance.getEntriesByName(mark)[0].startTime;
        const r = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/traces/")) as PerformanceResourceTiming | undefined;
        return { at, apiEnd: r?.responseEnd ?? 0, apiMs: r ? r.responseEnd - r.startTime : 0 };
      }, MARK);
      m.first.push(t.at);
      m.afterData.push(t.at - t.apiEnd);
      m.api.push(t.apiMs);
      const rows = 'document.querySelectorAll("[role=treeitem]").length';
      m.collapseAll.push(await timed(page, `[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Collapse all").click()`, `${rows} === 1`));
      m.expandAll.push(await timed(page, `[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Expand all").click()`, `${rows} > 20`));
      m.toggle.push(
        await timed(
          page,
          `const r = document.querySelector('[role=treeitem][aria-level="2"][aria-expanded="true"]'); r.setAttribute("data-bench", "1"); r.querySelector("button").click()`,
          `document.querySelector("[data-bench]").getAttribute("aria-expanded") === "false"`,
        ),
      );
      m.select.push(await timed(page, `document.querySelectorAll("[role=treeitem]")[5].click()`, `!!document.querySelector('[data-testid="span-detail"]')`));
      m.scroll.push(
        await timed(
          page,
          `const el = document.querySelector('[role=tree]'); el.scrollTop = el.scrollHeight / 2`,
          `(() => { const el = document.querySelector('[role=tree]'); const n = Number(el.querySelectorAll('[role=treeitem]')[8]?.getAttribute('aria-posinset')); return n * 28 >= el.scrollHeight / 2 - 28 * 20 && n * 28 <= el.scrollHeight / 2 + 28 * 20; })()`,
        ),
      );
      await context.close();
    }
    const weight = await jsWeight(browser, url);
    // What the trace page adds: its scripts that the catalogue page (the app's plainest) does not load.
    const base = await jsWeight(browser, `${app.baseUrl}/slos`);
    const added = [...weight].filter(([u]) => !base.has(u)).sort((a, b) => b[1] - a[1]);

    console.log(`Trace view, ${SPANS} spans (Tempo v2 JSON ${(body.length / 1e6).toFixed(1)} MB, API answer ${(apiBytes / 1e6).toFixed(1)} MB), ${RUNS} runs in Chromium`);
    // Figures scale with contention: say how busy the machine was.
    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" / ")} (1 / 5 / 15 min)\n`);
    console.log(`layoutTrace in node (tree, critical path, rows)     ${layoutMs.toFixed(1)} ms`);
    console.log(`GET /api/traces seen by the page                     ${fmt(m.api)}`);
    console.log(`first render: navigation start → rows visible       ${fmt(m.first)}   (target < 300 ms)`);
    console.log(`  of which after the API answer arrived             ${fmt(m.afterData)}`);
    console.log(`collapse all (5,000 → 1 rows)                       ${fmt(m.collapseAll)}   (target < 100 ms)`);
    console.log(`expand all (1 → 5,000 rows)                         ${fmt(m.expandAll)}   (target < 100 ms)`);
    console.log(`collapse one row                                    ${fmt(m.toggle)}   (target < 100 ms)`);
    console.log(`select a row (detail panel shown)                   ${fmt(m.select)}   (target < 100 ms)`);
    console.log(`scroll to the middle (rows rendered)                ${fmt(m.scroll)}   (target < 100 ms)`);
    const kb = (b: number) => `${(b / 1000).toFixed(1)} kB`;
    console.log(`first-load JS of the page, compressed               ${kb(total(weight))}   (budget 200 kB; /slos loads ${kb(total(base))})`);
    console.log(`  added by the trace page (not loaded by /slos)     ${kb(added.reduce((a, [, b]) => a + b, 0))}: ${added.slice(0, 6).map(([u, b]) => `${u.split("/").pop()} ${kb(b)}`).join(", ")}`);
  } finally {
    await browser?.close();
    await app.stop();
    await closeStubs();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
