// GET /api/slos/[id]/timeseries – per-step SLI and request rate over the `spanSeconds` before
// `at` (absent = now, computed when the query runs so the key stays stable).
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema, queryString } from "../http";
import { STATUS_REFETCH_MS } from "./status-query";

const SloTimeseriesResponseSchema = lazySchema(() => import("@/lib/schemas/status").then((m) => m.SloTimeseriesResponse));

/** `version` only enters the cache key (see status-query.ts). */
export type TimeseriesParams = { at?: number; spanSeconds: number; stepSeconds?: number; version?: number };

export const fetchSloTimeseries = (idOrSlug: string, p: TimeseriesParams, signal?: AbortSignal) => {
  const to = p.at ?? Math.floor(Date.now() / 1000);
  return apiFetch(`/api/slos/${encodeURIComponent(idOrSlug)}/timeseries${queryString({ from: to - p.spanSeconds, to, step: p.stepSeconds })}`, SloTimeseriesResponseSchema, { signal });
};

export const sloTimeseriesQueryOptions = (idOrSlug: string, p: TimeseriesParams) =>
  queryOptions({
    queryKey: ["slo-timeseries", idOrSlug, p.version ?? null, p.at ?? "now", p.spanSeconds, p.stepSeconds ?? null] as const,
    queryFn: ({ signal }) => fetchSloTimeseries(idOrSlug, p, signal),
    refetchInterval: p.at === undefined ? STATUS_REFETCH_MS : false,
    staleTime: p.at === undefined ? 15_000 : Infinity,
    placeholderData: keepPreviousData,
  });

export const useSloTimeseries = (idOrSlug: string, p: TimeseriesParams) => useQuery(sloTimeseriesQueryOptions(idOrSlug, p));
