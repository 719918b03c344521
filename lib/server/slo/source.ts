import "server-only";
// One MetricsSource per datasource config, and the mapping of metrics errors to API problems.
import { getEnv } from "@/lib/env";
import type { DatasourceConfig } from "@/lib/server/catalogue/datasources";
import { BackendProblem } from "@/lib/server/errors";
import { createMetricsSource, type MetricsSource } from "@/lib/server/metrics/client";
import { deadlineIn } from "@/lib/server/metrics/http";
import type { MetricsError } from "@/lib/server/metrics/result";

/**
 * The source for one API request: call it once per request and use it for every backend call the
 * request makes, because its deadline (SIGHTLINE_REQUEST_DEADLINE_MS) starts here and is shared.
 */
export function metricsSourceFor(ds: Pick<DatasourceConfig, "prometheusUrl" | "pathPrefix" | "tenant" | "auth">): MetricsSource {
  const env = getEnv();
  return createMetricsSource({
    baseUrl: ds.prometheusUrl,
    pathPrefix: ds.pathPrefix,
    tenant: ds.tenant || undefined,
    auth: ds.auth,
    // Long windows over many series take a few seconds; SIGHTLINE_QUERY_TIMEOUT_MS caps one call.
    timeoutMs: env.SIGHTLINE_QUERY_TIMEOUT_MS,
    deadline: deadlineIn(env.SIGHTLINE_REQUEST_DEADLINE_MS),
    maxAnswerBytes: env.SIGHTLINE_MAX_ANSWER_BYTES,
  });
}

/** A query we generated that the backend rejects is still the backend's answer to us: 502, with its words. */
export function backendProblem(error: MetricsError): BackendProblem {
  const kind = error.kind === "bad_query" ? "bad_response" : error.kind;
  return new BackendProblem(kind, "prometheus", error.message);
}
