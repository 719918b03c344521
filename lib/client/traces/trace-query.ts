// GET /api/traces/[traceId]?datasource=<id> – one trace, normalised (lib/schemas/trace.ts).
// A 404 is a value the page shows in words (sampled out or past retention), not a retry case.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema, queryString } from "../http";
import { queryKeys } from "../query-keys";

const TraceSchema = lazySchema(() => import("@/lib/schemas/trace").then((m) => m.Trace));

export const fetchTrace = (traceId: string, datasource: string, signal?: AbortSignal) =>
  apiFetch(`/api/traces/${encodeURIComponent(traceId)}${queryString({ datasource })}`, TraceSchema, { signal });

export const traceQueryOptions = (traceId: string, datasource: string) =>
  queryOptions({
    queryKey: queryKeys.trace(traceId, datasource),
    queryFn: ({ signal }) => fetchTrace(traceId, datasource, signal),
    // A complete trace does not change; a partial one may fill in, so it is read again after a minute.
    staleTime: 60_000,
  });

export const useTrace = (traceId: string, datasource: string) => useQuery({ ...traceQueryOptions(traceId, datasource), enabled: datasource !== "" });
