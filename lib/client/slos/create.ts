// POST /api/slos – create an SLO; 409 on a duplicate slug, 422 on invalid fields.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateSloInput } from "@/lib/schemas/slo";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

const SloDtoSchema = lazySchema(() => import("@/lib/schemas/slo-dto").then((m) => m.SloDto));

export const createSlo = (input: CreateSloInput) => apiFetch("/api/slos", SloDtoSchema, { method: "POST", body: input });

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
