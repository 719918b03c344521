// DELETE /api/tokens/[id] – revoke; the token stays in the list, marked revoked.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

const TokenDtoSchema = lazySchema(() => import("@/lib/schemas/tokens").then((m) => m.TokenDto));

export const revokeToken = (id: string) => apiFetch(`/api/tokens/${encodeURIComponent(id)}`, TokenDtoSchema, { method: "DELETE" });

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: revokeToken, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.tokens }) });
}
