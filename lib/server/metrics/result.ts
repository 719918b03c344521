// Errors as values at the metrics edge (ARCHITECTURE.md §5). Messages are written for a human
// reading them in the UI: which backend, what happened, what to check.

export type MetricsErrorKind = "unavailable" | "timeout" | "bad_response" | "unauthorized" | "bad_query";

export interface MetricsError {
  kind: MetricsErrorKind;
  message: string;
  /** HTTP status when the backend answered. */
  status?: number;
}

export type Result<T, E = MetricsError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = (kind: MetricsErrorKind, message: string, status?: number): { ok: false; error: MetricsError } => ({
  ok: false,
  error: status === undefined ? { kind, message } : { kind, message, status },
});
