// POST /api/slos/[id]/archive and /restore – both carry the version the user saw.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

const SloDtoSchema = lazySchema(() => import("@/lib/schemas/slo-dto").then((m) => m.SloDto));

export type LifecycleAction = "archive" | "restore";

export const changeSloLifecycle = (id: string, action: LifecycleAction, version: number) =>
  apiFetch(`/api/slos/${encodeURIComponent(id)}/${action}`, SloDtoSchema, { method: "POST", body: { version } });

export function useSloLifecycle(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version }: { action: LifecycleAction; version: number }) => changeSloLifecycle(id, action, version),
    onSuccess: (slo) => {
      qc.setQueryData(queryKeys.slo(id), slo);
      return qc.invalidateQueries({ queryKey: queryKeys.slos });
    },
  });
}
