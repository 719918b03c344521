// POST /api/tokens – the answer is the only place the whole token ever appears; the caller shows it
// once and drops it (it is not put in the query cache).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateTokenInput } from "@/lib/schemas/tokens";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

const CreatedTokenDtoSchema = lazySchema(() => import("@/lib/schemas/tokens").then((m) => m.CreatedTokenDto));

export const createToken = (input: CreateTokenInput) => apiFetch("/api/tokens", CreatedTokenDtoSchema, { method: "POST", body: input });

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createToken, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.tokens }) });
}
