// Monthly reports against the ground truth: the truth history (October 2026 whole, the checkout
// incident on Oct 30) in a real Prometheus 2.x, SLOs in a real PostgreSQL. The month's SLI must
// equal the generator's counts over the calendar month and the status verb's own SLI (a calendar
// SLO's month to date at the same moment; a rolling window of the month's days at its end), the
// incident must show as a fast-burn period, a down backend is unavailable for its SLO only, and a
// future month or one before any data says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { ReportResponse } from "@/lib/schemas/report";
import type { CreateSloInput, SloWindow } from "@/lib/schemas/slo";
import { SloStatusResponse } from "@/lib/schemas/status";
import { teamReport } from "@/lib/server/slo/report";
import { call, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import { freePort } from "@/tests/helpers/ports";
import type { TestPrometheus } from "@/tests/helpers/prometheus";
import { startTruthPrometheus } from "@/tests/helpers/truth-prometheus";
import { generateTruthHistory, type TruthHistory } from "@/tests/fixtures/truth-history";
import { GET as getReports } from "@/app/api/reports/route";
import { GET as getStatus } from "@/app/api/slos/[id]/status/route";
import { POST as postSlo } from "@/app/api/slos/route";
import { POST as postDatasource } from "@/app/api/datasources/route";

const histories = [TEMPO, OTEL_MS].map((profile) => generateTruthHistory({ profile, days: 36 }));
let prom: TestPrometheus;
setupCatalogueDatabase();

beforeAll(async () => {
  prom = await startTruthPrometheus("report-truth", histories);
}, 600_000);
afterAll(async () => {
  await prom?.stop();
});

const OCT_1 = Date.UTC(2026, 9, 1) / 1000;
const OCT_31 = Date.UTC(2026, 9, 31) / 1000;
const NOV_1 = Date.UTC(2026, 10, 1) / 1000;
const END = (h: TruthHistory) => h.ticks[h.ticks.length - 1];
const selector = { service: "checkout", spanName: "POST /checkout" };

async function datasource(h: TruthHistory, url = prom.url, slug = `truth-${h.profile.id}`): Promise<string> {
  const res = await call(postDatasource, { json: { slug, name: slug, prometheusUrl: url, producerProfile: h.profile.id } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function slo(h: TruthHistory, datasourceId: string, slug: string, window: SloWindow, team = "payments"): Promise<string> {
  const input: CreateSloInput = {
    slug,
    name: slug,
    description: "",
    team,
    owner: "",
    service: selector.service,
    operation: selector.spanName,
    operationMatch: "exact",
    spanKind: null,
    extraMatchers: [],
    thresholdSeconds: h.boundsSeconds[7],
    objective: 0.99,
    window,
    countErrorsAsBad: false,
    minEvents: 0,
    datasourceId,
    status: "active",
  };
  const res = await call(postSlo, { json: input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const statusOf = async (id: string, at: number) => {
  const res = await call(getStatus, { params: { id }, query: { at: String(at) } });
  expect(res.status).toBe(200);
  return SloStatusResponse.parse(res.body).status;
};
const answered = (r: ReportResponse, slug: string) => {
  const e = r.slos.find((s) => s.slo.slug === slug)!;
  if (e.result.kind !== "answered") throw new Error(`${slug}: ${JSON.stringify(e.result)}`);
  return e.result;
};

describe.each(histories.map((h) => [h.profile.histogram, h] as const))("monthly report against the truth (%s)", (_n, h) => {
  it("October: the month's SLI is the truth over the calendar month and the status verb's; the incident is a fast-burn period", async () => {
    const ds = await datasource(h);
    await slo(h, ds, "calendar", { kind: "calendar", unit: "month" });
    const rolling31 = await slo(h, ds, "rolling-31", { kind: "rolling", days: 31 });
    const report = ReportResponse.parse(await teamReport("payments", "2026-10", END(h)));
    expect(report).toMatchObject({ timing: "past", notice: null, countedUntilSeconds: NOV_1, month: { startSeconds: OCT_1, endSeconds: NOV_1, days: 31 } });

    const truth = h.truthCounts({ selector, leSeconds: h.boundsSeconds[7], startSeconds: OCT_1, endSeconds: NOV_1 });
    const m = answered(report, "calendar");
    expect({ good: m.good, total: m.total }).toEqual(truth);
    expect(m.sli).toBeCloseTo(truth.good / truth.total, 12);
    expect(m.budgetUsed).toBeCloseTo((truth.total - truth.good) / truth.total / 0.01, 9);
    expect(m.verdict).toBe(m.budgetUsed! <= 1 ? "met" : "missed");
    expect(m.exact).toBe(true);
    // The same window, read by the status verb: a 31-day rolling SLO at the month's end.
    const st = await statusOf(rolling31, NOV_1);
    expect(st.sli).toBe(m.sli);
    expect(answered(report, "rolling-31").sli).toBe(m.sli);

    // The incident (latency ×6 for 90 minutes on Oct 30) pages.
    const inc = h.anomalies.incident;
    const p = m.fastBurn.find((x) => x.startSeconds <= inc.toSeconds + 3600 && x.endSeconds >= inc.fromSeconds);
    expect(p, JSON.stringify(m.fastBurn)).toBeDefined();
    expect(p!.tiers).toContain("page-1h");
    expect(p!.peakBurnRate).toBeGreaterThan(14.4);
    const incidentBad = h.truthCounts({ selector, leSeconds: h.boundsSeconds[7], startSeconds: inc.fromSeconds, endSeconds: inc.toSeconds });
    expect(p!.badRequests).toBeGreaterThanOrEqual(incidentBad.total - incidentBad.good);
    expect(p!.badRequests).toBeLessThanOrEqual(m.bad);
    expect(m.fastBurn[0].badRequests).toBe(Math.max(...m.fastBurn.map((x) => x.badRequests)));
    expect(report.totals).toMatchObject({ slos: 2, unavailable: 0, requests: 2 * truth.total });
  });

  it("the month to date equals the status verb of a calendar-window SLO at the same moment", async () => {
    const id = await slo(h, await datasource(h), "calendar", { kind: "calendar", unit: "month" });
    const report = ReportResponse.parse(await teamReport("payments", "2026-10", OCT_31));
    expect(report.timing).toBe("current");
    expect(report.countedUntilSeconds).toBe(OCT_31);
    const m = answered(report, "calendar");
    const st = await statusOf(id, OCT_31);
    expect({ good: m.good, total: m.total, sli: m.sli }).toEqual({ good: st.good, total: st.total, sli: st.sli });
    expect(m.budgetUsed).toBeCloseTo(st.budget!.consumed, 12);
  });

  it("a backend that is down is unavailable for its SLO only", async () => {
    await slo(h, await datasource(h), "up", { kind: "calendar", unit: "month" });
    await slo(h, await datasource(h, `http://127.0.0.1:${await freePort()}`, "down"), "down", { kind: "calendar", unit: "month" });
    const report = ReportResponse.parse(await teamReport("payments", "2026-10", END(h)));
    expect(answered(report, "up").total).toBeGreaterThan(0);
    const down = report.slos.find((s) => s.slo.slug === "down")!.result;
    expect(down.kind).toBe("unavailable");
    expect(report.totals).toMatchObject({ slos: 2, unavailable: 1 });
  });

  it("a future month and a month before any data say so", async () => {
    await slo(h, await datasource(h), "calendar", { kind: "calendar", unit: "month" });
    const future = ReportResponse.parse(await teamReport("payments", "2027-01", END(h)));
    expect(future).toMatchObject({ timing: "future", notice: "future" });
    expect(future.slos[0].result.kind).toBe("not_counted");
    const before = ReportResponse.parse(await teamReport("payments", "2026-08", END(h)));
    expect(before.notice).toBe("before_data");
    expect(answered(before, "calendar")).toMatchObject({ verdict: "no_data", samplesSeen: false, sli: null });
  });

  it("GET /api/reports: JSON, CSV with a filename, problems for a bad month or no team", async () => {
    await slo(h, await datasource(h), "calendar", { kind: "calendar", unit: "month" });
    const json = await call(getReports, { query: { team: "payments", month: "2026-10" } });
    expect(json.status).toBe(200);
    expect(ReportResponse.parse(json.body).slos).toHaveLength(1);
    const res = await getReports(new Request("http://sightline.test/api/reports?team=payments&month=2026-10&format=csv"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="sightline-report-payments-2026-10.csv"');
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toMatch(/^team,month,slo_slug,/);
    expect(lines[1]).toMatch(/^payments,2026-10,calendar,/);
    const bads: Record<string, string>[] = [{ team: "payments", month: "2026-13" }, { month: "2026-10" }, { team: "payments", format: "xml" }];
    for (const q of bads) {
      const bad = await call(getReports, { query: q });
      expect(bad.status, JSON.stringify(q)).toBe(400);
      expect(bad.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});
