// GET /api/datasources – for the settings page and the SLO form's datasource select.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { DatasourceDto } from "@/lib/schemas/datasource";
import { apiFetch } from "../http";
import { queryKeys } from "../query-keys";

const DatasourceList = z.object({ items: z.array(DatasourceDto) }).transform((d) => d.items);

export const fetchDatasources = (signal?: AbortSignal) => apiFetch("/api/datasources", DatasourceList, { signal });

export const datasourcesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.datasourceList(), queryFn: ({ signal }) => fetchDatasources(signal) });

export const useDatasources = () => useQuery(datasourcesQueryOptions());
