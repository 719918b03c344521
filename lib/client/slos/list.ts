// GET /api/slos – the catalogue page's table.
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { SloDto } from "@/lib/schemas/slo-dto";
import type { ListSlosQuery } from "@/lib/schemas/slo";
import { apiFetch, queryString } from "../http";
import { queryKeys } from "../query-keys";

export const SloList = z.object({ items: z.array(SloDto), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type SloList = z.infer<typeof SloList>;

export type SloListQuery = Partial<ListSlosQuery>;

export const fetchSlos = (q: SloListQuery, signal?: AbortSignal) =>
  apiFetch(`/api/slos${queryString({ ...q })}`, SloList, { signal });

export const slosQueryOptions = (q: SloListQuery) =>
  queryOptions({
    queryKey: queryKeys.sloList(q),
    queryFn: ({ signal }) => fetchSlos(q, signal),
    // Keep the old page on screen while the next filter/page loads, instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });

export const useSlos = (q: SloListQuery) => useQuery(slosQueryOptions(q));
