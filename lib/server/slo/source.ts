import "server-only";
// One MetricsSource per datasource config, and the mapping of metrics errors to API problems.
import type { DatasourceConfig } from "@/lib/server/catalogue/datasources";
import { BackendProblem } from "@/lib/server/errors";
import { createMetricsSource, type MetricsSource } from "@/lib/server/metrics/client";
import type { MetricsError } from "@/lib/server/metrics/result";

/** Per-request timeout for status and chart queries: long windows over many series need a few seconds. */
const QUERY_TIMEOUT_MS = 15_000;

export function metricsSourceFor(ds: Pick<DatasourceConfig, "prometheusUrl" | "pathPrefix" | "tenant" | "auth">): MetricsSource {
  return createMetricsSource({
    baseUrl: ds.prometheusUrl,
    pathPrefix: ds.pathPrefix,
    tenant: ds.tenant || undefined,
    auth: ds.auth,
    timeoutMs: QUERY_TIMEOUT_MS,
  });
}

/** A query we generated that the backend rejects is still the backend's answer to us: 502, with its words. */
export function backendProblem(error: MetricsError): BackendProblem {
  const kind = error.kind === "bad_query" ? "bad_response" : error.kind;
  return new BackendProblem(kind, "prometheus", error.message);
}
