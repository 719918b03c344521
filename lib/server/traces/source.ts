import "server-only";
// The trace backend behind one small interface (ARCHITECTURE.md §4): Tempo and Jaeger adapters
// each answer traceById with the one Trace model (lib/schemas/trace.ts), or a typed error whose
// message is written for a human (which backend, what happened, what to check).
import type { Trace } from "@/lib/schemas/trace";
import type { Deadline } from "@/lib/server/metrics/limits";
import type { Result } from "@/lib/server/metrics/result";

export type TraceErrorKind = "not_found" | "unavailable" | "timeout" | "bad_response" | "unauthorized" | "bad_request";

export interface TraceError {
  kind: TraceErrorKind;
  message: string;
  /** HTTP status when the backend answered. */
  status?: number;
}

export interface TraceByIdOptions {
  /** The API request's budget shared by every backend call it makes (lib/server/metrics/limits.ts). */
  deadline?: Deadline;
}

export interface TraceSource {
  /** "tempo" or "jaeger": names the backend in messages and problems. */
  readonly backend: "tempo" | "jaeger";
  /** Where the API lives, for messages: origin and path, never credentials. */
  readonly endpoint: string;
  /** Distinguishes sources that may see different traces (URL, tenant, credential): for caches. */
  readonly cacheKey: string;
  /** `traceId` in any accepted spelling (hex up to 32 digits, base64); normalised by the adapter. */
  traceById(traceId: string, opts?: TraceByIdOptions): Promise<Result<Trace, TraceError>>;
}

export const traceFail = (kind: TraceErrorKind, message: string, status?: number): { ok: false; error: TraceError } => ({
  ok: false,
  error: status === undefined ? { kind, message } : { kind, message, status },
});
