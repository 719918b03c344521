// End to end (issue 18): SLOs in the catalogue → POST /api/rules/sync into a real Prometheus's rules
// directory + reload → Prometheus scrapes live span metrics → a fast burn injected into them fires
// the page alert → a real Alertmanager running docs/alertmanager.example.yml (receivers pointed at a
// local webhook) delivers it with the SLO's labels and links. The healthy SLO stays quiet.
// Slow by nature: the page tier's `for: 2m` at a 1-minute evaluation interval.
import http from "node:http";
import type net from "node:net";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import * as syncRoute from "@/app/api/rules/sync/route";
import * as collection from "@/app/api/slos/route";
import * as datasources from "@/app/api/datasources/route";
import { call, datasourceInput, sloInput, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { freePort, spawnManaged, startPrometheus, TMP_ROOT, waitHttpOk, type ManagedProcess, type TestPrometheus } from "@/tests/helpers/prometheus";

setupCatalogueDatabase();

interface Received {
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
const received: Received[] = [];
let dir: string;
let metrics: http.Server;
let webhook: http.Server;
let am: ManagedProcess;
let prom: TestPrometheus;
let burning = false;

// Live counters: 100 requests a second per SLO; while `burning`, half of checkout's are slow.
const counts = { checkout: { total: 0, good: 0 }, cart: { total: 0, good: 0 } };
const ticker = setInterval(() => {
  for (const [svc, c] of Object.entries(counts)) {
    c.total += 25;
    c.good += svc === "checkout" && burning ? 12 : 25;
  }
}, 250);

function exposition(): string {
  const ops: Record<string, string> = { checkout: "PlaceOrder", cart: "AddItem" };
  const lines = ["# TYPE traces_spanmetrics_latency histogram"];
  for (const [svc, c] of Object.entries(counts)) {
    const l = `service="${svc}",span_name="${ops[svc]}",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_OK"`;
    lines.push(
      `traces_spanmetrics_latency_bucket{${l},le="0.512"} ${c.good}`,
      `traces_spanmetrics_latency_bucket{${l},le="+Inf"} ${c.total}`,
      `traces_spanmetrics_latency_sum{${l}} ${c.total * 0.3}`,
      `traces_spanmetrics_latency_count{${l}} ${c.total}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const listen = async (server: http.Server) => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as net.AddressInfo).port;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(TMP_ROOT, "am-e2e-"));
  await mkdir(path.join(dir, "rules"));
  metrics = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(exposition()));
  webhook = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c)).on("end", () => {
      received.push(...(JSON.parse(Buffer.concat(chunks).toString("utf8")).alerts as Received[]));
      res.writeHead(200).end();
    });
  });
  const [metricsPort, webhookPort, amPort] = [await listen(metrics), await listen(webhook), await freePort()];

  // The documented example, with both receivers pointed at the local webhook and no batching delay.
  const config = parse(await readFile(path.resolve("docs/alertmanager.example.yml"), "utf8"));
  for (const r of config.receivers) r.webhook_configs[0].url = `http://127.0.0.1:${webhookPort}/hook`;
  config.route.group_wait = "1s";
  const amConfig = path.join(dir, "alertmanager.yml");
  await writeFile(amConfig, stringify(config));
  am = spawnManaged("/usr/bin/prometheus-alertmanager", [`--config.file=${amConfig}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${amPort}`, "--cluster.listen-address="]);
  await waitHttpOk(`http://127.0.0.1:${amPort}/-/ready`, am);
  prom = await startPrometheus({
    scrapeTargets: [`127.0.0.1:${metricsPort}`],
    scrapeIntervalSeconds: 1,
    ruleFiles: [path.join(dir, "rules", "sightline-*.rules.yml")],
    alertmanagers: [`127.0.0.1:${amPort}`],
  });
}, 60_000);

afterAll(async () => {
  clearInterval(ticker);
  for (const k of ["SIGHTLINE_RULES_DIR", "SIGHTLINE_RULES_RELOAD_URL", "SIGHTLINE_PUBLIC_URL"]) delete process.env[k];
  await Promise.all([prom?.stop(), am?.stop()]);
  await Promise.all([metrics, webhook].map((s) => new Promise<void>((r) => (s ? s.close(() => r()) : r()))));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("generated rules → Prometheus → Alertmanager → webhook", () => {
  it("a fast burn pages with the SLO's labels and links; the healthy SLO stays quiet", async () => {
    process.env.SIGHTLINE_RULES_DIR = path.join(dir, "rules");
    process.env.SIGHTLINE_RULES_RELOAD_URL = `${prom.url}/-/reload`;
    process.env.SIGHTLINE_PUBLIC_URL = "https://sightline.example.com";
    const ds = (await call(datasources.POST, { json: datasourceInput({ prometheusUrl: prom.url, producerProfile: "tempo" }) })).body;
    const common = { datasourceId: ds.id, objective: 0.999, thresholdSeconds: 0.512, alerting: { runbookUrl: "https://runbooks.example.com/checkout" } };
    expect((await call(collection.POST, { json: sloInput(ds.id, { ...common, service: "checkout", operation: "PlaceOrder" }) })).status).toBe(201);
    expect((await call(collection.POST, { json: sloInput(ds.id, { ...common, slug: "cart-latency", service: "cart", operation: "AddItem" }) })).status).toBe(201);

    const sync = await call(syncRoute.POST, { json: {} });
    expect(sync.body).toMatchObject({ target: "directory", changed: true, reloaded: true, groups: 2 });
    burning = true;

    const deadline = Date.now() + 280_000;
    let page: Received | undefined;
    while (!(page = received.find((a) => a.status === "firing" && a.labels.sightline_tier === "page-1h")) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 1000));
    expect(page, `webhook got: ${JSON.stringify(received.map((a) => a.labels))}`).toBeDefined();
    expect(page!.labels).toMatchObject({ alertname: "SightlineErrorBudgetBurn", sightline_slo: "checkout-latency", service: "checkout", team: "payments", severity: "page" });
    expect(page!.annotations.sightline_url).toMatch(/^https:\/\/sightline\.example\.com\/slos\/checkout-latency\?at=\d{10}$/);
    expect(page!.annotations.slow_requests_url).toMatch(/\?at=\d{10}&from=\d{10}&to=\d{10}#slow-requests$/);
    expect(page!.annotations.runbook_url).toBe("https://runbooks.example.com/checkout");
    expect(page!.annotations.description).toMatch(/^\d+(\.\d+)?% of Checkout latency requests in the last 1h were slower than 512 ms/);
    expect(received.filter((a) => a.labels.sightline_slo === "cart-latency")).toEqual([]);
  }, 300_000);
});
