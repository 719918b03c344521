import "server-only";
// GET /api/slos/:id/exemplars/check as a verb: one trace asked of the SLO's trace backend right
// before the UI navigates to it, so a trace that was sampled out or has expired is said in words
// instead of opening an empty page.
import type { TraceCheckResponse } from "@/lib/schemas/exemplars";
import { getSloWithDatasource } from "@/lib/server/catalogue/slo-queries";
import { ValidationError } from "@/lib/server/errors";
import { normaliseTraceId } from "@/lib/traces/ids";
import { traceExistsFor } from "./exemplar-traces";

export const MISSING_NOTE = "it was probably sampled out or is past retention";

export async function checkSloTrace(idOrSlug: string, rawTraceId: string): Promise<TraceCheckResponse> {
  const id = normaliseTraceId(rawTraceId);
  if (!id.ok) throw new ValidationError([{ path: "traceId", message: id.reason }], 400, "invalid query");
  const traceId = id.hex;
  const { datasource: ds } = await getSloWithDatasource(idOrSlug);
  // A click waits for this answer: a little longer than one check of the list.
  const exists = traceExistsFor(ds, 5000);
  if (!exists) return { traceId, trace: "unchecked", note: "this datasource has no trace backend: set one under Settings to open traces" };
  const r = await exists(traceId, AbortSignal.timeout(5000));
  // Said the same way wherever a trace is missing (the trace API's 404 uses these words too).
  const name = ds.traceBackend === "jaeger" ? "Jaeger" : "Tempo";
  if (!r.ok) return { traceId, trace: "unchecked", note: `could not check: ${r.message}` };
  return r.exists ? { traceId, trace: "found", note: null } : { traceId, trace: "missing", note: `this trace is no longer in ${name}: ${MISSING_NOTE}` };
}
