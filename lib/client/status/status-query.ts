// GET /api/slos/[id]/status – SLI, budget, burn rates as of `at` (unix seconds; absent = now),
// optionally with the burn-down across the window. Refetched every minute while on screen.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema, queryString } from "../http";

const SloStatusResponseSchema = lazySchema(() => import("@/lib/schemas/status").then((m) => m.SloStatusResponse));

export const STATUS_REFETCH_MS = 60_000;

/**
 * `version` (the SLO's, when known) only enters the cache key: an edit or archive gives a fresh
 * status without the catalogue's mutations having to wait for a slow Prometheus, which they would
 * if these keys sat under the catalogue's ["slos"] prefix that mutations invalidate and await.
 */
export type StatusParams = { at?: number; burnDownStep?: number; version?: number };

export const statusKey = (idOrSlug: string, p: StatusParams = {}) => ["slo-status", idOrSlug, p.version ?? null, p.at ?? "now", p.burnDownStep ?? null] as const;

export const fetchSloStatus = (idOrSlug: string, p: StatusParams = {}, signal?: AbortSignal) =>
  apiFetch(`/api/slos/${encodeURIComponent(idOrSlug)}/status${queryString({ at: p.at, burnDownStep: p.burnDownStep })}`, SloStatusResponseSchema, { signal });

export const sloStatusQueryOptions = (idOrSlug: string, p: StatusParams = {}) =>
  queryOptions({
    queryKey: statusKey(idOrSlug, p),
    queryFn: ({ signal }) => fetchSloStatus(idOrSlug, p, signal),
    // A fixed moment in the past does not change; "now" does.
    refetchInterval: p.at === undefined ? STATUS_REFETCH_MS : false,
    staleTime: p.at === undefined ? 15_000 : Infinity,
  });

export const useSloStatus = (idOrSlug: string, p: StatusParams = {}, enabled = true) => useQuery({ ...sloStatusQueryOptions(idOrSlug, p), enabled });
