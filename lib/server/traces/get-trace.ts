import "server-only";
// GET /api/traces/:traceId – one trace from a datasource's trace backend, as the Trace model.
// The typed TraceError of the adapters becomes a problem: not found → 404 saying why traces go
// missing (sampled out, past retention: tempo#7500), a refused request → 422 with the backend's
// words, timeout → 504, other backend failures → 502; a datasource without a trace backend → 409.
import { getEnv } from "@/lib/env";
import { Trace } from "@/lib/schemas/trace";
import { getDatasourceWithSecret } from "@/lib/server/catalogue/datasources";
import { BackendProblem, HttpProblem, ProblemType } from "@/lib/server/errors";
import { deadlineIn } from "@/lib/server/metrics/limits";
import { notFoundWords, traceSourceFor } from "./index";

export async function getTrace(traceIdHex: string, datasource: string): Promise<Trace> {
  const ds = await getDatasourceWithSecret(datasource);
  const env = getEnv();
  const source = traceSourceFor(ds, { timeoutMs: env.SIGHTLINE_QUERY_TIMEOUT_MS, maxAnswerBytes: env.SIGHTLINE_MAX_ANSWER_BYTES });
  if (!source)
    throw new HttpProblem(
      409,
      ProblemType.conflict,
      "No trace backend",
      `datasource "${ds.slug}" has no trace backend; configure Tempo or Jaeger (its URL) for it in Settings → Datasources`,
      [{ path: "datasource", message: "has no trace backend" }],
    );
  const r = await source.traceById(traceIdHex, { deadline: deadlineIn(env.SIGHTLINE_REQUEST_DEADLINE_MS) });
  if (r.ok) return Trace.parse(r.value);
  const e = r.error;
  const name = source.backend === "tempo" ? "Tempo" : "Jaeger";
  switch (e.kind) {
    case "not_found":
      throw new HttpProblem(404, ProblemType.notFound, "Trace not found", notFoundWords(source, traceIdHex), [], { traceId: traceIdHex, backend: source.backend });
    case "bad_request":
      throw new HttpProblem(422, ProblemType.backendBadResponse, `${name} cannot return this trace`, e.message, [], { traceId: traceIdHex, backend: source.backend });
    default:
      throw new BackendProblem(e.kind, source.backend, e.message);
  }
}
