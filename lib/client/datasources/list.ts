// GET /api/datasources – for the settings page and the SLO form's datasource select.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

const DatasourceList = lazySchema(() => import("@/lib/schemas/client-answers").then((m) => m.DatasourceListAnswer));

export const fetchDatasources = (signal?: AbortSignal) => apiFetch("/api/datasources", DatasourceList, { signal });

export const datasourcesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.datasourceList(), queryFn: ({ signal }) => fetchDatasources(signal) });

export const useDatasources = () => useQuery(datasourcesQueryOptions());
