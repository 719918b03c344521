import "server-only";
// GET /api/slos/:id/exemplars/check as a verb: one trace asked of the SLO's trace backend right
// before the UI navigates to it, so a trace that was sampled out or has expired is said in words
// instead of opening an empty page.
import type { TraceCheckResponse } from "@/lib/schemas/exemplars";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { ValidationError } from "@/lib/server/errors";
import { normalizeTraceId } from "@/lib/slo/trace-id";
import { traceExistsFor } from "./exemplar-traces";

export const MISSING_NOTE = "it was probably sampled out or is past retention";

export async function checkSloTrace(idOrSlug: string, rawTraceId: string): Promise<TraceCheckResponse> {
  const traceId = normalizeTraceId(rawTraceId);
  if (traceId === null) throw new ValidationError([{ path: "traceId", message: "must not be all zeros" }], 400, "invalid query");
  const { datasource: ds } = await getSloWithDatasource(idOrSlug);
  const exists = traceExistsFor(ds);
  if (!exists) return { traceId, trace: "unchecked", note: "this datasource has no trace backend: set one under Settings to open traces" };
  const r = await exists(traceId, AbortSignal.timeout(5000));
  if (!r.ok) return { traceId, trace: "unchecked", note: `could not check: ${r.message}` };
  return r.exists ? { traceId, trace: "found", note: null } : { traceId, trace: "missing", note: `this trace is no longer in ${ds.traceBackend === "jaeger" ? "Jaeger" : "Tempo"}: ${MISSING_NOTE}` };
}
