// POST /api/backtest against known truth: the ground-truth history (both producer profiles) in a
// real Prometheus 2.x, a saved SLO in a real PostgreSQL. At sample moments the backtest must say
// what GET /api/slos/:id/status says at the same `at` (good, total, SLI, budget, burn rates), and
// both must equal the generator's counts; the incident fires the fast page tier; a draft runs
// beside the saved SLO over the same steps; bad input is a 422 with paths, a down backend a 502.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { BacktestResponse } from "@/lib/schemas/backtest";
import { SloStatusResponse } from "@/lib/schemas/status";
import { call, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { freePort, type TestPrometheus } from "@/tests/helpers/prometheus";
import { startTruthPrometheus } from "@/tests/helpers/truth-prometheus";
import { generateTruthHistory, type TruthHistory } from "@/tests/fixtures/truth-history";
import { DAY, HOUR } from "@/tests/fixtures/truth-scenario";
import { POST as postBacktest } from "@/app/api/backtest/route";
import { GET as getStatus } from "@/app/api/slos/[id]/status/route";
import { POST as postSlo } from "@/app/api/slos/route";
import { POST as postDatasource } from "@/app/api/datasources/route";

const histories = [TEMPO, OTEL_MS].map((profile) => generateTruthHistory({ profile, days: 36 }));
let prom: TestPrometheus;
setupCatalogueDatabase();

beforeAll(async () => {
  prom = await startTruthPrometheus("backtest-truth", histories);
}, 600_000);

afterAll(async () => {
  await prom?.stop();
});

const END = (h: TruthHistory) => h.ticks[h.ticks.length - 1];
const checkout = { service: "checkout", spanName: "POST /checkout" };

async function datasourceFor(h: TruthHistory, url = prom.url): Promise<string> {
  const res = await call(postDatasource, { json: { slug: `bt-${h.profile.id}`, name: `Backtest ${h.profile.id}`, prometheusUrl: url, producerProfile: h.profile.id } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function createSlo(datasourceId: string, thresholdSeconds: number, objective = 0.99, window: object = { kind: "rolling", days: 7 }): Promise<string> {
  const res = await call(postSlo, {
    json: {
      slug: "bt-checkout",
      name: "Checkout",
      team: "truth",
      service: "checkout",
      operation: "POST /checkout",
      thresholdSeconds,
      objective,
      window,
      datasourceId,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function backtestOf(json: unknown) {
  const res = await call(postBacktest, { json });
  expect(res.status, JSON.stringify(res.body).slice(0, 2000)).toBe(200);
  return BacktestResponse.parse(res.body);
}

describe.each(histories.map((h) => [h.profile.histogram, h] as const))("backtest against the truth (%s)", (_name, h) => {
  it("at sample moments, SLI, budget and burn rates equal the status route's at the same `at`, and the truth", async () => {
    const end = END(h);
    const threshold = h.boundsSeconds[7];
    const ds = await datasourceFor(h);
    const id = await createSlo(ds, threshold);
    const body = await backtestOf({ sloId: id, range: { startSeconds: end - 7 * DAY, endSeconds: end }, stepSeconds: HOUR });
    const r = body.current!;
    expect(body.draft).toBeNull();
    expect(r.stepSeconds).toBe(HOUR);
    expect(r.points).toHaveLength(7 * 24 + 1);
    // The moments: the first (window reaching back before the range), the incident, the reset day, the end.
    const inc = h.anomalies.incident;
    const moments = [end - 7 * DAY, Math.ceil(inc.toSeconds / HOUR) * HOUR, end - DAY + 11 * HOUR, end];
    for (const t of moments) {
      const p = r.points.find((x) => x.t === t)!;
      const res = await call(getStatus, { params: { id }, query: { at: String(t) } });
      expect(res.status).toBe(200);
      const s = SloStatusResponse.parse(res.body).status;
      const truth = h.truthCounts({ selector: checkout, leSeconds: threshold, startSeconds: t - 7 * DAY, endSeconds: t });
      expect({ t, good: p.good, total: p.total }).toEqual({ t, ...truth });
      expect({ t, good: p.good, total: p.total, state: p.state }).toEqual({ t, good: s.good, total: s.total, state: s.state });
      expect(p.sli).toBeCloseTo(s.sli!, 12);
      expect(p.budgetRemaining).toBeCloseTo(s.budget!.remaining, 12);
      expect(p.uncoveredSeconds).toBe(0);
      for (const b of s.burnRates) {
        if (!h.isSampleMoment("checkout", t - b.windowSeconds)) continue;
        const mine = p.burnRates[b.window as keyof typeof p.burnRates];
        if (b.rate === null) expect(mine ?? null).toBeNull();
        else expect({ t, w: b.window, rate: mine }).toEqual({ t, w: b.window, rate: expect.closeTo(b.rate, 9) });
      }
    }
    // Every tier of a 7-day SLO is evaluable at hourly steps: 5m and 30m are read beside the steps.
    expect(r.tiers.every((t) => t.evaluable)).toBe(true);
    expect(r.warnings.find((w) => w.code === "tier_not_evaluable")).toBeUndefined();
    expect(body.source.queries.length).toBeGreaterThanOrEqual(2);
    // Without a step the planner picks one (about 2,200 moments): 5 minutes over a week.
    expect(r.stepSeconds).toBe(HOUR);
    const week = await backtestOf({ sloId: id, range: { startSeconds: end - 7 * DAY, endSeconds: end } });
    expect(week.current!.stepSeconds).toBe(300);
    const p = week.current!.points.find((x) => x.t === end)!;
    expect({ good: p.good, total: p.total }).toEqual(h.truthCounts({ selector: checkout, leSeconds: threshold, startSeconds: end - 7 * DAY, endSeconds: end }));
  });

  it("the incident fires the fast page tier; a draft at a looser boundary runs beside it over the same steps", async () => {
    const end = END(h);
    const ds = await datasourceFor(h);
    // About 1 s: normal traffic keeps 99.9 % there, the incident (latency ×6) does not.
    const id = await createSlo(ds, h.boundsSeconds.find((b) => b >= 1)!, 0.999);
    const inc = h.anomalies.incident;
    const body = await backtestOf({
      sloId: id,
      draft: {
        selection: { datasourceId: ds, service: "checkout", operation: "POST /checkout" },
        target: { thresholdSeconds: h.boundsSeconds[h.boundsSeconds.length - 1], objective: 0.9, window: { kind: "rolling", days: 7 } },
      },
      range: { startSeconds: end - 5 * DAY, endSeconds: end },
    });
    const cur = body.current!;
    const page = cur.tiers.find((t) => t.id === "page-1h")!;
    expect(page.firingCount).toBeGreaterThan(0);
    expect(page.intervals.some((iv) => iv.startSeconds > inc.fromSeconds && iv.startSeconds <= inc.toSeconds + HOUR)).toBe(true);
    expect(body.draft!.points.map((p) => p.t)).toEqual(cur.points.map((p) => p.t));
    expect(body.draft!.tiers.every((t) => t.firingCount === 0)).toBe(true);
  });

  it("a calendar-month SLO reads the month so far, as the status page does", async () => {
    const ds = await datasourceFor(h);
    const threshold = h.boundsSeconds[7];
    const id = await createSlo(ds, threshold, 0.99, { kind: "calendar", unit: "month" });
    const oct31 = Date.UTC(2026, 9, 31) / 1000;
    const body = await backtestOf({ sloId: id, range: { startSeconds: oct31 - 2 * DAY, endSeconds: oct31 } });
    const p = body.current!.points.find((x) => x.t === oct31)!;
    const truth = h.truthCounts({ selector: checkout, leSeconds: threshold, startSeconds: Date.UTC(2026, 9, 1) / 1000, endSeconds: oct31 });
    expect({ good: p.good, total: p.total }).toEqual(truth);
  });
});

describe("bad input and a down backend", () => {
  const h = histories[0];
  it("bad fields are a 422 with their paths", async () => {
    const ds = await datasourceFor(h);
    const range = { startSeconds: END(h) - DAY, endSeconds: END(h) };
    const none = await call(postBacktest, { json: { range } });
    expect(none.status).toBe(422);
    expect(none.body.errors.map((e: { path: string }) => e.path)).toContain("sloId");
    const long = await call(postBacktest, { json: { sloId: "x", range: { startSeconds: 0, endSeconds: 91 * DAY } } });
    expect(long.body.errors.map((e: { path: string }) => e.path)).toContain("range");
    const step = await call(postBacktest, {
      json: { draft: { selection: { datasourceId: ds, service: "checkout", operation: "POST /checkout" }, target: { thresholdSeconds: 0.5, objective: 0.99, window: { kind: "rolling", days: 7 } } }, range, stepSeconds: 7000 },
    });
    expect(step.status).toBe(422);
    expect(step.body.errors).toEqual([{ path: "stepSeconds", message: expect.stringMatching(/divide a day/) }]);
    const missing = await call(postBacktest, { json: { sloId: "no-such-slo", range } });
    expect(missing.status).toBe(404);
  });

  it("a backend that is down is a 502 that says so", async () => {
    const ds = await datasourceFor(h, `http://127.0.0.1:${await freePort()}`);
    const res = await call(postBacktest, {
      json: { draft: { selection: { datasourceId: ds, service: "checkout", operation: "POST /checkout" }, target: { thresholdSeconds: 0.512, objective: 0.99, window: { kind: "rolling", days: 7 } } }, range: { startSeconds: END(h) - DAY, endSeconds: END(h) } },
    });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.title).toMatch(/Prometheus/);
  });
});
