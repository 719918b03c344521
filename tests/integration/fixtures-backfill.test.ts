// The ground-truth history survives promtool backfill into a real Prometheus 2.x, and `increase()`
// evaluated at sample moments returns exactly the truth, across the counter reset, the scrape gap,
// the zero-traffic day and the odd label value, for both producer profiles. The VictoriaMetrics
// import rendering reads back the same counter values.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO, toProducerUnit, type ProducerProfile } from "@/lib/promql/profiles";
import { formatLe } from "@/lib/spanmetrics/format";
import { generateTruthHistory, type TruthHistory, type TruthSelector } from "@/tests/fixtures/truth-history";
import { DAY, HOUR, ODD_SPAN_NAME } from "@/tests/fixtures/truth-scenario";
import { writeTruthFile } from "@/tests/fixtures/write-fixture";
import { startPrometheus, TMP_ROOT, type TestPrometheus } from "@/tests/helpers/prometheus";
import { startVictoria, type TestVictoria } from "@/tests/helpers/victoria";

const histories = [TEMPO, OTEL_MS].map((profile) => generateTruthHistory({ profile, days: 4 }));
// VictoriaMetrics takes the import in one request body: a coarse-step Tempo history keeps it ~40 MB.
const vmHistory = generateTruthHistory({ profile: TEMPO, days: 4, fineTailSeconds: 0 });
const files = { om: path.join(TMP_ROOT, `truth-${process.pid}.om`), prom: path.join(TMP_ROOT, `truth-${process.pid}.prom`) };
let prom: TestPrometheus;
let vm: TestVictoria;

beforeAll(async () => {
  await writeTruthFile(files.om, histories, "openmetrics");
  prom = await startPrometheus({ openMetricsFile: files.om, maxBlockDuration: "486h" });
  await writeTruthFile(files.prom, [vmHistory], "prometheus");
  vm = await startVictoria();
  await vm.importPrometheusText(await readFile(files.prom, "utf8"));
});

afterAll(async () => {
  await Promise.all([prom?.stop(), vm?.stop()]);
  await Promise.all(Object.values(files).map((f) => rm(f, { force: true })));
});

/** PromQL string literal (test-local; the product builds queries in lib/promql). */
const str = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

async function instant(base: string, query: string, at: number): Promise<number> {
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

async function increaseCounts(base: string, h: TruthHistory, sel: TruthSelector, leSeconds: number, start: number, end: number) {
  const p = h.profile;
  const w = `[${end - start}s]`;
  const le = `le=${str(formatLe(toProducerUnit(leSeconds, p.unit)))}`;
  const goodSel = sel.excludeErrors ? matchers(p, sel, [le, `${p.labels.statusCode}!=${str(p.statusError)}`]) : matchers(p, sel, [le]);
  const good = await instant(base, `sum(increase(${p.histogram}_bucket${goodSel}${w}))`, end);
  const total = await instant(base, `sum(increase(${p.histogram}_count${matchers(p, sel)}${w}))`, end);
  return { good, total };
}

describe.each(histories.map((h) => [h.profile.id, h] as const))("backfilled truth history on Prometheus 2.x (%s)", (_id, h) => {
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
    expect(await increaseCounts(prom.url, h, selector, le, start, stop)).toEqual(truth);
  });

  it("is not exact when the window starts inside the gap (documented limit: Prometheus extrapolates)", async () => {
    const start = gap.lastSampleBefore + 20 * 60;
    expect(h.isSampleMoment(gap.service, start)).toBe(false);
    const truth = h.truthCounts({ selector: { service: gap.service }, leSeconds: le, startSeconds: start, endSeconds: end });
    const got = await increaseCounts(prom.url, h, { service: gap.service }, le, start, end);
    expect(got.total).not.toBe(truth.total);
    expect(Math.abs(got.total - truth.total) / truth.total).toBeLessThan(0.05);
  });

  it("reads a total of 0 (not no data) for the zero-traffic day", async () => {
    const got = await increaseCounts(prom.url, h, { service: "billing" }, le, zeroTraffic.fromSeconds, zeroTraffic.toSeconds);
    expect(got).toEqual({ good: 0, total: 0 });
  });
});

describe("truth history imported into VictoriaMetrics (Prometheus text, ms timestamps)", () => {
  const h = vmHistory;
  const end = h.ticks[h.ticks.length - 1];
  const count = (sel: TruthSelector) => instant(vm.url, `sum(${h.profile.histogram}_count${matchers(h.profile, sel)})`, end);

  it("holds the cumulative value of a series that never reset", async () => {
    const sel = { service: "search", spanName: "rank" };
    expect(await count(sel)).toBe(h.truthCounts({ selector: sel, leSeconds: Infinity, startSeconds: h.ticks[0], endSeconds: end }).total);
  });

  it("holds the post-restart value of the odd-named series (escaping round-trips)", async () => {
    const sel = { service: "cart", spanName: ODD_SPAN_NAME };
    const beforeReset = h.ticks[h.ticks.indexOf(h.anomalies.reset.atSeconds) - 1];
    expect(await count(sel)).toBe(h.truthCounts({ selector: sel, leSeconds: Infinity, startSeconds: beforeReset, endSeconds: end }).total);
  });

  it("answers increase() over a day ending at a sample moment with the truth", async () => {
    const sel = { service: "checkout" };
    const le = h.boundsSeconds[7];
    expect(await increaseCounts(vm.url, h, sel, le, end - DAY, end)).toEqual(h.truthCounts({ selector: sel, leSeconds: le, startSeconds: end - DAY, endSeconds: end }));
  });
});
