import "server-only";
// One MetricsSource per datasource config, and the mapping of metrics errors to API problems.
import { getEnv } from "@/lib/env";
import type { DatasourceConfig } from "@/lib/server/catalogue/datasources";
import { BackendProblem } from "@/lib/server/errors";
import { createMetricsSource, type MetricsSource } from "@/lib/server/metrics/client";
import type { MetricsError } from "@/lib/server/metrics/result";


export function metricsSourceFor(ds: Pick<DatasourceConfig, "prometheusUrl" | "pathPrefix" | "tenant" | "auth">): MetricsSource {
  return createMetricsSource({
    baseUrl: ds.prometheusUrl,
    pathPrefix: ds.pathPrefix,
    tenant: ds.tenant || undefined,
    auth: ds.auth,
    // Long windows over many series take a few seconds; SIGHTLINE_QUERY_TIMEOUT_MS tunes it.
    timeoutMs: getEnv().SIGHTLINE_QUERY_TIMEOUT_MS,
  });
}

/** A query we generated that the backend rejects is still the backend's answer to us: 502, with its words. */
export function backendProblem(error: MetricsError): BackendProblem {
  const kind = error.kind === "bad_query" ? "bad_response" : error.kind;
  return new BackendProblem(kind, "prometheus", error.message);
}
