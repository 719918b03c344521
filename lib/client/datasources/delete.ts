// DELETE /api/datasources/[id] – refused (409) while SLOs use the datasource; the problem's detail
// says how many, and the settings page shows it as is.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, lazySchema } from "../http";

const AnyAnswer = lazySchema(() => import("@/lib/schemas/client-answers").then((m) => m.AnyAnswer));
import { queryKeys } from "../query-keys";

export const deleteDatasource = (id: string) =>
  apiFetch(`/api/datasources/${encodeURIComponent(id)}`, AnyAnswer, { method: "DELETE" });

export function useDeleteDatasource() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteDatasource, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.datasources }) });
}
