// Freshness of an SLO without recent samples (issue 15, finding 8), against a real Prometheus
// holding metrics-history.ts (data ends at T_END): no look-up when the window holds no series, the
// last hour before the whole look-back, and one shared answer for calls moments apart.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMetricsSource, type MetricsSource } from "@/lib/server/metrics/client";
import { fetchSliInputs, type SloForSli } from "@/lib/server/sli-data";
import { clearFreshnessCache } from "@/lib/server/sli-data/freshness";
import { startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";
import { cartSelection } from "@/tests/fixtures/slo-selection";
import { openMetrics, T_END } from "./metrics-history";

const cartSlo = (over: Partial<SloForSli> = {}): SloForSli => ({
  ...cartSelection(),
  thresholdSeconds: 1,
  objective: 0.99,
  window: { kind: "rolling", days: 1 },
  minEvents: 0,
  ...over,
});
const freshnessQueries = (qs: string[]) => qs.filter((q) => q.includes("max_over_time("));

let prom: TestPrometheus;
let src: MetricsSource;
beforeAll(async () => {
  prom = await startPrometheus({ openMetrics: openMetrics() });
  src = createMetricsSource({ baseUrl: prom.url });
});
afterAll(async () => prom?.stop());
beforeEach(clearFreshnessCache);

async function sli(slo: SloForSli, at: number, source = src) {
  const r = await fetchSliInputs(source, slo, { atSeconds: at, profile: "tempo" });
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

describe("freshness without recent samples", () => {
  it("no series in the window: no sample, and no look-up sent", async () => {
    const r = await sli(cartSlo({ service: "nope" }), T_END);
    expect(r.value.lastSampleAt).toBeNull();
    expect(r.meta.queries).toHaveLength(2); // layout + the batched instant query
  });

  it("quiet for 30 minutes: found by the one-hour look-up alone", async () => {
    const r = await sli(cartSlo(), T_END + 1800);
    expect(r.value.lastSampleAt).toBe(T_END);
    expect(freshnessQueries(r.meta.queries)).toEqual([expect.stringContaining("[1h:4m]")]);
  });

  it("quiet for 2 hours: the whole look-back once, then shared by calls moments later; asked again after 4 minutes", async () => {
    const at = T_END + 7200;
    const first = await sli(cartSlo(), at);
    expect(first.value.lastSampleAt).toBe(T_END);
    expect(freshnessQueries(first.meta.queries)).toEqual([expect.stringContaining("[1h:4m]"), expect.stringContaining("[1d:4m]")]);

    for (const later of [at + 1, at + 60, at + 239]) {
      const r = await sli(cartSlo(), later);
      expect(r.value.lastSampleAt, String(later - at)).toBe(T_END);
      expect(freshnessQueries(r.meta.queries)).toEqual([]);
      expect(r.meta.warnings).toContain(`no sample in the last 5 minutes; newest at ${new Date(T_END * 1000).toISOString()}`);
    }
    expect(freshnessQueries((await sli(cartSlo(), at + 240)).meta.queries)).toHaveLength(2);
    // Another selection, or the same backend seen as another tenant, is another question.
    expect(freshnessQueries((await sli(cartSlo({ operation: "POST /pay" }), at + 241)).meta.queries)).toHaveLength(2);
    const tenant = createMetricsSource({ baseUrl: prom.url, tenant: "other" });
    expect(freshnessQueries((await sli(cartSlo(), at + 241, tenant)).meta.queries)).toHaveLength(2);
  });

  it("past the look-back the shared answer says no sample, as a fresh look-up would", async () => {
    // 1-day window: the look-back is 1 day. At T_END + 1 d − 10 s the sample is inside; 200 s later it is not.
    const inside = await sli(cartSlo(), T_END + 86_400 - 10);
    expect(inside.value.lastSampleAt).toBe(T_END);
    const outside = await sli(cartSlo(), T_END + 86_400 + 190);
    expect(freshnessQueries(outside.meta.queries)).toEqual([]);
    expect(outside.value.lastSampleAt).toBeNull();
    clearFreshnessCache();
    expect((await sli(cartSlo(), T_END + 86_400 + 190)).value.lastSampleAt).toBeNull();
  });

  it("50 concurrent calls for one stale SLO send one look-up between them", async () => {
    let sent = 0;
    const counting: MetricsSource = { ...src, query: (expr, at) => (expr.includes("max_over_time(") && sent++, src.query(expr, at)) };
    const all = await Promise.all(Array.from({ length: 50 }, (_, i) => sli(cartSlo(), T_END + 7200 + (i % 3), counting)));
    expect(all.every((r) => r.value.lastSampleAt === T_END)).toBe(true);
    expect(sent).toBe(2);
  });
});
