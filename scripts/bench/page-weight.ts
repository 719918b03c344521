// Benchmark: first-load JavaScript of every page, compressed, as Chromium receives it from
// `next start` (the production build; next compresses with gzip). Counted over the Chrome DevTools
// Protocol: every response of type Script whose Network.loadingFinished arrives before the page's
// load event, summed by encodedDataLength (bytes on the wire: compressed body plus headers).
// Each page loads in a fresh browser context with the cache off, so shared chunks count on every
// page, as they do for someone who opens that page first. Target: ≤ 200 kB per page (issue 19).
//
//   npm run bench:page-weight      # SIGHTLINE_NEXT_DIST_DIR=.next-x to build/serve elsewhere
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { startAppServer } from "@/tests/helpers/app-server";
import { freePort } from "@/tests/helpers/ports";

const BUDGET_KB = 200;
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const ROOT = path.resolve(__dirname, "..", "..");

type Weight = { scripts: number; bytes: number; largest: { url: string; bytes: number }[] };

async function measure(browser: Browser, url: string): Promise<Weight> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const scripts = new Map<string, string>();
  const sizes = new Map<string, number>();
  let loadedAt = Number.POSITIVE_INFINITY;
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.type === "Script") scripts.set(e.requestId, e.request.url);
  });
  cdp.on("Network.responseReceived", (e) => {
    if (e.type === "Script") scripts.set(e.requestId, e.response.url);
  });
  cdp.on("Network.loadingFinished", (e) => {
    if (scripts.has(e.requestId) && e.timestamp <= loadedAt) sizes.set(e.requestId, e.encodedDataLength);
  });
  cdp.on("Page.loadEventFired", (e) => (loadedAt = Math.min(loadedAt, e.timestamp)));
  await cdp.send("Page.enable");
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await page.goto(url, { waitUntil: "load" });
  // loadingFinished of the last scripts can be dispatched just after the load event's own message.
  await page.waitForTimeout(300);
  await context.close();
  const entries = [...sizes].map(([id, bytes]) => ({ url: scripts.get(id)!, bytes }));
  return { scripts: entries.length, bytes: entries.reduce((s, e) => s + e.bytes, 0), largest: entries.sort((a, b) => b.bytes - a.bytes).slice(0, 3) };
}

async function post(base: string, p: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${base}${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${p}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

async function main() {
  // Pages are weighed as a signed-in person sees them; demo auth needs no sign-in step.
  process.env.SIGHTLINE_AUTH ??= "demo";
  const app = await startAppServer();
  let browser: Browser | undefined;
  try {
    // One SLO for the pages that show one. Its datasource is a closed port: the page's JS is the
    // same whatever the backend answers, and the status queries fail fast.
    const ds = await post(app.baseUrl, "/api/datasources", { slug: "weight", name: "Page weight", prometheusUrl: `http://127.0.0.1:${await freePort()}`, producerProfile: "tempo" });
    const slo = await post(app.baseUrl, "/api/slos", {
      slug: "weight", name: "Page weight", description: "", team: "web", owner: "", service: "checkout", operation: "POST /checkout", operationMatch: "exact",
      spanKind: null, extraMatchers: [], thresholdSeconds: 0.512, objective: 0.99, window: { kind: "rolling", days: 28 }, countErrorsAsBad: false, minEvents: 0,
      datasourceId: ds.id, status: "active",
    });
    const pages = ["/", "/slos", "/slos/new", `/slos/${slo.id}`, `/slos/${slo.id}/edit`, "/dashboard", "/settings"];
    // Pages other work adds: measured once their route exists.
    if (existsSync(path.join(ROOT, "app", "traces"))) pages.push("/traces/4bf92f3577b34da6a3ce929d0e0e4736");
    if (existsSync(path.join(ROOT, "app", "reports"))) pages.push("/reports");

    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const rows: { page: string; w: Weight }[] = [];
    for (const p of pages) rows.push({ page: p.replace(slo.id, "<id>"), w: await measure(browser, `${app.baseUrl}${p}`) });

    const kb = (b: number) => (b / 1000).toFixed(1);
    console.log(`First-load JS, compressed on the wire (kB = 1,000 bytes), budget ${BUDGET_KB} kB per page\n`);
    console.log(`${"page".padEnd(22)} ${"scripts".padStart(7)} ${"kB".padStart(8)}  verdict   largest chunks`);
    for (const { page, w } of rows)
      console.log(
        `${page.padEnd(22)} ${String(w.scripts).padStart(7)} ${kb(w.bytes).padStart(8)}  ${w.bytes <= BUDGET_KB * 1000 ? "ok     " : "OVER   "}   ${w.largest.map((l) => `${path.basename(new URL(l.url).pathname)} ${kb(l.bytes)}`).join(", ")}`,
      );
    const over = rows.filter((r) => r.w.bytes > BUDGET_KB * 1000);
    if (process.env.PAGE_WEIGHT_STRICT === "1" && over.length) process.exitCode = 1;
  } finally {
    await browser?.close();
    await app.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
