// GET /api/slos – the catalogue page's table.
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { ListSlosQuery } from "@/lib/schemas/slo";
import type { SloList } from "@/lib/schemas/client-answers";
import { apiFetch, lazySchema, queryString } from "../http";
import { queryKeys } from "../query-keys";

export type { SloList };

const SloListSchema = lazySchema(() => import("@/lib/schemas/client-answers").then((m) => m.SloList));

export type SloListQuery = Partial<ListSlosQuery>;

export const fetchSlos = (q: SloListQuery, signal?: AbortSignal) =>
  apiFetch(`/api/slos${queryString({ ...q })}`, SloListSchema, { signal });

export const slosQueryOptions = (q: SloListQuery) =>
  queryOptions({
    queryKey: queryKeys.sloList(q),
    queryFn: ({ signal }) => fetchSlos(q, signal),
    // Keep the old page on screen while the next filter/page loads, instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });

export const useSlos = (q: SloListQuery) => useQuery(slosQueryOptions(q));
