import "server-only";
// Jaeger's query API (GET /api/traces/<id>, the HTTP API its UI uses) → the Trace model.
// What it answers (jaegertracing/jaeger cmd/jaeger/internal/extension/jaegerquery/internal/
// http_handler.go): 200 with the `data[]` envelope; a missing trace 404 with
// `{"data":null,…,"errors":[{"code":404,"msg":"trace not found"}]}`; a malformed ID 400 with the
// same envelope and the parse error in `msg`; storage errors 500 likewise. The body shapes are
// read in lib/traces/jaeger-json.ts. Jaeger takes hex trace IDs up to 32 digits, leading zeros or
// not, so the normalised 32-digit ID is sent; a 64-bit trace is found under it as well.
// A body that is not the envelope is described (type and size), never quoted.
import { normaliseTraceId } from "@/lib/traces/ids";
import { jaegerBody, jaegerSpans } from "@/lib/traces/jaeger-json";
import { parseJsonLossless } from "@/lib/traces/json";
import { normaliseTrace } from "@/lib/traces/normalise";
import type { Trace } from "@/lib/schemas/trace";
import type { Result } from "@/lib/server/metrics/result";
import { describeAnswer, endpointOf, quote, traceGet, unavailableAnswer, type TraceAnswer, type TraceHttpConfig } from "./http";
import { traceFail, type TraceError, type TraceSource } from "./source";

/** Reads one answer for trace `hex`. Pure apart from the quoting config: unit-tested with fixtures. */
export function readJaegerAnswer(cfg: TraceHttpConfig, hex: string, a: TraceAnswer): Result<Trace, TraceError> {
  const where = endpointOf(cfg.baseUrl);
  const notFound = () => traceFail("not_found", `${cfg.displayName} at ${where} has no trace ${hex}`, a.status);
  let body: unknown;
  try {
    body = a.text.trim() === "" ? undefined : parseJsonLossless(a.text);
  } catch {
    body = undefined;
  }
  const env = jaegerBody(body);
  if (a.status === 200 && env?.kind === "traces") {
    const raw = jaegerSpans(env.traces);
    if (raw.length === 0) return notFound();
    return { ok: true, value: normaliseTrace(raw, { traceId: hex, api: "jaeger", endpoint: where }) };
  }
  const said = env?.kind === "errors" && env.message ? `: ${quote(cfg, env.message)}` : "";
  if (a.status === 404 && env) return notFound();
  if (a.status === 404)
    return traceFail("bad_response", `${cfg.displayName} at ${where} has no trace API at /api/traces (HTTP 404, ${describeAnswer(a)}); check the trace URL (and Jaeger's --query.base-path)`, 404);
  if (a.status === 400 && env) return traceFail("bad_request", `${cfg.displayName} at ${where} refused the request (HTTP 400)${said}`, 400);
  if (a.status === 504) return traceFail("timeout", `${cfg.displayName} at ${where} (or a gateway before it) gave up looking for the trace (HTTP 504)`, 504);
  if (a.status === 429 || a.status >= 500) return unavailableAnswer(cfg, a, env?.kind === "errors" ? env.message : undefined);
  return traceFail("bad_response", `${cfg.displayName} at ${where} answered HTTP ${a.status} with ${describeAnswer(a)}, not Jaeger's query API`, a.status);
}

export function createJaegerSource(cfg: TraceHttpConfig & { cacheKey: string }): TraceSource {
  return {
    backend: "jaeger",
    endpoint: endpointOf(cfg.baseUrl),
    cacheKey: cfg.cacheKey,
    async traceById(traceId, opts) {
      const id = normaliseTraceId(traceId);
      if (!id.ok) return traceFail("bad_request", `not a trace ID: ${id.reason}`);
      const got = await traceGet(cfg, `/api/traces/${id.hex}`, opts?.deadline);
      return got.ok ? readJaegerAnswer(cfg, id.hex, got.value) : got;
    },
  };
}
