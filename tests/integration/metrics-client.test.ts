// The MetricsSource client against real backends: Prometheus 2.42, VictoriaMetrics 1.79, and a
// Mimir-like proxy (path prefix + tenant header). History: tests/integration/metrics-history.ts.
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matcher, num, render, selector } from "@/lib/promql/ast";
import { bucketMetric, countMetric, TEMPO } from "@/lib/promql/profiles";
import { goodQuery, totalQuery } from "@/lib/promql/slo-queries";
import { leSpellings } from "@/lib/promql/buckets";
import { createMetricsSource, type MetricsSource } from "@/lib/server/metrics/client";
import { startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";
import { startVictoria, type TestVictoria } from "@/tests/helpers/victoria";
import { startMimirProxy, type MimirProxy } from "@/tests/helpers/mimir-proxy";
import { cartSelection } from "@/tests/fixtures/slo-selection";
import { expected, HISTORY, MINUTES, ODD_SERVICE, ODD_SPAN, openMetrics, prometheusText, T0, T_END, TEMPO_BASE } from "./metrics-history";

const DAY = 86_400;
const cartSlo = cartSelection;
const isCart = (s: (typeof HISTORY)[number]) => s.base === TEMPO_BASE && s.labels.service === "checkout" && s.labels.span_name === "GET /cart";

async function scalarOf(src: MetricsSource, q: ReturnType<typeof render>, at = T_END): Promise<number | null> {
  const r = await src.query(q, at);
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.samples.length).toBeLessThanOrEqual(1);
  return r.value.samples[0]?.value ?? null;
}

/** Checks shared by every backend holding the history. */
function sharedBehaviour(get: () => MetricsSource) {
  it("counts good at le=1 across both spellings (`1` and `1.0`) and the total", async () => {
    const src = get();
    expect(await scalarOf(src, render(goodQuery(cartSlo(), TEMPO, leSpellings(1), DAY)))).toBe(expected(isCart, 1));
    expect(await scalarOf(src, render(totalQuery(cartSlo(), TEMPO, DAY)))).toBe(expected(isCart, Infinity));
    // Without the Prometheus 3 spelling the `cluster="b"` series is silently missed: the reason for both.
    const onlyOld = await scalarOf(src, render(goodQuery(cartSlo(), TEMPO, ["1"], DAY)));
    expect(onlyOld).toBe(expected((s) => isCart(s) && s.labels.cluster !== "b", 1));
  });

  it("matches label values with quotes, backslashes, newlines, braces and unicode through the escaper", async () => {
    const slo = cartSlo({ service: ODD_SERVICE, operation: ODD_SPAN, spanKind: "SPAN_KIND_CLIENT" });
    expect(await scalarOf(get(), render(totalQuery(slo, TEMPO, DAY)))).toBe(3 * MINUTES);
    const values = await get().labelValues("service", [render(selector(countMetric(TEMPO)))], T0, T_END);
    expect(values.ok && [...values.value].sort()).toEqual(["checkout", ODD_SERVICE].sort());
  });

  it("answers an empty vector (not an error) for a selection without data", async () => {
    const r = await get().query(render(totalQuery(cartSlo({ service: "nope" }), TEMPO, DAY)), T_END);
    expect(r).toEqual({ ok: true, value: { samples: [], warnings: [] } });
  });

  it("returns a scalar answer as one unlabelled sample", async () => {
    const r = await get().query(render(num(42)), T_END);
    expect(r.ok && r.value.samples).toEqual([{ labels: {}, value: 42, timestamp: T_END }]);
  });

  it("runs range queries on aligned steps with the counter's exact per-step increase", async () => {
    const q = render(totalQuery(cartSlo(), TEMPO, 600));
    const r = await get().queryRange(q, T0 + 601, T_END, 600);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.plan).toMatchObject({ startSeconds: T0 + 600, endSeconds: T_END, stepSeconds: 600, points: 6 });
    expect(r.value.series).toHaveLength(1);
    expect(r.value.series[0].points).toEqual(
      Array.from({ length: 6 }, (_, i) => ({ t: T0 + 600 * (i + 1), v: expected(isCart, Infinity, 10) })),
    );
  });

  it("lists series of a selector", async () => {
    const r = await get().series([render(selector(bucketMetric(TEMPO), [matcher("span_name", "=", "GET /cart")]))], T0, T_END);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toHaveLength(12);
    expect(new Set(r.value.map((s) => s.le))).toEqual(new Set(["0.25", "0.5", "1", "1.0", "+Inf"]));
  });

  it("reports a malformed query as bad_query with the backend's message", async () => {
    const r = await get().query("sum(" as ReturnType<typeof render>, T_END);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("bad_query");
  });
}

