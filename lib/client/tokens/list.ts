// GET /api/tokens – the signed-in user's API tokens for Settings → API tokens (no secrets in it).
import { queryOptions, useQuery } from "@tanstack/react-query";
import { TokenList } from "@/lib/schemas/tokens";
import { apiFetch } from "../http";
import { queryKeys } from "../query-keys";

export const fetchTokens = (signal?: AbortSignal) => apiFetch("/api/tokens", TokenList, { signal });

export const tokensQueryOptions = () => queryOptions({ queryKey: queryKeys.tokens, queryFn: ({ signal }) => fetchTokens(signal) });

export const useTokens = () => useQuery(tokensQueryOptions());
