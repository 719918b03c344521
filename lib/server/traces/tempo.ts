import "server-only";
// Tempo's trace-by-ID API → the Trace model. v2 first (GET /api/v2/traces/<hex>, Tempo ≥ 2.5: it
// says when a trace is partial), falling back to v1 (GET /api/traces/<hex>) when v2 is not there.
//
// What Tempo answers, learned from grafana/tempo (modules/frontend/combiner/trace_by_id*.go,
// modules/querier/http.go, cmd/tempo/app/modules.go routes, docs/sources/tempo/api_docs):
// - found: 200, v1 `{"batches":[…]}`, v2 `{"trace":{"resourceSpans":[…]}, "status"?, "message"?}`;
// - not found: v1 404 with an empty body (the frontend's combiner drops the querier's body);
//   v2 200 with an empty trace `{"trace":{}}` or 404 with an empty body;
// - a Tempo without the v2 route: 404 "404 page not found" (gorilla/mux's default text), or 405
//   when the path matches another route's pattern for another method; a gateway may say 501;
// - trace larger than the querier's limit: 422 with the reason as text; a malformed ID: 400 text;
// - multi-tenant Tempo without X-Scope-OrgID: 401 "no org id".
// A body the adapter does not recognise is described (type and size), never quoted: whatever
// answered at that address is not ours to show (issue 20).
import { normaliseTraceId } from "@/lib/traces/ids";
import { parseJsonLossless } from "@/lib/traces/json";
import { normaliseTrace } from "@/lib/traces/normalise";
import { otlpBody, otlpSpans } from "@/lib/traces/otlp-json";
import type { Trace } from "@/lib/schemas/trace";
import type { Result } from "@/lib/server/metrics/result";
import { describeAnswer, endpointOf, quote, traceGet, unavailableAnswer, type TraceAnswer, type TraceHttpConfig } from "./http";
import { traceFail, type TraceByIdOptions, type TraceError, type TraceSource } from "./source";

type Api = "tempo-v2" | "tempo-v1";
/** The answer read: a trace, a typed failure, or (v2 only) "ask v1". */
export type TempoReading = Result<Trace, TraceError> | { ok: false; fallback: true };

const ROUTE_NOT_FOUND = /^404 page not found\s*$/;
/** Endpoints known to have no v2 route: asked v1 directly for a while (then v2 again: upgrades happen). */
const v1Only = new Map<string, number>();
const V1_ONLY_MS = 10 * 60_000;

const isText = (a: TraceAnswer) => a.contentType === "text/plain" || a.contentType === "";

/** Reads one answer of `api` for trace `hex`. Pure apart from the quoting config: unit-tested with fixtures. */
export function readTempoAnswer(cfg: TraceHttpConfig, api: Api, hex: string, a: TraceAnswer): TempoReading {
  const where = endpointOf(cfg.baseUrl);
  const notFound = () => traceFail("not_found", `${cfg.displayName} at ${where} has no trace ${hex}`, a.status);
  if (a.status === 200) {
    let body: unknown;
    try {
      body = parseJsonLossless(a.text);
    } catch {
      return traceFail("bad_response", `${cfg.displayName} at ${where} answered ${api === "tempo-v2" ? "/api/v2/traces" : "/api/traces"} with ${describeAnswer(a)}, not JSON`, 200);
    }
    const otlp = otlpBody(body);
    if (!otlp) return traceFail("bad_response", `${cfg.displayName} at ${where} answered with JSON that holds no trace (no batches or resourceSpans)`, 200);
    const raw = otlpSpans(otlp.resourceSpans);
    if (raw.length === 0) return notFound();
    return { ok: true, value: normaliseTrace(raw, { traceId: hex, api, endpoint: where, partial: api === "tempo-v2" ? otlp.partial : undefined }) };
  }
  if (a.status === 404) {
    if (a.text.trim() === "") return notFound();
    const routeMissing = ROUTE_NOT_FOUND.test(a.text) || a.contentType === "text/html";
    if (api === "tempo-v2") return { ok: false, fallback: true };
    if (routeMissing)
      return traceFail("bad_response", `${cfg.displayName} at ${where} has no trace API at /api/traces (HTTP 404, ${describeAnswer(a)}); check the trace URL (and any path prefix of a gateway)`, 404);
    return notFound();
  }
  if (api === "tempo-v2" && (a.status === 405 || a.status === 501)) return { ok: false, fallback: true };
  if (a.status === 400 || a.status === 422) {
    const said = isText(a) && a.text.trim() !== "" ? `: ${quote(cfg, a.text)}` : ` (${describeAnswer(a)})`;
    const what = a.status === 422 ? "cannot return the trace" : "refused the request";
    return traceFail("bad_request", `${cfg.displayName} at ${where} ${what} (HTTP ${a.status})${said}`, a.status);
  }
  if (a.status === 504)
    return traceFail("timeout", `${cfg.displayName} at ${where} (or a gateway before it) gave up looking for the trace (HTTP 504)`, 504);
  if (a.status === 429 || a.status >= 500) return unavailableAnswer(cfg, a, isText(a) ? a.text : undefined);
  return traceFail("bad_response", `${cfg.displayName} at ${where} answered HTTP ${a.status} with ${describeAnswer(a)}`, a.status);
}

export function createTempoSource(cfg: TraceHttpConfig & { cacheKey: string }): TraceSource {
  const endpoint = endpointOf(cfg.baseUrl);
  async function ask(api: Api, hex: string, opts?: TraceByIdOptions): Promise<TempoReading> {
    const path = api === "tempo-v2" ? `/api/v2/traces/${hex}` : `/api/traces/${hex}`;
    const got = await traceGet(cfg, path, opts?.deadline);
    return got.ok ? readTempoAnswer(cfg, api, hex, got.value) : got;
  }
  return {
    backend: "tempo",
    endpoint,
    cacheKey: cfg.cacheKey,
    async traceById(traceId, opts) {
      const id = normaliseTraceId(traceId);
      if (!id.ok) return traceFail("bad_request", `not a trace ID: ${id.reason}`);
      if ((v1Only.get(endpoint) ?? 0) < Date.now()) {
        const v2 = await ask("tempo-v2", id.hex, opts);
        if (!("fallback" in v2)) return v2;
        v1Only.set(endpoint, Date.now() + V1_ONLY_MS);
      }
      const v1 = await ask("tempo-v1", id.hex, opts);
      // v1 never asks for a fallback; the type says it could.
      return "fallback" in v1 ? traceFail("bad_response", `${cfg.displayName} at ${endpoint} has no trace-by-ID API`) : v1;
    },
  };
}

/** Forgets which endpoints lacked the v2 API (tests). */
export const resetTempoApiMemo = () => v1Only.clear();
