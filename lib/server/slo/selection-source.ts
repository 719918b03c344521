import "server-only";
// The datasource a request body names, as a MetricsSource for this request. A body that names a
// datasource that does not exist is a field problem (422 at that path), not a missing URL (404).
import { getDatasourceWithSecret, type DatasourceConfig } from "@/lib/server/catalogue/datasources";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import type { MetricsSource } from "@/lib/server/metrics/client";
import type { MetricsError } from "@/lib/server/metrics/result";
import { backendProblem, metricsSourceFor } from "./source";

export async function datasourceForBody(id: string, path: string): Promise<{ ds: DatasourceConfig; source: MetricsSource }> {
  try {
    const ds = await getDatasourceWithSecret(id);
    return { ds, source: metricsSourceFor(ds) };
  } catch (e) {
    if (e instanceof NotFoundError) throw new ValidationError([{ path, message: `no datasource "${id}"` }]);
    throw e;
  }
}

/** Unwraps a metrics result or throws the backend problem (502/504 in words). */
export function orThrow<T>(r: { ok: true; value: T } | { ok: false; error: MetricsError }): T {
  if (!r.ok) throw backendProblem(r.error);
  return r.value;
}
