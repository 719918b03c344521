import "server-only";
// The trace source of a datasource (its trace backend, URL, tenant and own credential), and
// traceExists(): the cheap "is this exemplar's trace still there?" the exemplar list asks before
// offering a link (tempo#7500: exemplars outlive sampled-out and expired traces).
import { createHash } from "node:crypto";
import type { DatasourceConfig } from "@/lib/server/catalogue/datasources";
import type { Deadline } from "@/lib/server/metrics/limits";
import type { Result } from "@/lib/server/metrics/result";
import type { TraceSummary } from "@/lib/schemas/trace";
import { normaliseTraceId } from "@/lib/traces/ids";
import type { z } from "zod";
import type { TraceHttpConfig } from "./http";
import { createJaegerSource } from "./jaeger";
import type { TraceError, TraceSource } from "./source";
import { createTempoSource } from "./tempo";

export type { TraceError, TraceErrorKind, TraceSource } from "./source";

/** What a trace source is made of: the datasource's trace fields with the credential decrypted. */
export type TraceSettings = Pick<DatasourceConfig, "traceBackend" | "traceUrl" | "tenant" | "traceAuth">;

export interface TraceSourceOptions {
  timeoutMs?: number;
  maxAnswerBytes?: number;
  fetch?: typeof fetch;
}

/** The datasource's trace source; null when it has no trace backend (or no trace URL). */
export function traceSourceFor(ds: TraceSettings, opts: TraceSourceOptions = {}): TraceSource | null {
  if (ds.traceBackend === "none" || ds.traceUrl === "") return null;
  const base: TraceHttpConfig = {
    baseUrl: ds.traceUrl,
    auth: ds.traceAuth,
    displayName: ds.traceBackend === "tempo" ? "Tempo" : "Jaeger",
    ...opts,
  };
  // Who may see which traces: the URL, the tenant and the credential (hashed: keys are logged and compared, never shown).
  const credential = ds.traceAuth.kind === "none" ? "" : createHash("sha256").update(JSON.stringify(ds.traceAuth)).digest("hex").slice(0, 16);
  if (ds.traceBackend === "tempo") {
    // X-Scope-OrgID is Tempo's tenant header (and Mimir's, whose tenant the datasource shares).
    return createTempoSource({ ...base, tenant: ds.tenant || undefined, cacheKey: `tempo ${ds.traceUrl} ${ds.tenant} ${credential}` });
  }
  // Jaeger has no X-Scope-OrgID (its multi-tenancy header is configurable, x-tenant by default): none sent.
  return createJaegerSource({ ...base, cacheKey: `jaeger ${ds.traceUrl} ${credential}` });
}

export type TraceExistence =
  | { exists: true; traceId: string; summary: z.infer<typeof TraceSummary> }
  | { exists: false; traceId: string; message: string };

/** How long an answer (found or not) is reused: exemplar lists re-render often, traces change rarely. */
export const TRACE_EXISTS_TTL_MS = 60_000;
const MAX_CACHED = 10_000;
const cache = new Map<string, { atMs: number; value: TraceExistence }>();

/**
 * Whether the trace is in the backend: found (with its summary) or not found (with why, in words),
 * each remembered for TRACE_EXISTS_TTL_MS per source and ID. Failures (unavailable, timeout, …)
 * are returned and not remembered: the next ask tries again.
 */
export async function traceExists(source: TraceSource, traceId: string, opts: { deadline?: Deadline; nowMs?: () => number } = {}): Promise<Result<TraceExistence, TraceError>> {
  const now = opts.nowMs ?? Date.now;
  const id = normaliseTraceId(traceId);
  if (!id.ok) return { ok: false, error: { kind: "bad_request", message: `not a trace ID: ${id.reason}` } };
  const key = `${source.cacheKey}\n${id.hex}`;
  const hit = cache.get(key);
  if (hit && now() - hit.atMs < TRACE_EXISTS_TTL_MS) return { ok: true, value: hit.value };
  const r = await source.traceById(id.hex, { deadline: opts.deadline });
  let value: TraceExistence;
  if (r.ok) value = { exists: true, traceId: id.hex, summary: r.value.summary };
  else if (r.error.kind === "not_found") value = { exists: false, traceId: id.hex, message: notFoundWords(source, id.hex) };
  else return r;
  cache.delete(key);
  cache.set(key, { atMs: now(), value });
  // Oldest first in insertion order: drop from the front past the cap.
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return { ok: true, value };
}

/** Empties traceExists' memory (tests). */
export const clearTraceExistsCache = () => cache.clear();

/** Why a trace is usually missing, for people: the same words the API's 404 uses. */
export function notFoundWords(source: Pick<TraceSource, "backend" | "endpoint">, hex: string): string {
  const name = source.backend === "tempo" ? "Tempo" : "Jaeger";
  return `trace ${hex} is not in ${name} at ${source.endpoint}: it was probably sampled out, or it is older than the backend's retention`;
}
