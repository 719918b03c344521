import "server-only";
// The Prometheus half of the connection test: build info (who answers, which version), then
// whether span metrics are there and from which producer, compared with the datasource's setting.
import { render, selector } from "@/lib/promql/ast";
import { countMetric, KNOWN_PROFILES, type ProducerProfile } from "@/lib/promql/profiles";
import { createMetricsSource, type MetricsSource } from "@/lib/server/metrics/client";
import { endpointOf } from "@/lib/server/metrics/http";
import { clip } from "@/lib/server/metrics/limits";
import type { ConnectionCheck } from "@/lib/schemas/datasource-test";
import type { ConnectionConfig } from "./config";
import { PROBE_TIMEOUT_MS } from "./probe";

/** Span metrics are looked for over the last hour: a producer that stopped a day ago is not "there". */
const SPAN_METRICS_LOOKBACK_S = 3600;

const producerName = (p: ProducerProfile) => (p.id === "tempo" ? "Tempo's metrics-generator" : "the OTel Collector spanmetrics connector");

export async function checkPrometheus(cfg: ConnectionConfig, fetchImpl: typeof fetch = fetch): Promise<ConnectionCheck[]> {
  let lastStatus: number | null = null;
  // Wrapped to learn the HTTP status of each answer, which the MetricsSource does not surface.
  const recording: typeof fetch = async (input, init) => {
    const res = await fetchImpl(input, init);
    lastStatus = res.status;
    return res;
  };
  const src = createMetricsSource({
    baseUrl: cfg.prometheusUrl,
    pathPrefix: cfg.pathPrefix,
    tenant: cfg.tenant || undefined,
    auth: cfg.auth,
    timeoutMs: PROBE_TIMEOUT_MS,
    maxRetries: 0,
    fetch: recording,
  });
  const base = endpointOf({ baseUrl: cfg.prometheusUrl, pathPrefix: cfg.pathPrefix });
  const url = `${base}/api/v1/status/buildinfo`;
  const t0 = performance.now();
  const info = await src.buildInfo();
  const elapsedMs = Math.round(performance.now() - t0);
  const httpStatus = lastStatus as number | null;
  if (!info.ok) {
    const e = info.error;
    const check: ConnectionCheck = { check: "prometheus", outcome: "failed", url, httpStatus: e.status ?? httpStatus, version: null, elapsedMs, message: `${e.message} (${elapsedMs} ms).` };
    // A Prometheus-compatible API without build info (some proxies) can still serve queries.
    if (e.status === 404) {
      check.outcome = "warning";
      check.message = `${e.message} (${elapsedMs} ms); some Prometheus-compatible servers have no build info, so span metrics are looked for anyway.`;
      return [check, await checkSpanMetrics(src, cfg, base, () => lastStatus)];
    }
    return [check, skipped("Span metrics not looked for: Prometheus was not reached.")];
  }
  const version = info.value.version ? clip(info.value.version, 40) : null;
  const check: ConnectionCheck = {
    check: "prometheus",
    outcome: "ok",
    url,
    httpStatus,
    version,
    elapsedMs,
    message: `Reached Prometheus${version ? ` ${version}` : ""} at ${base} (HTTP ${httpStatus ?? "2xx"}, ${elapsedMs} ms).`,
  };
  return [check, await checkSpanMetrics(src, cfg, base, () => lastStatus)];
}

const skipped = (message: string): ConnectionCheck => ({ check: "span-metrics", outcome: "skipped", url: null, httpStatus: null, version: null, elapsedMs: null, message });

async function checkSpanMetrics(src: MetricsSource, cfg: ConnectionConfig, base: string, statusOf: () => number | null): Promise<ConnectionCheck> {
  const nowS = Date.now() / 1000;
  const wanted = KNOWN_PROFILES.map(countMetric);
  const t0 = performance.now();
  const names = await src.labelValues("__name__", wanted.map((m) => render(selector(m))), nowS - SPAN_METRICS_LOOKBACK_S, nowS);
  const elapsedMs = Math.round(performance.now() - t0);
  const url = `${base}/api/v1/label/__name__/values`;
  const at = { check: "span-metrics" as const, url, version: null, elapsedMs, httpStatus: statusOf() };
  if (!names.ok) return { ...at, outcome: "failed", message: `${names.error.message} (${elapsedMs} ms).` };
  const present = new Set(names.value);
  const found = KNOWN_PROFILES.filter((p) => present.has(countMetric(p)));
  if (found.length === 0)
    return {
      ...at,
      outcome: "warning",
      message: `No span metrics in the last hour: none of ${wanted.join(", ")} has a series. SLOs on this datasource will show no data until a producer writes them.`,
    };
  const listed = found.map((p) => `${p.histogram} (${producerName(p)})`).join(" and ");
  const setting = cfg.producerProfile;
  if (setting !== "auto" && !found.some((p) => p.id === setting))
    return {
      ...at,
      outcome: "warning",
      message: `Span metrics found: ${listed}, but the datasource is set to the ${setting === "tempo" ? "Tempo" : "OTel"} naming, which has none; choose "auto" or the producer found.`,
    };
  return { ...at, outcome: "ok", message: `Span metrics found in the last hour: ${listed}.` };
}
