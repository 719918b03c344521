// The whole SLI path against known truth: ground-truth span-metric history (both producer profiles)
// backfilled into a real Prometheus 2.x, SLOs in a real PostgreSQL, and GET /api/slos/:id/status
// called as a client would. SLI, budget and burn-rate counts must equal the generator's own counts
// (to 1e-9 on ratios) across rolling 7/28/30-day windows and a calendar month, the counter reset,
// the scrape gap, the zero-traffic day and the odd label value.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import type { CreateSloInput, SloWindow } from "@/lib/schemas/slo";
import { SloStatusResponse } from "@/lib/schemas/status";
import { call, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { type TestPrometheus } from "@/tests/helpers/prometheus";
import { startTruthPrometheus } from "@/tests/helpers/truth-prometheus";
import { generateTruthHistory, type TruthHistory, type TruthSelector } from "@/tests/fixtures/truth-history";
import { DAY, HOUR, ODD_SPAN_NAME } from "@/tests/fixtures/truth-scenario";
import { GET as getStatus } from "@/app/api/slos/[id]/status/route";
import { POST as postSlo } from "@/app/api/slos/route";
import { POST as postDatasource } from "@/app/api/datasources/route";

const histories = [TEMPO, OTEL_MS].map((profile) => generateTruthHistory({ profile, days: 36 }));
let prom: TestPrometheus;
setupTruthDatabase();

function setupTruthDatabase() {
  // The catalogue helper truncates between tests; these tests create their SLOs per test.
  setupCatalogueDatabase();
}

beforeAll(async () => {
  prom = await startTruthPrometheus("sli-truth", histories);
}, 600_000);

afterAll(async () => {
  await prom?.stop();
});

async function datasourceFor(h: TruthHistory): Promise<string> {
  const res = await call(postDatasource, {
    json: { slug: `truth-${h.profile.id}`, name: `Truth ${h.profile.id}`, prometheusUrl: prom.url, producerProfile: h.profile.id },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

interface Case {
  name: string;
  selector: TruthSelector & { spanName: string };
  /** Index into the profile's finite bucket bounds: the threshold is that boundary. */
  boundIndex: number;
  window: SloWindow;
  at: (h: TruthHistory) => number;
}

const END = (h: TruthHistory) => h.ticks[h.ticks.length - 1];
const rolling = (days: number): SloWindow => ({ kind: "rolling", days });
const OCTOBER_31 = Date.UTC(2026, 9, 31) / 1000;

const cases: Case[] = [
  { name: "checkout, 7 days", selector: { service: "checkout", spanName: "POST /checkout", spanKind: "SPAN_KIND_SERVER" }, boundIndex: 7, window: rolling(7), at: END },
  { name: "checkout, 28 days", selector: { service: "checkout", spanName: "POST /checkout", spanKind: "SPAN_KIND_SERVER" }, boundIndex: 7, window: rolling(28), at: END },
  { name: "checkout, 30 days", selector: { service: "checkout", spanName: "POST /checkout", spanKind: "SPAN_KIND_SERVER" }, boundIndex: 8, window: rolling(30), at: END },
  { name: "checkout, calendar month (October, at Oct 31)", selector: { service: "checkout", spanName: "POST /checkout" }, boundIndex: 7, window: { kind: "calendar", unit: "month" }, at: () => OCTOBER_31 },
  { name: "checkout, errors count as bad, 28 days", selector: { service: "checkout", spanName: "POST /checkout", excludeErrors: true }, boundIndex: 7, window: rolling(28), at: END },
  { name: "cart, odd span name across the counter reset, 7 days", selector: { service: "cart", spanName: ODD_SPAN_NAME }, boundIndex: 5, window: rolling(7), at: END },
  { name: "search, window spanning the scrape gap, 7 days", selector: { service: "search", spanName: "GET /search" }, boundIndex: 9, window: rolling(7), at: END },
  { name: "billing, 28 days including the zero-traffic day", selector: { service: "billing", spanName: "POST /invoices" }, boundIndex: 10, window: rolling(28), at: END },
];

function sloInput(h: TruthHistory, datasourceId: string, c: Case, slug: string, thresholdSeconds: number): CreateSloInput {
  return {
    slug,
    name: c.name,
    description: "",
    team: "truth",
    owner: "",
    service: c.selector.service,
    operation: c.selector.spanName,
    operationMatch: "exact",
    spanKind: (c.selector.spanKind as CreateSloInput["spanKind"]) ?? null,
    extraMatchers: [],
    thresholdSeconds,
    objective: 0.99,
    window: c.window,
    countErrorsAsBad: c.selector.excludeErrors ?? false,
    minEvents: 0,
    datasourceId,
    status: "active",
  };
}

async function statusOf(id: string, at: number) {
  const res = await call(getStatus, { params: { id }, query: { at: String(at) } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return SloStatusResponse.parse(res.body);
}

async function createSlo(input: CreateSloInput): Promise<string> {
  const res = await call(postSlo, { json: input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

describe.each(histories.map((h) => [h.profile.histogram, h] as const))("status against the truth (%s)", (_name, h) => {
  it.each(cases.map((c) => [c.name, c] as const))("%s: SLI and budget equal the truth", async (_n, c) => {
    const at = c.at(h);
    const threshold = h.boundsSeconds[c.boundIndex];
    const id = await createSlo(sloInput(h, await datasourceFor(h), c, "truth-case", threshold));
    const body = await statusOf(id, at);
    const start = body.status.window.startSeconds;
    expect(h.isSampleMoment(c.selector.service, start) && h.isSampleMoment(c.selector.service, at)).toBe(true);

    const truth = h.truthCounts({ selector: c.selector, leSeconds: threshold, startSeconds: start, endSeconds: at });
    expect(truth.total).toBeGreaterThan(0);
    expect(body.exactness.exact).toBe(true);
    expect({ good: body.status.good, total: body.status.total }).toEqual(truth);
    expect(body.status.state).toBe("ok");
    expect(body.status.sli).toBeCloseTo(truth.good / truth.total, 9);
    const bad = truth.total - truth.good;
    expect(body.status.budget!.badEvents).toBe(bad);
    expect(body.status.budget!.consumed).toBeCloseTo(bad / (0.01 * truth.total), 9);
    expect(body.status.budget!.remaining).toBeCloseTo(1 - bad / (0.01 * truth.total), 9);

    // Burn windows end at the same moment; those inside the fine-step tail are exact too.
    for (const w of body.status.burnRates) {
      const ws = w.windowSeconds;
      if (!h.isSampleMoment(c.selector.service, at - ws)) continue;
      const t = h.truthCounts({ selector: c.selector, leSeconds: threshold, startSeconds: at - ws, endSeconds: at });
      expect({ window: w.window, good: w.good, total: w.total }).toEqual({ window: w.window, ...t });
      if (t.total > 0) expect(w.rate).toBeCloseTo((1 - t.good / t.total) / 0.01, 9);
      else expect(w.rate).toBeNull();
    }
  });

  it("a threshold between boundaries is reported as such, bounded by both neighbours' truth", async () => {
    const c = cases[1];
    const lower = h.boundsSeconds[6];
    const upper = h.boundsSeconds[7];
    const id = await createSlo(sloInput(h, await datasourceFor(h), c, "between", (lower + upper) / 2));
    const at = END(h);
    const body = await statusOf(id, at);
    const q = { selector: c.selector, startSeconds: at - 28 * DAY, endSeconds: at };
    const lo = h.truthCounts({ ...q, leSeconds: lower });
    const hi = h.truthCounts({ ...q, leSeconds: upper });
    expect(body.exactness.exact).toBe(false);
    expect(body.exactness.fit).toEqual({ kind: "between", lowerSeconds: lower, upperSeconds: upper });
    expect(body.exactness.offeredThresholdsSeconds).toContain(lower);
    expect(body.exactness.offeredThresholdsSeconds).toContain(upper);
    expect(body.status.sliBounds!.lower).toBeCloseTo(lo.good / lo.total, 9);
    expect(body.status.sliBounds!.upper).toBeCloseTo(hi.good / hi.total, 9);
    expect(body.status.sliBounds!.upper).toBeGreaterThan(body.status.sliBounds!.lower);
  });

  it("a day with no traffic is no data with its duration, never 100 %", async () => {
    const z = h.anomalies.zeroTraffic;
    const c: Case = { name: "billing quiet day", selector: { service: "billing", spanName: "POST /invoices" }, boundIndex: 10, window: rolling(1), at: () => z.toSeconds };
    const id = await createSlo(sloInput(h, await datasourceFor(h), c, "quiet", h.boundsSeconds[10]));
    const body = await statusOf(id, z.toSeconds);
    expect(h.truthCounts({ selector: c.selector, leSeconds: Infinity, startSeconds: z.toSeconds - DAY, endSeconds: z.toSeconds }).total).toBe(0);
    expect(body.status.state).toBe("no_data");
    expect(body.status.sli).toBeNull();
    expect(body.status.budget).toBeNull();
    expect(body.status.noData!.seconds).toBe(DAY);
    expect(body.status.noData!.samplesSeen).toBe(true);
  });

  it("`at` evaluates as of a past moment (the incident hour burns the budget fast)", async () => {
    const inc = h.anomalies.incident;
    const c: Case = { name: "checkout incident", selector: { service: "checkout", spanName: "POST /checkout" }, boundIndex: 7, window: rolling(28), at: () => inc.toSeconds };
    const threshold = h.boundsSeconds[7];
    const id = await createSlo(sloInput(h, await datasourceFor(h), c, "incident", threshold));
    const during = await statusOf(id, inc.toSeconds);
    const hourTruth = h.truthCounts({ selector: c.selector, leSeconds: threshold, startSeconds: inc.toSeconds - HOUR, endSeconds: inc.toSeconds });
    const oneHour = during.status.burnRates.find((b) => b.window === "1h")!;
    expect({ good: oneHour.good, total: oneHour.total }).toEqual(hourTruth);
    expect(oneHour.rate).toBeGreaterThan(1);
    const later = await statusOf(id, END(h));
    expect(later.status.burnRates.find((b) => b.window === "1h")!.rate!).toBeLessThan(oneHour.rate!);
  });
});
