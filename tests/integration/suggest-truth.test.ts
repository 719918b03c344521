// POST /api/suggest against known truth: the ground-truth span-metric history (both producer
// profiles) backfilled into a real Prometheus 2.x, the selection's datasource in a real PostgreSQL,
// and the route called as the wizard calls it. Per UTC day of the baseline, the total and the good
// count at every real boundary must equal the generator's own counts, across the counter reset,
// the scrape gap and the zero-traffic day; the data range must find the oldest sample; bad input
// is a 422 with field paths and a down backend a 502 in words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { SuggestResponse } from "@/lib/schemas/suggest";
import { call, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { freePort, startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";
import { startTruthPrometheus } from "@/tests/helpers/truth-prometheus";
import { generateTruthHistory, type TruthHistory, type TruthSelector } from "@/tests/fixtures/truth-history";
import { DAY, HOUR, ODD_SPAN_NAME } from "@/tests/fixtures/truth-scenario";
import { POST as postSuggest } from "@/app/api/suggest/route";
import { POST as postDatasource } from "@/app/api/datasources/route";

const histories = [TEMPO, OTEL_MS].map((profile) => generateTruthHistory({ profile, days: 36 }));
let prom: TestPrometheus;
setupCatalogueDatabase();

beforeAll(async () => {
  prom = await startTruthPrometheus("suggest-truth", histories);
}, 600_000);

afterAll(async () => {
  await prom?.stop();
});

async function datasourceFor(h: TruthHistory, url = prom.url, profile: string = h.profile.id): Promise<string> {
  const res = await call(postDatasource, { json: { slug: `truth-${h.profile.id}-${profile}`, name: `Truth ${h.profile.id}`, prometheusUrl: url, producerProfile: profile } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const END = (h: TruthHistory) => h.ticks[h.ticks.length - 1];

const cases: { name: string; selector: TruthSelector & { spanName: string } }[] = [
  { name: "checkout (incident inside)", selector: { service: "checkout", spanName: "POST /checkout", spanKind: "SPAN_KIND_SERVER" } },
  { name: "checkout, errors count as bad", selector: { service: "checkout", spanName: "POST /checkout", excludeErrors: true } },
  { name: "cart, odd span name across the counter reset", selector: { service: "cart", spanName: ODD_SPAN_NAME } },
  { name: "search, across the scrape gap", selector: { service: "search", spanName: "GET /search" } },
  { name: "billing, with the zero-traffic day", selector: { service: "billing", spanName: "POST /invoices" } },
];

const selectionOf = (datasourceId: string, s: TruthSelector & { spanName: string }) => ({
  datasourceId,
  service: s.service,
  operation: s.spanName,
  operationMatch: "exact",
  spanKind: s.spanKind ?? null,
  countErrorsAsBad: s.excludeErrors ?? false,
});

async function suggest(json: unknown) {
  const res = await call(postSuggest, { json });
  expect(res.status, JSON.stringify(res.body).slice(0, 2000)).toBe(200);
  return SuggestResponse.parse(res.body);
}

describe.each(histories.map((h) => [h.profile.histogram, h] as const))("suggestion against the truth (%s)", (_name, h) => {
  it.each(cases.map((c) => [c.name, c] as const))("%s: daily good/total per boundary equal the generator's", async (_n, c) => {
    const end = END(h);
    const body = await suggest({ selection: selectionOf(await datasourceFor(h), c.selector), baseline: { startSeconds: end - 28 * DAY, endSeconds: end } });
    expect(body.baseline).toEqual({ startSeconds: end - 28 * DAY, endSeconds: end });
    expect(body.stepSeconds).toBe(HOUR);
    expect(body.selectionFacts.profile.id).toBe(h.profile.id);
    expect(body.selectionFacts.boundariesSeconds).toEqual(h.boundsSeconds);
    expect(body.candidates.map((k) => k.boundarySeconds)).toEqual(h.boundsSeconds);
    expect(body.days).toHaveLength(28);
    for (const [d, day] of body.days.entries()) {
      const q = { selector: c.selector, startSeconds: day.dayStartSeconds, endSeconds: day.dayStartSeconds + DAY };
      expect({ day: d, total: day.total }).toEqual({ day: d, total: h.truthCounts({ ...q, leSeconds: Infinity }).total });
      for (const cand of body.candidates)
        expect({ day: d, le: cand.boundarySeconds, good: cand.dailyGood[d] }).toEqual({ day: d, le: cand.boundarySeconds, good: h.truthCounts({ ...q, leSeconds: cand.boundarySeconds }).good });
    }
    // The history view: one point per hour, totals equal the truth, percentiles ordered and within the layout.
    expect(body.history.points).toHaveLength(28 * 24);
    const p = body.history.points[100];
    expect(p.total).toBe(h.truthCounts({ selector: c.selector, leSeconds: Infinity, startSeconds: p.startSeconds, endSeconds: p.startSeconds + HOUR }).total);
    for (const pt of body.history.points.filter((x) => x.total))
      expect(pt.p50Seconds! <= pt.p90Seconds! && pt.p90Seconds! <= pt.p99Seconds! && pt.p99Seconds! <= h.boundsSeconds[h.boundsSeconds.length - 1]).toBe(true);
    // Every query is listed, detection included.
    expect(body.source.queries.some((q) => q.includes(" or ") && q.includes("_count{")) || h.profile.id === "tempo").toBe(true);
    expect(body.source.queries.length).toBeGreaterThanOrEqual(3);
  });

  it("the counter reset and the zero-traffic day are reported; gap-free days are not gaps", async () => {
    const end = END(h);
    const ds = await datasourceFor(h);
    const cart = await suggest({ selection: selectionOf(ds, cases[2].selector), baseline: { startSeconds: end - 7 * DAY, endSeconds: end } });
    const reset = Math.floor(h.anomalies.reset.atSeconds / HOUR) * HOUR;
    expect(cart.warnings).toContainEqual({ code: "counter_resets", atSeconds: [reset] });
    const billing = await suggest({ selection: selectionOf(ds, cases[4].selector), baseline: { startSeconds: end - 7 * DAY, endSeconds: end } });
    expect(billing.warnings).toContainEqual({ code: "zero_traffic_days", daysStartSeconds: [h.anomalies.zeroTraffic.fromSeconds] });
    expect(billing.warnings.find((w) => w.code === "gaps")).toBeUndefined();
  });

  it("a 90-day baseline is clipped to the oldest sample the backend holds", async () => {
    const end = END(h);
    const body = await suggest({ selection: selectionOf(await datasourceFor(h), cases[0].selector), baseline: { startSeconds: end - 90 * DAY, endSeconds: end } });
    expect(body.dataRange.oldestSampleSeconds).toBe(h.ticks[0]);
    expect(body.dataRange.clipped).toBe(true);
    expect(body.dataRange.requested).toEqual({ startSeconds: end - 90 * DAY, endSeconds: end });
    expect(body.baseline.startSeconds).toBe(h.ticks[0]);
    expect(body.days).toHaveLength(36);
  });

  it("exclusions and intent go through to the engine", async () => {
    const end = END(h);
    const inc = h.anomalies.incident;
    const threshold = h.boundsSeconds[7];
    const body = await suggest({
      selection: selectionOf(await datasourceFor(h), cases[0].selector),
      baseline: { startSeconds: end - 28 * DAY, endSeconds: end },
      exclusions: [{ startSeconds: inc.fromSeconds, endSeconds: inc.toSeconds, note: "incident" }],
      intent: { kind: "objective", objective: 0.99, thresholdSeconds: threshold },
    });
    expect(body.excluded.length).toBe(1);
    expect(body.intent?.fit).toEqual({ kind: "exact", boundarySeconds: threshold });
    const included = h.truthCounts({ selector: cases[0].selector, leSeconds: threshold, startSeconds: end - 28 * DAY, endSeconds: end });
    const cut = h.truthCounts({ selector: cases[0].selector, leSeconds: threshold, startSeconds: body.excluded[0].startSeconds, endSeconds: body.excluded[0].endSeconds });
    const cand = body.candidates.find((k) => k.boundarySeconds === threshold)!;
    expect({ good: cand.good, total: cand.total }).toEqual({ good: included.good - cut.good, total: included.total - cut.total });
  });
});

describe("bad input and a down backend", () => {
  const h = histories[0];
  it("bad fields are a 422 with their paths", async () => {
    const ds = await datasourceFor(h);
    const res = await call(postSuggest, {
      json: { selection: { ...selectionOf(ds, cases[0].selector), operationMatch: "regex", operation: "(?=x)" }, baseline: { startSeconds: 10, endSeconds: 5 }, promql: "up" },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["selection.operation", "baseline.endSeconds", "promql"]));
    const missing = await call(postSuggest, { json: { selection: selectionOf("no-such-ds", cases[0].selector) } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: "selection.datasourceId", message: 'no datasource "no-such-ds"' }]);
    const long = await call(postSuggest, { json: { selection: selectionOf(ds, cases[0].selector), baseline: { startSeconds: 0, endSeconds: 91 * DAY } } });
    expect(long.status).toBe(422);
    expect(long.body.errors[0].path).toBe("baseline");
  });

  it("a backend that is down is a 502 that says so", async () => {
    const ds = await datasourceFor(h, `http://127.0.0.1:${await freePort()}`, "auto");
    const res = await call(postSuggest, { json: { selection: selectionOf(ds, cases[0].selector) } });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.title).toMatch(/Prometheus/);
    expect(res.body.detail).not.toMatch(/\bat [\w/]+\.ts/);
  });
});

describe("discovery over the whole baseline (GET /api/discovery/*)", () => {
  const h = histories[0];
  const now = () => Math.floor(Date.now() / 1000);
  it("a look-back past 7 days reaches history older than a week; `at` evaluates in the past", async () => {
    const { GET: discovery } = await import("@/app/api/discovery/[dimension]/route");
    const ds = await datasourceFor(h, prom.url, "auto");
    // The history ends a month before now: a 90-day look-back from now still finds it.
    const lookback = String(Math.min(90 * DAY, now() - h.ticks[0] - DAY));
    const services = await call(discovery, { params: { dimension: "services" }, query: { datasource: ds, lookback } });
    expect(services.status, JSON.stringify(services.body)).toBe(200);
    expect(services.body.profile.id).toBe("tempo");
    expect(services.body.items.map((i: { value: string }) => i.value)).toEqual(expect.arrayContaining(["checkout", "cart", "search", "billing"]));
    const past = await call(discovery, { params: { dimension: "operations" }, query: { datasource: ds, service: "checkout", at: String(END(h)), lookback: String(28 * DAY) } });
    expect(past.body.items.map((i: { value: string }) => i.value).sort()).toEqual(["POST /checkout", "SELECT orders"]);
    const tooLong = await call(discovery, { params: { dimension: "services" }, query: { datasource: ds, lookback: String(91 * DAY) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].path).toBe("lookback");
  });

  it("nothing found is an honest unknown profile with a warning, not the fallback naming", async () => {
    const { GET: discovery } = await import("@/app/api/discovery/[dimension]/route");
    const ds = await datasourceFor(h, prom.url, "auto");
    const res = await call(discovery, { params: { dimension: "services" }, query: { datasource: ds, lookback: String(7 * DAY) } });
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({ id: "unknown", histogram: "", unit: "" });
    expect(res.body.items).toEqual([]);
    expect(res.body.warnings[0]).toMatch(/no span metrics from a known producer/);
  });

  it("series: how many series a selection reads and, for a regex, which operations it selects", async () => {
    const { GET: series } = await import("@/app/api/discovery/series/route");
    const ds = await datasourceFor(h, prom.url, "auto");
    const q = { datasource: ds, service: "checkout", at: String(END(h)), lookback: String(28 * DAY) };
    const exact = await call(series, { query: { ...q, operation: "POST /checkout" } });
    expect(exact.status, JSON.stringify(exact.body)).toBe(200);
    // One `_count` series per status code of the operation (UNSET and ERROR).
    expect(exact.body).toMatchObject({ seriesCount: 2, operations: [{ name: "POST /checkout", seriesCount: 2 }], limit: 50, warning: null });
    const regex = await call(series, { query: { ...q, operation: "POST /.*|SELECT .*", match: "regex" } });
    expect(regex.body.operations).toEqual([
      { name: "POST /checkout", seriesCount: 2 },
      { name: "SELECT orders", seriesCount: 1 },
    ]);
    expect(regex.body.seriesCount).toBe(3);
    const kind = await call(series, { query: { ...q, operation: ".*", match: "regex", spanKind: "SPAN_KIND_CLIENT" } });
    expect(kind.body.operations).toEqual([{ name: "SELECT orders", seriesCount: 1 }]);
    expect(regex.body.source.queries.at(-1)).toContain('span_name=~"POST /.*|SELECT .*"');
    const bad = await call(series, { query: { ...q, operation: "(?=x)", match: "regex" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("operation");
  });
});

describe("charts across the scrape gap (timeseries and burn-down)", () => {
  it("steps without samples are gaps, and the response says how many requests no step shows", async () => {
    const h = histories[0];
    const { GET: getTimeseries } = await import("@/app/api/slos/[id]/timeseries/route");
    const { GET: getStatus } = await import("@/app/api/slos/[id]/status/route");
    const { POST: postSlo } = await import("@/app/api/slos/route");
    const ds = await datasourceFor(h);
    const sel = { service: "search", spanName: "GET /search" };
    const created = await call(postSlo, {
      json: { slug: "gap", name: "gap", team: "t", service: sel.service, operation: sel.spanName, thresholdSeconds: h.boundsSeconds[9], objective: 0.99, window: { kind: "rolling", days: 1 }, datasourceId: ds },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const g = h.anomalies.gap;
    const lost = h.truthCounts({ selector: sel, leSeconds: Infinity, startSeconds: g.lastSampleBefore, endSeconds: g.firstSampleAfter }).total;
    expect(lost).toBeGreaterThan(0);

    const ts = await call(getTimeseries, { params: { id: created.body.id }, query: { from: String(g.lastSampleBefore - 3600), to: String(g.firstSampleAfter + 3600), step: "600" } });
    expect(ts.status, JSON.stringify(ts.body)).toBe(200);
    const gapTs = ts.body.points.filter((p: { gap?: boolean }) => p.gap).map((p: { t: number }) => p.t);
    // Steps ending 10:10 … 10:40 see at most one sample: gaps, not zero traffic.
    expect(gapTs).toEqual([600, 1200, 1800, 2400].map((d) => g.lastSampleBefore + d));
    expect(ts.body.unplaced).toEqual({ gapSteps: 4, requests: lost });

    const st = await call(getStatus, { params: { id: created.body.id }, query: { at: String(END(h)), burnDownStep: "600" } });
    expect(st.status).toBe(200);
    expect(st.body.burnDown.filter((p: { gap?: boolean }) => p.gap).map((p: { t: number }) => p.t)).toEqual(gapTs);
    expect(st.body.burnDownUnplaced).toEqual({ gapSteps: 4, requests: lost });
  });
});

describe("the oldest sample, wherever the history starts", () => {
  // A series that starts with two minutes of 15-second scrapes at an odd second, then is silent for
  // three hours, then scrapes again: a look-back subquery at hourly or minutely ticks sees neither
  // the first sample (a later one is the latest at its minute tick) nor anything before the silence.
  const T0 = 1_780_000_000 - (1_780_000_000 % 3600);
  const first = T0 + 15;
  const times = [...Array.from({ length: 8 }, (_, i) => first + 15 * i), ...Array.from({ length: 240 }, (_, i) => T0 + 4 * 3600 + 15 * i)];
  const sel = 'service="late",span_name="GET /late",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_UNSET"';
  const lines = times.flatMap((t, i) => [
    `traces_spanmetrics_latency_bucket{${sel},le="0.1"} ${i} ${t}`,
    `traces_spanmetrics_latency_bucket{${sel},le="+Inf"} ${2 * i} ${t}`,
    `traces_spanmetrics_latency_count{${sel}} ${2 * i} ${t}`,
  ]);
  let late: TestPrometheus;
  beforeAll(async () => {
    late = await startPrometheus({ openMetrics: `# TYPE traces_spanmetrics_latency histogram\n${lines.join("\n")}\n# EOF\n` });
  }, 120_000);
  afterAll(async () => {
    await late?.stop();
  });

  it("is found exactly, before a scrape gap and between minute ticks", async () => {
    const res = await call(postDatasource, { json: { slug: "late", name: "Late", prometheusUrl: late.url, producerProfile: "tempo" } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const end = T0 + 6 * HOUR;
    const body = await suggest({ selection: { datasourceId: res.body.id, service: "late", operation: "GET /late" }, baseline: { startSeconds: end - 90 * DAY, endSeconds: end } });
    expect(body.dataRange.oldestSampleSeconds).toBe(first);
    expect(body.dataRange.clipped).toBe(true);
    expect(body.baseline.startSeconds).toBe(T0 + HOUR);
  });
});
