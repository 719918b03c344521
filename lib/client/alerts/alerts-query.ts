// GET /api/slos/[id]/alerts – each generated alert's state (inactive / pending / firing / disabled)
// and its firing history over the SLO window, from the backend's ALERTS series. Refetched every
// minute like the status; a fixed moment in the past does not change.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema, queryString } from "../http";
import { STATUS_REFETCH_MS } from "../status/status-query";

const SloAlertsResponseSchema = lazySchema(() => import("@/lib/schemas/rules").then((m) => m.SloAlertsResponse));

/** `version` only enters the key, as for the status: an edit (say, a tier switched off) gives fresh states. */
export type AlertsParams = { at?: number; version?: number };

export const alertsKey = (idOrSlug: string, p: AlertsParams = {}) => ["slo-alerts", idOrSlug, p.version ?? null, p.at ?? "now"] as const;

export const fetchSloAlerts = (idOrSlug: string, p: AlertsParams = {}, signal?: AbortSignal) =>
  apiFetch(`/api/slos/${encodeURIComponent(idOrSlug)}/alerts${queryString({ at: p.at })}`, SloAlertsResponseSchema, { signal });

export const sloAlertsQueryOptions = (idOrSlug: string, p: AlertsParams = {}) =>
  queryOptions({
    queryKey: alertsKey(idOrSlug, p),
    queryFn: ({ signal }) => fetchSloAlerts(idOrSlug, p, signal),
    refetchInterval: p.at === undefined ? STATUS_REFETCH_MS : false,
    staleTime: p.at === undefined ? 15_000 : Infinity,
  });

export const useSloAlerts = (idOrSlug: string, p: AlertsParams = {}) => useQuery(sloAlertsQueryOptions(idOrSlug, p));
