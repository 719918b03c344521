// The same generated rule files evaluated by vmalert against VictoriaMetrics (issue 18): vmalert
// loads them with its expression and template checks on, records the increases into
// VictoriaMetrics, and raises the page alert (pending, then firing after `for`) for a burning SLO
// with its labels and rendered links, and nothing for a healthy one.
import http from "node:http";
import type net from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPO } from "@/lib/promql/profiles";
import { ruleGroups, type RuleSlo } from "@/lib/promql/rules";
import { prometheusRuleFile } from "@/lib/promql/rules-yaml";
import { AlertSettings } from "@/lib/schemas/rules";
import { PUBLIC_URL, checkoutTempo, targetFor } from "@/tests/fixtures/rules-slos";
import { freePort, spawnManaged, TMP_ROOT, waitHttpOk, type ManagedProcess } from "@/tests/helpers/prometheus";
import { startVictoria, type TestVictoria } from "@/tests/helpers/victoria";

let vm: TestVictoria;
let vmalert: ManagedProcess;
let vmalertUrl: string;
let notifier: http.Server;
let dir: string;

const burning: RuleSlo = { ...checkoutTempo(), alerting: AlertSettings.parse({ deviation: { enabled: true } }) };
const healthy: RuleSlo = { ...checkoutTempo(), slug: "healthy", service: "healthy", alerting: AlertSettings.parse({}) };

/** 3 hours at 1-minute samples ending now: 1,000 requests a minute; `burning` is half slow for the last 30 minutes. */
function history(nowMs: number): string {
  const lines: string[] = [];
  for (const slo of [burning, healthy]) {
    const labels = `service="${slo.service}",span_name="${slo.operation}",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_OK"`;
    let total = 0;
    let good = 0;
    for (let m = 180; m >= 0; m--) {
      const ts = nowMs - m * 60_000;
      lines.push(`traces_spanmetrics_latency_count{${labels}} ${total} ${ts}`, `traces_spanmetrics_latency_bucket{${labels},le="0.512"} ${good} ${ts}`);
      total += 1000;
      good += slo === burning && m <= 30 ? 500 : 1000;
    }
  }
  return `${lines.join("\n")}\n`;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(TMP_ROOT, "vmalert-"));
  vm = await startVictoria();
  await vm.importPrometheusText(history(Date.now()));
  notifier = http.createServer((req, res) => req.resume().on("end", () => res.writeHead(200).end()));
  await new Promise<void>((r) => notifier.listen(0, "127.0.0.1", r));
  const file = path.join(dir, "sightline.rules.yml");
  // A 10 s interval (it divides 5 minutes, as the offset sums need) keeps the wait for vmalert short.
  const groups = ruleGroups([burning, healthy].map((slo) => ({ slo, target: targetFor(slo, TEMPO) })), { publicUrl: PUBLIC_URL, intervalSeconds: 10 });
  await writeFile(file, prometheusRuleFile(groups));
  const port = await freePort();
  vmalertUrl = `http://127.0.0.1:${port}`;
  vmalert = spawnManaged("/usr/bin/vmalert", [
    `-rule=${file}`,
    `-datasource.url=${vm.url}`,
    `-remoteWrite.url=${vm.url}`,
    "-remoteWrite.flushInterval=1s",
    `-notifier.url=http://127.0.0.1:${(notifier.address() as net.AddressInfo).port}`,
    `-httpListenAddr=127.0.0.1:${port}`,
    "-rule.validateExpressions",
    "-rule.validateTemplates",
  ]);
  await waitHttpOk(`${vmalertUrl}/health`, vmalert);
}, 60_000);

afterAll(async () => {
  await vmalert?.stop();
  await vm?.stop();
  await new Promise<void>((r) => (notifier ? notifier.close(() => r()) : r()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface VmAlert {
  name: string;
  state: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

async function alerts(): Promise<VmAlert[]> {
  const r = await fetch(`${vmalertUrl}/api/v1/alerts`);
  return ((await r.json()).data.alerts ?? []) as VmAlert[];
}

async function waitFor<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; vmalert log: ${vmalert.log().slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe("vmalert + VictoriaMetrics", () => {
  it("records the increases and raises the page alert for the burning SLO only", async () => {
    const page = await waitFor("the page-1h alert", async () =>
      (await alerts()).find((a) => a.name === "SightlineErrorBudgetBurn" && a.labels.sightline_tier === "page-1h"),
    );
    expect(["pending", "firing"]).toContain(page.state);
    expect(page.labels).toMatchObject({ sightline_slo: "checkout-latency", service: "checkout", team: "payments", severity: "page" });
    expect(page.annotations.sightline_url).toMatch(/^https:\/\/sightline\.example\.com\/slos\/checkout-latency\?at=\d{10}$/);
    expect(page.annotations.description).toMatch(/^\d+(\.\d+)?% of Checkout PlaceOrder requests in the last 1h/);

    const r = await fetch(`${vm.url}/api/v1/query?query=${encodeURIComponent('sightline_slo:total:increase1h{sightline_slo="checkout-latency"}')}`);
    const [sample] = (await r.json()).data.result;
    expect(sample.metric).toMatchObject({ sightline_slo: "checkout-latency", service: "checkout", team: "payments" });
    // 1,000 a minute; VictoriaMetrics' increase() reads the window without Prometheus' extrapolation.
    expect(Number(sample.value[1])).toBeGreaterThan(58_000);
    expect(Number(sample.value[1])).toBeLessThan(62_000);

    expect((await alerts()).filter((a) => a.labels.sightline_slo === "healthy" && a.name === "SightlineErrorBudgetBurn")).toEqual([]);
  }, 90_000);
});
