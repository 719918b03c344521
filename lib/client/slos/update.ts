// PATCH /api/slos/[id] – partial update guarded by `version` (409 when someone saved first).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { UpdateSloInput } from "@/lib/schemas/slo";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

const SloDtoSchema = lazySchema(() => import("@/lib/schemas/slo-dto").then((m) => m.SloDto));

export const updateSlo = (id: string, input: UpdateSloInput) =>
  apiFetch(`/api/slos/${encodeURIComponent(id)}`, SloDtoSchema, { method: "PATCH", body: input });

export function useUpdateSlo(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSloInput) => updateSlo(id, input),
    onSuccess: (slo) => {
      qc.setQueryData(queryKeys.slo(slo.id), slo);
      return qc.invalidateQueries({ queryKey: queryKeys.slos });
    },
  });
}
