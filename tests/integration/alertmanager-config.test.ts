// docs/alertmanager.example.yml (issue 18): amtool accepts it, routes by severity, and a real
// Alertmanager inhibits an SLO's tickets while the same SLO pages, but not another SLO's.
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, runTool, spawnManaged, TMP_ROOT, waitHttpOk, type ManagedProcess } from "@/tests/helpers/prometheus";

const CONFIG = path.resolve("docs/alertmanager.example.yml");
let am: ManagedProcess;
let url: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(TMP_ROOT, "am-"));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  am = spawnManaged("/usr/bin/prometheus-alertmanager", [
    `--config.file=${CONFIG}`,
    `--storage.path=${dir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--cluster.listen-address=",
  ]);
  await waitHttpOk(`${url}/-/ready`, am);
}, 30_000);
afterAll(async () => {
  await am?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the example Alertmanager configuration", () => {
  it("passes amtool check-config", async () => {
    expect(await runTool("/usr/bin/amtool", ["check-config", CONFIG])).toMatch(/SUCCESS/);
  });

  it.each([
    [["severity=page", "sightline_slo=checkout", "sightline_tier=page-1h"], "pager"],
    [["severity=ticket", "sightline_slo=checkout", "sightline_tier=ticket-1d"], "tickets"],
    [["severity=ticket", "sightline_slo=checkout", "sightline_tier=data-absent"], "tickets"],
  ])("routes %j to %s", async (labels, receiver) => {
    const out = await runTool("/usr/bin/amtool", ["config", "routes", "test", `--config.file=${CONFIG}`, ...labels]);
    // The receiver is the last line (amtool may warn first, e.g. about a configured --alertmanager.url).
    expect(out.trim().split("\n").at(-1)).toBe(receiver);
  });

  it("a page inhibits the same SLO's tickets and slower page, not another SLO's ticket or a data-absent alert", async () => {
    const alert = (slo: string, tier: string, severity: string, alertname = "SightlineErrorBudgetBurn") => ({
      labels: { alertname, sightline_slo: slo, sightline_tier: tier, severity, service: slo },
      annotations: { summary: `${slo} ${tier}` },
    });
    const sent = [
      alert("checkout", "page-1h", "page"),
      alert("checkout", "page-6h", "page"),
      alert("checkout", "ticket-1d", "ticket"),
      alert("checkout", "latency-deviation", "ticket", "SightlineLatencyDeviation"),
      alert("checkout", "data-absent", "ticket", "SightlineSloDataAbsent"),
      alert("search", "ticket-3d", "ticket"),
    ];
    const post = await fetch(`${url}/api/v2/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(sent) });
    expect(post.status).toBe(200);
    const got = (await (await fetch(`${url}/api/v2/alerts`)).json()) as { labels: Record<string, string>; status: { inhibitedBy: string[] } }[];
    const inhibited = Object.fromEntries(got.map((a) => [`${a.labels.sightline_slo}/${a.labels.sightline_tier}`, a.status.inhibitedBy.length > 0]));
    expect(inhibited).toEqual({
      "checkout/page-1h": false,
      "checkout/page-6h": true,
      "checkout/ticket-1d": true,
      "checkout/latency-deviation": true,
      "checkout/data-absent": false,
      "search/ticket-3d": false,
    });
  });
});
