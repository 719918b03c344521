// POST /api/datasources and PATCH /api/datasources/[id] – the settings form saves through one hook.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateDatasourceInput, UpdateDatasourceInput } from "@/lib/schemas/datasource";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

const UpdatedDatasourceDtoSchema = lazySchema(() => import("@/lib/schemas/datasource").then((m) => m.UpdatedDatasourceDto));

const DatasourceDtoSchema = lazySchema(() => import("@/lib/schemas/datasource").then((m) => m.DatasourceDto));

export const createDatasource = (input: CreateDatasourceInput) =>
  apiFetch("/api/datasources", DatasourceDtoSchema, { method: "POST", body: input });

export const updateDatasource = (id: string, input: UpdateDatasourceInput) =>
  apiFetch(`/api/datasources/${encodeURIComponent(id)}`, UpdatedDatasourceDtoSchema, { method: "PATCH", body: input });

export type SaveDatasource =
  | { mode: "create"; input: CreateDatasourceInput }
  | { mode: "update"; id: string; input: UpdateDatasourceInput };

export function useSaveDatasource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: SaveDatasource) => (s.mode === "create" ? createDatasource(s.input) : updateDatasource(s.id, s.input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.datasources }),
  });
}
