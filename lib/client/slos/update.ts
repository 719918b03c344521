// PATCH /api/slos/[id] – partial update guarded by `version` (409 when someone saved first).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { SloDto } from "@/lib/schemas/slo-dto";
import type { UpdateSloInput } from "@/lib/schemas/slo";
import { apiFetch } from "../http";
import { queryKeys } from "../query-keys";

export const updateSlo = (id: string, input: UpdateSloInput) =>
  apiFetch(`/api/slos/${encodeURIComponent(id)}`, SloDto, { method: "PATCH", body: input });

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
