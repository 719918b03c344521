// GET /api/slos/[id]/exemplars – the SLO's exemplars over [from, to], slowest first, optionally only
// those above the threshold or of one label value; and /exemplars/check for one trace on click.
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema, queryString } from "../http";
import { queryKeys } from "../query-keys";

const TraceCheckResponseSchema = lazySchema(() => import("@/lib/schemas/exemplars").then((m) => m.TraceCheckResponse));

const SloExemplarsResponseSchema = lazySchema(() => import("@/lib/schemas/exemplars").then((m) => m.SloExemplarsResponse));

export type ExemplarsParams = { from: number; to: number; above?: boolean; label?: string; value?: string; limit?: number; version?: number };

export const fetchSloExemplars = (idOrSlug: string, p: ExemplarsParams, signal?: AbortSignal) =>
  apiFetch(
    `/api/slos/${encodeURIComponent(idOrSlug)}/exemplars${queryString({ from: p.from, to: p.to, above: p.above ? 1 : undefined, label: p.label, value: p.label ? p.value : undefined, limit: p.limit })}`,
    SloExemplarsResponseSchema,
    { signal },
  );

export const sloExemplarsQueryOptions = (idOrSlug: string, p: ExemplarsParams) =>
  queryOptions({
    queryKey: queryKeys.sloExemplars(idOrSlug, p),
    queryFn: ({ signal }) => fetchSloExemplars(idOrSlug, p, signal),
    // Ranges are fixed numbers in the key: the same range always reads the same exemplars.
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });

export const useSloExemplars = (idOrSlug: string, p: ExemplarsParams, enabled = true) => useQuery({ ...sloExemplarsQueryOptions(idOrSlug, p), enabled });

/** Asked right before opening a trace: it may have expired since the list was made. */
export const checkSloTrace = (idOrSlug: string, traceId: string, signal?: AbortSignal) =>
  apiFetch(`/api/slos/${encodeURIComponent(idOrSlug)}/exemplars/check${queryString({ traceId })}`, TraceCheckResponseSchema, { signal });
