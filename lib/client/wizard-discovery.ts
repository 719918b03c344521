// GET /api/discovery/{services,operations,span-kinds} – the wizard's pickers, with request rates.
// The look-back spans the baseline (a service quiet in the last hour still shows up).
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { DiscoveryResponse } from "@/lib/schemas/client-answers";
import { apiFetch, lazySchema, queryString } from "./http";

export type { DiscoveryResponse };

const DiscoveryResponseSchema = lazySchema(() => import("@/lib/schemas/client-answers").then((m) => m.DiscoveryResponse));
export type DiscoveryDimension = DiscoveryResponse["dimension"];

export type DiscoveryParams = { datasource: string; service?: string; operation?: string; lookback?: number; at?: number };

export const fetchDiscovery = (dimension: DiscoveryDimension, p: DiscoveryParams, signal?: AbortSignal) =>
  apiFetch(`/api/discovery/${dimension}${queryString(p)}`, DiscoveryResponseSchema, { signal });

export const discoveryQueryOptions = (dimension: DiscoveryDimension, p: DiscoveryParams, enabled = true) =>
  queryOptions({
    queryKey: ["discovery", dimension, p] as const,
    queryFn: ({ signal }) => fetchDiscovery(dimension, p, signal),
    enabled,
    staleTime: 60_000,
    retry: false,
  });

export const useDiscovery = (dimension: DiscoveryDimension, p: DiscoveryParams, enabled = true) => useQuery(discoveryQueryOptions(dimension, p, enabled));

/** Case-insensitive substring filter for a picker's search box. */
export const filterItems = <T extends { value: string; label?: string }>(items: T[], q: string) => {
  const needle = q.trim().toLowerCase();
  return needle ? items.filter((i) => (i.label ?? i.value).toLowerCase().includes(needle)) : items;
};
