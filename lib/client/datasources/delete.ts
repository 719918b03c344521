// DELETE /api/datasources/[id] – refused (409) while SLOs use the datasource; the problem's detail
// says how many, and the settings page shows it as is.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "../http";
import { queryKeys } from "../query-keys";

export const deleteDatasource = (id: string) =>
  apiFetch(`/api/datasources/${encodeURIComponent(id)}`, z.unknown(), { method: "DELETE" });

export function useDeleteDatasource() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteDatasource, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.datasources }) });
}
