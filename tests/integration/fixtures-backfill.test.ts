// The ground-truth history survives promtool backfill into a real Prometheus 2.x, and `increase()`
// evaluated at sample moments returns exactly the truth, across the counter reset, the scrape gap,
// the zero-traffic day and the odd label value, for both producer profiles.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO, toProducerUnit, type ProducerProfile } from "@/lib/promql/profiles";
import { formatLe } from "@/lib/spanmetrics/format";
import { generateTruthHistory, type TruthHistory, type TruthSelector } from "@/tests/fixtures/truth-history";
import { DAY, HOUR, ODD_SPAN_NAME } from "@/tests/fixtures/truth-scenario";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";

const dir = path.resolve("tests/.tmp", `fixtures-backfill-${process.pid}`);
const histories = [TEMPO, OTEL_MS].map((profile) => generateTruthHistory({ profile, days: 4 }));
let prom: ChildProcess | undefined;
let base = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

beforeAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "truth.om");
  await writeTruthFile(file, histories, "openmetrics");
  const backfill = spawnSync("promtool", ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=486h", file, path.join(dir, "data")], { encoding: "utf8" });
  if (backfill.status !== 0) throw new Error(`promtool failed: ${backfill.stderr}`);
  await rm(file);
  await writeFile(path.join(dir, "prometheus.yml"), "global: {}\n");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  prom = spawn("prometheus", [
    `--config.file=${path.join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${path.join(dir, "data")}`,
    "--storage.tsdb.retention.time=100y",
    `--web.listen-address=127.0.0.1:${port}`,
  ], { stdio: "ignore" });
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${base}/-/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("prometheus did not become ready");
});

afterAll(async () => {
  if (prom?.pid) prom.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  await rm(dir, { recursive: true, force: true });
});

/** PromQL string literal (test-local; the product builds queries in lib/promql). */
const str = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

async function instant(query: string, at: number): Promise<number> {
  const url = `${base}/api/v1/query?query=${encodeURIComponent(query)}&time=${at}`;
  const body = (await (await fetch(url)).json()) as { status: string; data: { result: { value: [number, string] }[] } };
  expect(body.status).toBe("success");
  return body.data.result.length ? Number(body.data.result[0].value[1]) : NaN;
}

function matchers(p: ProducerProfile, sel: TruthSelector, extra: string[] = []): string {
  const m = [`${p.labels.service}=${str(sel.service)}`, ...extra];
  if (sel.spanName !== undefined) m.push(`${p.labels.spanName}=${str(sel.spanName)}`);
  if (sel.spanKind !== undefined) m.push(`${p.labels.spanKind}=${str(sel.spanKind)}`);
  return `{${m.join(",")}}`;
}

async function promCounts(h: TruthHistory, sel: TruthSelector, leSeconds: number, start: number, end: number) {
  const p = h.profile;
  const w = `[${end - start}s]`;
  const le = `le=${str(formatLe(toProducerUnit(leSeconds, p.unit)))}`;
  const goodSel = sel.excludeErrors ? matchers(p, sel, [le, `${p.labels.statusCode}!=${str(p.statusError)}`]) : matchers(p, sel, [le]);
  const good = await instant(`sum(increase(${p.histogram}_bucket${goodSel}${w}))`, end);
  const total = await instant(`sum(increase(${p.histogram}_count${matchers(p, sel)}${w}))`, end);
  return { good, total };
}

describe.each(histories.map((h) => [h.profile.id, h] as const))("backfilled truth history (%s)", (_id, h) => {
  const end = h.ticks[h.ticks.length - 1];
  const { reset, gap, zeroTraffic, incident } = h.anomalies;
  const le = h.boundsSeconds[7];
  const cases: [string, TruthSelector, number, number][] = [
    ["whole history, odd span name", { service: "cart", spanName: ODD_SPAN_NAME }, h.ticks[0], end],
    ["across the reset", { service: "cart" }, reset.atSeconds - HOUR, reset.atSeconds + HOUR],
    ["the reset sample alone", { service: "cart", spanKind: "SPAN_KIND_CLIENT" }, reset.atSeconds - 60, reset.atSeconds],
    ["exactly over the gap", { service: "search" }, gap.lastSampleBefore, gap.firstSampleAfter],
    ["a day spanning the gap", { service: "search", spanName: "GET /search" }, end - DAY, end],
    ["the zero-traffic day", { service: "billing" }, zeroTraffic.fromSeconds, zeroTraffic.toSeconds],
    ["the incident, errors as bad", { service: "checkout", spanName: "POST /checkout", excludeErrors: true }, incident.fromSeconds, incident.toSeconds],
    ["last 5 minutes", { service: "checkout" }, end - 300, end],
    ["3 days, coarse and fine steps mixed", { service: "billing", spanName: "POST /invoices" }, end - 3 * DAY, end],
  ];

  it.each(cases)("%s: increase() equals the truth", async (_name, selector, start, stop) => {
    expect(h.isSampleMoment(selector.service, start) && h.isSampleMoment(selector.service, stop)).toBe(true);
    const truth = h.truthCounts({ selector, leSeconds: le, startSeconds: start, endSeconds: stop });
    const got = await promCounts(h, selector, le, start, stop);
    expect(got).toEqual(truth);
  });

  it("is not exact when the window starts inside the gap (documented limit: Prometheus extrapolates)", async () => {
    const start = gap.lastSampleBefore + 20 * 60;
    expect(h.isSampleMoment(gap.service, start)).toBe(false);
    const truth = h.truthCounts({ selector: { service: gap.service }, leSeconds: le, startSeconds: start, endSeconds: end });
    const got = await promCounts(h, { service: gap.service }, le, start, end);
    expect(got.total).not.toBe(truth.total);
    expect(Math.abs(got.total - truth.total) / truth.total).toBeLessThan(0.05);
  });

  it("reads a total of 0 (not no data) for the zero-traffic day", async () => {
    const got = await promCounts(h, { service: "billing" }, le, zeroTraffic.fromSeconds, zeroTraffic.toSeconds);
    expect(got).toEqual({ good: 0, total: 0 });
  });
});
