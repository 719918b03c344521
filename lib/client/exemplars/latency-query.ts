// GET /api/slos/[id]/latency – bucket-resolution p50/p90/p99 and request rate per step over [from, to].
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema, queryString } from "../http";
import { queryKeys } from "../query-keys";

const SloLatencyResponseSchema = lazySchema(() => import("@/lib/schemas/latency").then((m) => m.SloLatencyResponse));

export type LatencyParams = { from: number; to: number; step?: number; version?: number };

export const fetchSloLatency = (idOrSlug: string, p: LatencyParams, signal?: AbortSignal) =>
  apiFetch(`/api/slos/${encodeURIComponent(idOrSlug)}/latency${queryString({ from: p.from, to: p.to, step: p.step })}`, SloLatencyResponseSchema, { signal });

export const sloLatencyQueryOptions = (idOrSlug: string, p: LatencyParams) =>
  queryOptions({
    queryKey: queryKeys.sloLatency(idOrSlug, p),
    queryFn: ({ signal }) => fetchSloLatency(idOrSlug, p, signal),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });

export const useSloLatency = (idOrSlug: string, p: LatencyParams) => useQuery(sloLatencyQueryOptions(idOrSlug, p));