describe("Prometheus", () => {
  let prom: TestPrometheus;
  let src: MetricsSource;
  beforeAll(async () => {
    prom = await startPrometheus({ openMetrics: openMetrics() });
    src = createMetricsSource({ baseUrl: prom.url });
  });
  afterAll(async () => prom?.stop());

  sharedBehaviour(() => src);

  it("reads build info", async () => {
    const r = await src.buildInfo();
    expect(r.ok && r.value.version).toMatch(/^2\.42\./);
  });

  describe("through a Mimir-like proxy", () => {
    let mimir: MimirProxy;
    beforeAll(async () => {
      mimir = await startMimirProxy(prom.url);
    });
    afterAll(async () => mimir?.stop());

    it("queries under /prometheus with X-Scope-OrgID", async () => {
      const viaMimir = createMetricsSource({ baseUrl: mimir.url, pathPrefix: "/prometheus", tenant: "team-a" });
      expect(await scalarOf(viaMimir, render(totalQuery(cartSlo(), TEMPO, DAY)))).toBe(expected(isCart, Infinity));
      expect(mimir.tenants.at(-1)).toBe("team-a");
    });

    it("is unauthorized without a tenant, and says so", async () => {
      const noTenant = createMetricsSource({ baseUrl: mimir.url, pathPrefix: "/prometheus" });
      const r = await noTenant.query(render(num(1)), T_END);
      expect(r).toMatchObject({ ok: false, error: { kind: "unauthorized", status: 401 } });
      if (!r.ok) expect(r.error.message).toContain(`${mimir.url}/prometheus`);
    });

    it("reports a missing path prefix as a bad response with a hint", async () => {
      const r = await createMetricsSource({ baseUrl: mimir.url, tenant: "t" }).query(render(num(1)), T_END);
      expect(r).toMatchObject({ ok: false, error: { kind: "bad_response", status: 404 } });
      if (!r.ok) expect(r.error.message).toMatch(/path prefix/);
    });
  });
});

describe("VictoriaMetrics", () => {
  let vm: TestVictoria;
  let src: MetricsSource;
  beforeAll(async () => {
    vm = await startVictoria();
    await vm.importPrometheusText(prometheusText());
    src = createMetricsSource({ baseUrl: vm.url, displayName: "VictoriaMetrics" });
  });
  afterAll(async () => vm?.stop());

  sharedBehaviour(() => src);

  it("answers build info and an empty exemplar list", async () => {
    expect((await src.buildInfo()).ok).toBe(true);
    expect(await src.queryExemplars(render(selector(bucketMetric(TEMPO))), T0, T_END)).toEqual({ ok: true, value: [] });
  });
});

describe("exemplars (scraped: backfill carries none)", () => {
  const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  let target: http.Server;
  let prom: TestPrometheus;
  beforeAll(async () => {
    target = http.createServer((_req, res) => {
      const now = Date.now() / 1000;
      const l = 'service="checkout",span_name="GET /cart"';
      res.writeHead(200, { "Content-Type": "application/openmetrics-text; version=1.0.0; charset=utf-8" });
      res.end(
        [
          "# TYPE traces_spanmetrics_latency histogram",
          `traces_spanmetrics_latency_bucket{${l},le="0.5"} 3 # {traceID="${TRACE}"} 0.31 ${now.toFixed(3)}`,
          `traces_spanmetrics_latency_bucket{${l},le="+Inf"} 4`,
          `traces_spanmetrics_latency_count{${l}} 4`,
          `traces_spanmetrics_latency_sum{${l}} 1.2`,
          "# EOF",
          "",
        ].join("\n"),
      );
    });
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
    prom = await startPrometheus({ scrapeTargets: [`127.0.0.1:${(target.address() as net.AddressInfo).port}`] });
  });
  afterAll(async () => {
    await prom?.stop();
    await new Promise((r) => target?.close(r));
  });

  it("returns exemplars with their trace id label, value and timestamp", async () => {
    const src = createMetricsSource({ baseUrl: prom.url });
    const q = render(selector(bucketMetric(TEMPO), [matcher("service", "=", "checkout")]));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const now = Date.now() / 1000;
      const r = await src.queryExemplars(q, now - 60, now + 5);
      if (!r.ok) throw new Error(r.error.message);
      if (r.value.length > 0) {
        expect(r.value[0].seriesLabels).toMatchObject({ service: "checkout", le: "0.5" });
        expect(r.value[0].exemplars[0]).toMatchObject({ labels: { traceID: TRACE }, value: 0.31 });
        expect(Math.abs(r.value[0].exemplars[0].timestamp - now)).toBeLessThan(30);
        return;
      }
      if (Date.now() > deadline) throw new Error("no exemplar scraped within 20 s");
      await new Promise((res) => setTimeout(res, 250));
    }
  });
});
