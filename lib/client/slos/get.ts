// GET /api/slos/[id] – one SLO by id or slug.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { SloDto } from "@/lib/schemas/slo-dto";
import { apiFetch } from "../http";
import { queryKeys } from "../query-keys";

export const fetchSlo = (idOrSlug: string, signal?: AbortSignal) =>
  apiFetch(`/api/slos/${encodeURIComponent(idOrSlug)}`, SloDto, { signal });

export const sloQueryOptions = (idOrSlug: string) =>
  queryOptions({ queryKey: queryKeys.slo(idOrSlug), queryFn: ({ signal }) => fetchSlo(idOrSlug, signal) });

export const useSlo = (idOrSlug: string) => useQuery(sloQueryOptions(idOrSlug));
