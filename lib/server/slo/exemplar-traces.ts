import "server-only";
// The existence check of one trace on the datasource's trace backend (lib/server/traces:
// traceSourceFor + traceExists, which remembers answers for a minute), in the shape
// exemplar-check.ts asks it; null when the datasource has no trace backend configured.
import type { DatasourceConfig } from "@/lib/server/catalogue/datasources";
import { deadlineIn } from "@/lib/server/metrics/limits";
import { traceExists, traceSourceFor } from "@/lib/server/traces";
import type { ExistsFn } from "./exemplar-check";

/** One existence check may take this long (the whole batch has its own budget). */
const CHECK_TIMEOUT_MS = 2000;

export function traceExistsFor(ds: Pick<DatasourceConfig, "traceBackend" | "traceUrl" | "tenant" | "traceAuth">, timeoutMs = CHECK_TIMEOUT_MS): ExistsFn | null {
  const source = traceSourceFor(ds, { timeoutMs });
  if (!source) return null;
  return async (traceId) => {
    const r = await traceExists(source, traceId, { deadline: deadlineIn(timeoutMs) });
    if (!r.ok) return { ok: false, message: r.error.message };
    return r.value.exists ? { ok: true, exists: true } : { ok: true, exists: false, message: r.value.message };
  };
}
