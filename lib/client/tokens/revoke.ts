// DELETE /api/tokens/[id] – revoke; the token stays in the list, marked revoked.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TokenDto } from "@/lib/schemas/tokens";
import { apiFetch } from "../http";
import { queryKeys } from "../query-keys";

export const revokeToken = (id: string) => apiFetch(`/api/tokens/${encodeURIComponent(id)}`, TokenDto, { method: "DELETE" });

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: revokeToken, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.tokens }) });
}
