// Budget attribution against the ground truth: the truth history in a real Prometheus 2.x, SLOs in
// a real PostgreSQL, GET /api/slos/:id/attribution and GET /api/slos/:id/status called as a client
// would. For selections spanning several series (a service-level regex, several span kinds and
// status codes, errors as bad, a threshold between boundaries, a shorter ?window=), the attribution's
// bad requests must equal the status verb's badEvents for the same window, and each operation's and
// span kind's share must equal the generator's own counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO } from "@/lib/promql/profiles";
import { AttributionResponse } from "@/lib/schemas/attribution";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { SloStatusResponse } from "@/lib/schemas/status";
import { call, setupCatalogueDatabase } from "@/tests/helpers/catalogue";
import type { TestPrometheus } from "@/tests/helpers/prometheus";
import { startTruthPrometheus } from "@/tests/helpers/truth-prometheus";
import { generateTruthHistory, type TruthHistory } from "@/tests/fixtures/truth-history";
import { DAY, SERIES } from "@/tests/fixtures/truth-scenario";
import { GET as getAttribution } from "@/app/api/slos/[id]/attribution/route";
import { GET as getStatus } from "@/app/api/slos/[id]/status/route";
import { POST as postSlo } from "@/app/api/slos/route";
import { POST as postDatasource } from "@/app/api/datasources/route";

const histories = [TEMPO, OTEL_MS].map((profile) => generateTruthHistory({ profile, days: 36 }));
let prom: TestPrometheus;
setupCatalogueDatabase();

beforeAll(async () => {
  prom = await startTruthPrometheus("attribution-truth", histories);
}, 600_000);
afterAll(async () => {
  await prom?.stop();
});

const END = (h: TruthHistory) => h.ticks[h.ticks.length - 1];

interface Case {
  name: string;
  service: string;
  operation: string;
  countErrorsAsBad?: boolean;
  boundIndex: number;
  /** Threshold halfway to the next boundary instead of on it. */
  between?: boolean;
  /** ?window= in days (default the SLO's 28-day window). */
  windowDays?: number;
}

const cases: Case[] = [
  { name: "checkout, service-level (regex .+: two operations, two span kinds, two status codes)", service: "checkout", operation: ".+", boundIndex: 5 },
  { name: "checkout, errors count as bad", service: "checkout", operation: ".+", boundIndex: 5, countErrorsAsBad: true },
  { name: "cart, regex operation across the counter reset (OK, UNSET and ERROR)", service: "cart", operation: "redis GET|GET /cart.*", boundIndex: 1 },
  { name: "checkout, threshold between two boundaries", service: "checkout", operation: ".+", boundIndex: 5, between: true },
  { name: "checkout, ?window=7d", service: "checkout", operation: ".+", boundIndex: 5, windowDays: 7 },
];

