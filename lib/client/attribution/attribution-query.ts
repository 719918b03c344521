// GET /api/slos/[id]/attribution – bad requests per dimension value over the SLO window (or
// `window`, a duration such as "1d"), as of `at` (absent = now). Refetched every minute like the status.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema, queryString } from "../http";
import { queryKeys } from "../query-keys";
import { STATUS_REFETCH_MS } from "../status/status-query";

const AttributionResponseSchema = lazySchema(() => import("@/lib/schemas/attribution").then((m) => m.AttributionResponse));

export type AttributionParams = { at?: number; window?: string; version?: number };

export const fetchAttribution = (idOrSlug: string, p: AttributionParams = {}, signal?: AbortSignal) =>
  apiFetch(`/api/slos/${encodeURIComponent(idOrSlug)}/attribution${queryString({ at: p.at, window: p.window })}`, AttributionResponseSchema, { signal });

export const attributionQueryOptions = (idOrSlug: string, p: AttributionParams = {}) =>
  queryOptions({
    queryKey: queryKeys.sloAttribution(idOrSlug, p),
    queryFn: ({ signal }) => fetchAttribution(idOrSlug, p, signal),
    refetchInterval: p.at === undefined ? STATUS_REFETCH_MS : false,
    staleTime: p.at === undefined ? 15_000 : Infinity,
  });

export const useAttribution = (idOrSlug: string, p: AttributionParams = {}) => useQuery(attributionQueryOptions(idOrSlug, p));
