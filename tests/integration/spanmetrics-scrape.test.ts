// A live OpenMetrics scrape rendered by lib/spanmetrics is ingested by a real Prometheus 2.x:
// bucket values, escaped odd label values, both `le` spellings as written, and trace exemplars
// with each producer's exemplar label (traceID for Tempo, trace_id for OTel).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OTEL_MS, TEMPO, type ProducerProfile } from "@/lib/promql/profiles";
import { newHistogramState, observe, OPENMETRICS_CONTENT_TYPE, renderOpenMetricsScrape, snapshot, spanLabels, type MetricFamily } from "@/lib/spanmetrics";
import { ODD_SPAN_NAME } from "@/tests/fixtures/truth-scenario";
import { startPrometheus, type TestPrometheus } from "@/tests/helpers/prometheus";

const TRACE = { tempo: "4bf92f3577b34da6a3ce929d0e0e4736", otel: "00f067aa0ba902b7a3ce929d0e0e4736" };
const SLOW = { tempo: 0.31, otel: 310 }; // lands in le="0.512" (Tempo) and le="400" (OTel)
const exemplarTs = Math.floor(Date.now() / 1000) - 5 + 0.309;

function family(profile: ProducerProfile): MetricFamily {
  const s = newHistogramState(profile.defaultBuckets);
  const fast = profile.unit === "seconds" ? 0.003 : 3;
  for (let i = 0; i < 41; i++) observe(s, fast);
  observe(s, SLOW[profile.id], { traceId: TRACE[profile.id], timestampSeconds: exemplarTs });
  const labels = spanLabels(profile, { service: "scrape-check", spanName: ODD_SPAN_NAME, spanKind: "SPAN_KIND_SERVER", statusCode: "STATUS_CODE_UNSET" });
  return {
    type: "histogram",
    name: profile.histogram,
    bounds: profile.defaultBuckets,
    exemplarTraceLabel: profile.exemplarTraceLabel,
    series: [{ labels, points: [snapshot(s, undefined, true)] }],
  };
}

// One body mixing both producers: each family names its own exemplar label.
const body = renderOpenMetricsScrape([family(TEMPO), family(OTEL_MS)]);
let server: http.Server;
let prom: TestPrometheus;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(200, { "content-type": OPENMETRICS_CONTENT_TYPE }).end(body));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  prom = await startPrometheus({ scrapeTargets: [`127.0.0.1:${(server.address() as AddressInfo).port}`] });
});

afterAll(async () => {
  await prom?.stop();
  await new Promise((r) => server?.close(r));
});

const str = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

async function api<T>(pathAndQuery: string): Promise<T> {
  const r = (await (await fetch(`${prom.url}${pathAndQuery}`)).json()) as { status: string; data: T };
  expect(r.status).toBe("success");
  return r.data;
}

async function eventually<T>(fn: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error("timed out waiting for Prometheus");
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.each([
  [TEMPO, "0.512"],
  [OTEL_MS, "400"],
])("live scrape of $id", (profile, le) => {
  const sel = `${profile.labels.service}="scrape-check",${profile.labels.spanName}=${str(ODD_SPAN_NAME)},le="${le}"`;

  it("stores the bucket value under the escaped odd span name", async () => {
    const v = await eventually(async () => {
      const d = await api<{ result: { value: [number, string] }[] }>(`/api/v1/query?query=${encodeURIComponent(`${profile.histogram}_bucket{${sel}}`)}`);
      return d.result.length ? Number(d.result[0].value[1]) : null;
    });
    expect(v).toBe(42);
  });

  it("stores the exemplar with the producer's trace label, value and timestamp", async () => {
    const q = encodeURIComponent(`${profile.histogram}_bucket{${sel}}`);
    const now = Math.floor(Date.now() / 1000);
    const ex = await eventually(async () => {
      const d = await api<{ exemplars: { labels: Record<string, string>; value: string; timestamp: number }[] }[]>(
        `/api/v1/query_exemplars?query=${q}&start=${now - 600}&end=${now + 600}`,
      );
      return d.length && d[0].exemplars.length ? d[0].exemplars[0] : null;
    });
    expect(ex.labels).toEqual({ [profile.exemplarTraceLabel]: TRACE[profile.id] });
    expect(Number(ex.value)).toBe(SLOW[profile.id]);
    expect(ex.timestamp).toBeCloseTo(exemplarTs, 3);
  });
});