async function setup(h: TruthHistory, c: Case) {
  const ds = await call(postDatasource, { json: { slug: `truth-${h.profile.id}`, name: `Truth ${h.profile.id}`, prometheusUrl: prom.url, producerProfile: h.profile.id } });
  expect(ds.status).toBe(201);
  const t = h.boundsSeconds[c.boundIndex];
  const threshold = c.between ? (t + h.boundsSeconds[c.boundIndex + 1]) / 2 : t;
  const input: CreateSloInput = {
    slug: "attr",
    name: c.name,
    description: "",
    team: "truth",
    owner: "",
    service: c.service,
    operation: c.operation,
    operationMatch: "regex",
    spanKind: null,
    extraMatchers: [],
    thresholdSeconds: threshold,
    objective: 0.99,
    window: { kind: "rolling", days: c.windowDays ?? 28 },
    countErrorsAsBad: c.countErrorsAsBad ?? false,
    minEvents: 0,
    datasourceId: ds.body.id,
    status: "active",
  };
  const res = await call(postSlo, { json: input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, threshold, lower: t };
}

describe.each(histories.map((h) => [h.profile.histogram, h] as const))("attribution against the truth (%s)", (_n, h) => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { id, lower } = await setup(h, c);
    const at = END(h);
    // The SLO's own window is 28 days, or the ?window= one (the status verb reads its SLO's window).
    const query: Record<string, string> = c.windowDays ? { at: String(at), window: `${c.windowDays}d` } : { at: String(at) };
    const res = await call(getAttribution, { params: { id }, query });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const a = AttributionResponse.parse(res.body);
    const st = await call(getStatus, { params: { id }, query: { at: String(at) } });
    expect(st.status).toBe(200);
    const status = SloStatusResponse.parse(st.body).status;

    const windowDays = c.windowDays ?? 28;
    expect(a.window).toMatchObject({ startSeconds: at - windowDays * DAY, endSeconds: at });
    expect(a.spansSeveralSeries).toBe(true);
    // The same numbers as the status verb: Σ bad is its badEvents, Σ total its total.
    expect(a.totals.total).toBe(status.total);
    expect(a.totals.bad).toBe(status.budget!.badEvents);
    expect(a.totals.budgetConsumed).toBeCloseTo(status.budget!.consumed, 12);
    for (const d of a.dimensions) {
      expect(d.values.reduce((x, v) => x + v.bad, 0) + (d.other?.bad ?? 0)).toBe(a.totals.bad);
      expect(d.values.reduce((x, v) => x + v.budgetShare!, 0) + (d.other?.budgetShare ?? 0)).toBeCloseTo(a.totals.budgetConsumed!, 12);
    }
    expect(a.fit.kind).toBe(c.between ? "between" : "exact");

    // Per operation and per span kind: the generator's own counts over the same window.
    const specs = SERIES.filter((s) => s.service === c.service && new RegExp(`^(?:${c.operation})$`).test(s.spanName));
    const truthBad = (sel: { spanName?: string; spanKind?: string }) => {
      const t = h.truthCounts({ selector: { service: c.service, ...sel, excludeErrors: c.countErrorsAsBad }, leSeconds: lower, startSeconds: a.window.startSeconds, endSeconds: at });
      return t.total - t.good;
    };
    const op = a.dimensions.find((d) => d.kind === "operation")!;
    const ops = [...new Set(specs.map((s) => s.spanName))];
    expect(op.values.map((v) => v.value).sort()).toEqual([...ops].sort());
    for (const v of op.values) expect(v.bad).toBe(truthBad({ spanName: v.value }));
    const kinds = a.dimensions.find((d) => d.kind === "span_kind");
    for (const v of kinds?.values ?? []) expect(v.bad).toBe(truthBad({ spanKind: v.value }));
    expect(a.dimensions.find((d) => d.kind === "status_code")!.valueCount).toBe(new Set(specs.map((s) => s.status)).size);
    // Ranked most bad first.
    for (const d of a.dimensions) for (let i = 1; i < d.values.length; i++) expect(d.values[i - 1].bad).toBeGreaterThanOrEqual(d.values[i].bad);

    if (c.between) {
      const up = h.truthCounts({ selector: { service: c.service, excludeErrors: c.countErrorsAsBad }, leSeconds: h.boundsSeconds[c.boundIndex + 1], startSeconds: a.window.startSeconds, endSeconds: at });
      expect(a.totals.badLowerBound).toBe(up.total - up.good);
      expect(a.totals.badLowerBound!).toBeLessThan(a.totals.bad);
      expect(a.source.warnings.join(" ")).toMatch(/not a bucket boundary/);
    }
  });

  it("a single-series selection says so (the SLO page hides the panel)", async () => {
    const { id } = await setup(h, { name: "one series", service: "search", operation: "rank", boundIndex: 5 });
    const res = await call(getAttribution, { params: { id }, query: { at: String(END(h)) } });
    const a = AttributionResponse.parse(res.body);
    expect(a.spansSeveralSeries).toBe(false);
    expect(a.dimensions).toEqual([]);
    expect(a.fixed.map((f) => f.kind)).toEqual(["operation", "span_kind", "status_code"]);
  });

  it("an invalid window is a 400 naming the parameter", async () => {
    const { id } = await setup(h, cases[0]);
    const res = await call(getAttribution, { params: { id }, query: { window: "2w" } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("window");
  });
});
