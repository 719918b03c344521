// GET /api/slos/[id]/revisions – who changed what and when, newest first.
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { SloRevisionDto } from "@/lib/schemas/slo-dto";
import { apiFetch, lazySchema } from "../http";
import { queryKeys } from "../query-keys";

export type SloRevision = SloRevisionDto;
const SloRevisionList = lazySchema(() => import("@/lib/schemas/client-answers").then((m) => m.SloRevisionList));

export const fetchSloRevisions = (idOrSlug: string, signal?: AbortSignal) =>
  apiFetch(`/api/slos/${encodeURIComponent(idOrSlug)}/revisions`, SloRevisionList, { signal });

export const sloRevisionsQueryOptions = (idOrSlug: string) =>
  queryOptions({
    queryKey: queryKeys.sloRevisions(idOrSlug),
    queryFn: ({ signal }) => fetchSloRevisions(idOrSlug, signal),
    select: (d) => [...d.items].sort((a, b) => b.version - a.version),
  });

export const useSloRevisions = (idOrSlug: string) => useQuery(sloRevisionsQueryOptions(idOrSlug));
