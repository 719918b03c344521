// GET /api/overview – every active SLO in one response. The server page prefetches this key with
// the overview verb and the client reads it back, so the first view arrives rendered. Refetched
// every minute while on screen; a past moment never changes. The dashboard asks for everything and
// filters by team and service itself: switching filters is then instant and the pickers list all.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema, queryString } from "../http";

const OverviewResponseSchema = lazySchema(() => import("@/lib/schemas/overview").then((m) => m.OverviewResponse));

export const OVERVIEW_REFETCH_MS = 60_000;

export const overviewKey = (at: number | undefined) => ["overview", at ?? "now"] as const;

export const fetchOverview = (at: number | undefined, signal?: AbortSignal) => apiFetch(`/api/overview${queryString({ at })}`, OverviewResponseSchema, { signal });

export const overviewQueryOptions = (at: number | undefined) =>
  queryOptions({
    queryKey: overviewKey(at),
    queryFn: ({ signal }) => fetchOverview(at, signal),
    refetchInterval: at === undefined ? OVERVIEW_REFETCH_MS : false,
    staleTime: at === undefined ? 30_000 : Infinity,
  });

export const useOverview = (at: number | undefined) => useQuery(overviewQueryOptions(at));
