// GET /api/tokens – the signed-in user's API tokens for Settings → API tokens (no secrets in it).
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

const TokenListSchema = lazySchema(() => import("@/lib/schemas/tokens").then((m) => m.TokenList));

export const fetchTokens = (signal?: AbortSignal) => apiFetch("/api/tokens", TokenListSchema, { signal });

export const tokensQueryOptions = () => queryOptions({ queryKey: queryKeys.tokens, queryFn: ({ signal }) => fetchTokens(signal) });

export const useTokens = () => useQuery(tokensQueryOptions());
