// GET /api/slos/[id] – one SLO by id or slug.
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

const SloDtoSchema = lazySchema(() => import("@/lib/schemas/slo-dto").then((m) => m.SloDto));

export const fetchSlo = (idOrSlug: string, signal?: AbortSignal) =>
  apiFetch(`/api/slos/${encodeURIComponent(idOrSlug)}`, SloDtoSchema, { signal });

export const sloQueryOptions = (idOrSlug: string) =>
  queryOptions({ queryKey: queryKeys.slo(idOrSlug), queryFn: ({ signal }) => fetchSlo(idOrSlug, signal) });

export const useSlo = (idOrSlug: string) => useQuery(sloQueryOptions(idOrSlug));
