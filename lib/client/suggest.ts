// POST /api/suggest – history, candidate thresholds and suggested targets for a selection.
// A POST that only reads: it goes through react-query as a query keyed by its body, so the same
// choices (a back/forward step, a re-render) reuse the answer instead of asking Prometheus again.
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { SuggestRequest } from "@/lib/schemas/suggest";
import { apiFetch, lazySchema } from "./http";

const SuggestResponseSchema = lazySchema(() => import("@/lib/schemas/suggest").then((m) => m.SuggestResponse));

export type SuggestBody = z.input<typeof SuggestRequest>;

export const fetchSuggest = (body: SuggestBody, signal?: AbortSignal) => apiFetch("/api/suggest", SuggestResponseSchema, { method: "POST", body, signal });

export const suggestQueryOptions = (body: SuggestBody | null) =>
  queryOptions({
    queryKey: ["suggest", body] as const,
    queryFn: ({ signal }) => fetchSuggest(body!, signal),
    enabled: body !== null,
    // History does not change under the user's eyes; keep the last answer while a new one loads
    // (an exclusion added), so the charts do not blink away.
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  });

export const useSuggest = (body: SuggestBody | null) => useQuery(suggestQueryOptions(body));
