// Benchmark: the trace view on a generated 5,000-span trace, in Chromium, through the real app
// (`next start`, the API route, the Tempo adapter) against a stand-in Tempo answering the v2
// trace-by-ID API in Tempo's JSON. Prints:
// - first render, as separate figures (performance marks the components set):
//   · data available → rows painted: from the first client render holding the trace (hydration of
//     the server-prefetched query) to the frame after the first commit with rows — the waterfall's
//     own cost (layout, virtualiser, rows), what the < 300 ms target is about;
//   · page load: navigation start → first contentful paint (the server-rendered rows, visible before
//     any script runs), and navigation start → rows painted by the hydrated page (interactive),
//     which includes the server's backend read, the HTML with the dehydrated trace, the JS and
//     hydration;
//   · GET /api/traces measured from node (the server's read of the backend, parse and normalisation);
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
const DATA_MARK = "sightline:trace-data-available";
const PAINTED_MARK = "sightline:trace-rows-painted";
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
  // The app as the e2e suite runs it (vitest.config.mts): demo auth, nobody to sign in.
  process.env.SIGHTLINE_AUTH ??= "demo";
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
    const apiMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await (await fetch(`${app.baseUrl}/api/traces/${trace.traceId}?datasource=${ds.id}`)).arrayBuffer();
      apiMs.push(performance.now() - t);
    }

    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const m = { fcp: [] as number[], loaded: [] as number[], afterData: [] as number[], htmlMB: [] as number[], browserApiCalls: [] as number[], collapseAll: [] as number[], expandAll: [] as number[], toggle: [] as number[], select: [] as number[], scroll: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, PAINTED_MARK, { timeout: 30_000 });
      const t = await page.evaluate(
        ({ data, painted }) => {
          // No named helpers in here: tsx's __name wrapper does not exist in the page.
          const [d, p, f] = [data, painted, "first-contentful-paint"].map((n) => performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN);
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          const apiCalls = performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/traces/")).length;
          return { data: d, painted: p, fcp: f, htmlBytes: nav.transferSize, apiCalls };
        },
        { data: DATA_MARK, painted: PAINTED_MARK },
      );
      m.fcp.push(t.fcp);
      m.loaded.push(t.painted);
      m.afterData.push(t.painted - t.data);
      m.htmlMB.push(t.htmlBytes / 1e6);
      m.browserApiCalls.push(t.apiCalls);
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
    console.log(`GET /api/traces from node (backend read + normalise) ${fmt(apiMs)}`);
    console.log(`first render: trace data available → rows painted   ${fmt(m.afterData)}   (target < 300 ms)`);
    console.log(`page load: navigation start → first contentful paint ${fmt(m.fcp)}   (server-rendered rows)`);
    console.log(`page load: navigation start → hydrated rows painted ${fmt(m.loaded)}`);
    console.log(`  HTML document ${median(m.htmlMB).toFixed(2)} MB (dehydrated trace inside); browser requests to /api/traces: ${Math.max(...m.browserApiCalls)}`);
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
