// GET /api/rules/sync – the last rules sync (when, whether it failed, what drift it found), so the
// SLO page can say whether its generated rules have reached the backend.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema } from "../http";

const LastRulesSyncSchema = lazySchema(() => import("@/lib/schemas/rules").then((m) => m.LastRulesSync));

export const lastSyncKey = ["rules-sync", "last"] as const;

export const fetchLastSync = (signal?: AbortSignal) => apiFetch("/api/rules/sync", LastRulesSyncSchema, { signal });

export const lastSyncQueryOptions = () => queryOptions({ queryKey: lastSyncKey, queryFn: ({ signal }) => fetchLastSync(signal), staleTime: 30_000, refetchInterval: 60_000 });

export const useLastSync = () => useQuery(lastSyncQueryOptions());
