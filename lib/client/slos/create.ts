// POST /api/slos – create an SLO; 409 on a duplicate slug, 422 on invalid fields.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { SloDto } from "@/lib/schemas/slo-dto";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { apiFetch } from "../http";
import { queryKeys } from "../query-keys";

export const createSlo = (input: CreateSloInput) => apiFetch("/api/slos", SloDto, { method: "POST", body: input });

export function useCreateSlo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createSlo,
    onSuccess: (slo) => {
      qc.setQueryData(queryKeys.slo(slo.id), slo);
      return qc.invalidateQueries({ queryKey: queryKeys.slos });
    },
  });
}
