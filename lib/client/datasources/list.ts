// GET /api/datasources – for the settings page and the SLO form's datasource select.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { DatasourceDto } from "@/lib/schemas/datasource";
import { apiFetch } from "../http";
import { queryKeys } from "../query-keys";

// Accept both `{items: [...]}` and a bare array: the list endpoint's envelope is not pinned yet.
const DatasourceList = z
  .union([z.object({ items: z.array(DatasourceDto) }), z.array(DatasourceDto)])
  .transform((d) => (Array.isArray(d) ? d : d.items));

export const fetchDatasources = (signal?: AbortSignal) => apiFetch("/api/datasources", DatasourceList, { signal });

export const datasourcesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.datasourceList(), queryFn: ({ signal }) => fetchDatasources(signal) });

export const useDatasources = () => useQuery(datasourcesQueryOptions());
